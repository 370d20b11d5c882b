using Microsoft.AspNetCore.Http.HttpResults;
using Realtime.Api.Auth;
using Realtime.Api.Contracts;
using Realtime.Api.Errors;
using Realtime.Api.Live;
using Realtime.Grains.Caching;
using Realtime.Grains.Domain.Schedules;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Interfaces.Resources;
using Realtime.Grains.Projections;

namespace Realtime.Api.Endpoints.Support;

/// <summary>
/// A visit still to happen that lies outside the changed resource's working time: for the desk to rebook (nothing is
/// moved or cancelled by itself). <see cref="Reason"/> says whether the resource is off (with the time off's
/// <see cref="Note"/>) or outside its hours.
/// </summary>
public sealed record VisitToRebook(
    Guid Id, Guid LocationId, DateTimeOffset Start, int DurationMinutes, AppointmentStatus Status,
    Guid? ClientId, string? ClientName, string[] Services, WorkingTimeConflictKind Reason, string? Note);

/// <summary>What the answers to schedule changes need to list <see cref="VisitToRebook"/>s (bound by <c>[AsParameters]</c>).</summary>
internal sealed record Rebooking(
    IAppointmentReadModel Appointments, DefinitionCache Definitions, IGrainFactory Grains, TimeProvider Time, CancellationToken Aborted)
{
    public static readonly TimeRange FromNowOn = new(DateTimeOffset.MinValue, DateTimeOffset.MaxValue);

    /// <summary>The instants a dated exception covers at its location (none when the location is gone or the span empty).</summary>
    public async Task<TimeRange?> During(ScheduleException exception) =>
        await Definitions.Location(exception.LocationId) is { } location ? WorkingTime.Span(exception, location.Definition.TimeZone) : null;

    /// <summary>The changed resource with the visits inside <paramref name="window"/> it left outside its working time; a refusal as it is.</summary>
    public async Task<Results<Ok<ScheduleChangeResponse>, ProblemHttpResult>> Answer(Result<ResourceView> changed, Caller caller, TimeRange? window)
    {
        if (!changed.IsSuccess) return Problems.From(changed.Error!);
        var visits = window is { } within ? await Find(changed.Value!, within, caller) : [];
        return TypedResults.Ok(new ScheduleChangeResponse(changed.Value!, visits));
    }

    /// <summary>
    /// The resource's booked or arrived visits overlapping <paramref name="window"/> (from now on) at locations the caller
    /// may see that <see cref="OffWorkVisits"/> finds outside its working time, by start. Read from the appointment list,
    /// which follows bookings shortly after their answers: a visit booked a moment ago may be missing.
    /// </summary>
    private async Task<VisitToRebook[]> Find(ResourceView resource, TimeRange window, Caller caller)
    {
        var now = Time.GetUtcNow();
        var from = window.Start > now ? window.Start : now;
        if (window.End <= from) return [];
        var found = await Appointments.QueryAll(new AppointmentQuery(caller.OrganizationId)
        {
            ResourceId = resource.Id, From = from, To = window.End == DateTimeOffset.MaxValue ? null : window.End,
            Statuses = [AppointmentStatus.Booked, AppointmentStatus.Arrived],
        }, Aborted);

        var resources = new Dictionary<Guid, ResourceView> { [resource.Id] = resource };
        var away = new List<(AppointmentView Visit, WorkingTimeConflict Conflict)>();
        foreach (var visit in found.Where(v => caller.CanAccess(v.LocationId)))
        {
            if (await Definitions.Location(visit.LocationId) is not { } location) continue;
            if (OffWorkVisits.Conflicts(visit, resources, location.Definition.TimeZone) is [var conflict]) away.Add((visit, conflict));
        }
        if (away.Count == 0) return [];

        var clients = (await ClientSummary.Of(Grains, away.Select(a => a.Visit.ClientId).OfType<Guid>())).ToDictionary(c => c.Id);
        var services = new Dictionary<Guid, string>();
        foreach (var id in away.SelectMany(a => a.Visit.ServiceIds).Distinct())
        {
            if (await Definitions.Service(id) is { } service) services[id] = service.Definition.Name;
        }
        return [.. away.OrderBy(a => a.Visit.Start).Select(a => new VisitToRebook(
            a.Visit.Id, a.Visit.LocationId, a.Visit.Start, a.Visit.DurationMinutes, a.Visit.Status, a.Visit.ClientId,
            a.Visit.ClientId is { } clientId && clients.TryGetValue(clientId, out var client) ? $"{client.FirstName} {client.LastName}" : null,
            [.. a.Visit.ServiceIds.Select(id => services.GetValueOrDefault(id)).OfType<string>()],
            a.Conflict.Kind, a.Conflict.Note))];
    }
}
