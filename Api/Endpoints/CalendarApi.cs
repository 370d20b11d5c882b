using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Realtime.Api.Auth;
using Realtime.Api.Endpoints.Support;
using Realtime.Api.Errors;
using Realtime.Grains.Domain.Schedules;
using Realtime.Api.Live;
using Realtime.Grains.Caching;
using Realtime.Grains.Domain.Appointments;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Interfaces.Organizations;
using Realtime.Grains.Interfaces.Resources;
using Realtime.Grains.Interfaces.Feeds;
using Realtime.Grains.Interfaces.Holds;
using Realtime.Grains.Projections;

namespace Realtime.Api.Endpoints;

public static class CalendarApi
{
    /// <summary>
    /// A location's day as of feed position (<see cref="Epoch"/>, <see cref="Sequence"/>): apply later changes on top.
    /// <see cref="Holds"/> are the slots clients hold right now (not yet booked). <see cref="Conflicts"/> name, for each
    /// booked or arrived visit outside its resources' working time (time off included), each resource away and why
    /// (<c>timeOff</c> with the time off's note, or <c>outsideWorkingHours</c>): the visits to rebook. They hold as of
    /// the snapshot: a visit changed later is checked again with the next snapshot. <see cref="Elsewhere"/> is the time the
    /// desk's resources are taken at other locations of the organisation that day (<see cref="BusyElsewhere"/>).
    /// </summary>
    public sealed record CalendarSnapshot(
        Guid LocationId, DateOnly Date, string TimeZone, string Epoch, long Sequence, AppointmentView[] Appointments, ClientSummary[] Clients,
        HoldView[] Holds, WorkingTimeConflict[] Conflicts, BusyElsewhere[] Elsewhere);

    public static IEndpointRouteBuilder MapCalendarApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/locations/{id:guid}/calendar", Snapshot).WithTags("Calendar").RequireAuthorization(Policies.Staff)
            .WithSummary("A location's local day: appointments, their clients and the slots held, as of a feed position.")
            .WithDescription(
                "conflicts names each booked or arrived visit outside its resources' working time, time off included: " +
                "{appointmentId, resourceId, resourceName, kind: timeOff (with the time off's note) | outsideWorkingHours, note}. " +
                "These are the visits to rebook. The hub's appointmentChanged carries a changed visit's conflicts the same way, " +
                "and scheduleChanged (a resource's working time at the location changed) asks the desk to load the snapshot again. " +
                "elsewhere lists, for the resources the desk shows (those working at the location, and those of its visits that day), " +
                "the time they are taken at other locations of the organisation that day, as busy blocks " +
                "{appointmentId, resourceIds (only those shown here), start, end (occupied time, buffers included), locationId, locationName, " +
                "kind: appointment | break}: no client, notes or price of the other location. The hub's busyElsewhere " +
                "{locationId, epoch, sequence, appointmentId, busy} follows them in the feed's numbering: busy replaces the block of " +
                "that appointment, and null removes it (moved away, cancelled, deleted).");
        return app;
    }

    /// <summary>Everything at one location on one of its local days, breaks and cancelled visits included.</summary>
    private static async Task<Results<Ok<CalendarSnapshot>, ProblemHttpResult>> Snapshot(
        Guid id, string? date, HttpContext http, IGrainFactory grains, IAppointmentReadModel appointments, DefinitionCache definitions,
        CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        if (await grains.Location(caller, id) is not { } location) return Problems.NotFound("The location");
        var fields = new RequestFields();
        if (fields.LocalDate(date, "date") is not { } day || !fields.Valid)
        {
            if (string.IsNullOrEmpty(date)) fields.Add("date", "Required, such as 2026-11-23.");
            return fields.Problem;
        }

        var zone = TimeZones.Get(location.Definition.TimeZone);
        var localDay = new LocalDate(day.Year, day.Month, day.Day);
        var from = zone.AtStartOfDay(localDay).ToDateTimeOffset();
        var to = zone.AtStartOfDay(localDay.PlusDays(1)).ToDateTimeOffset();
        // The position is read first: every change up to it is already in the read model (see LocationFeedEffect).
        var (position, holds) = await grains.GetGrain<ILocationFeedGrain>(id).Holds();
        var found = await appointments.QueryAll(new AppointmentQuery(caller.OrganizationId) { LocationId = id, From = from, To = to }, ct);

        // A class's seat holders too, so the desk can name everyone in it.
        var clients = await ClientSummary.Of(grains, found.SelectMany(a => a.Seats).Concat(found.Select(a => a.ClientId).OfType<Guid>()));
        return TypedResults.Ok(new CalendarSnapshot(
            id, day, location.Definition.TimeZone, position.Epoch, position.Sequence, [.. found], clients,
            [.. holds.Where(h => h.Start < to && h.End > from)],
            await VisitConflicts.Of(definitions, found, location.Definition.TimeZone),
            await ElsewhereBlocks(id, found, new TimeRange(from, to), caller, grains, appointments, definitions, ct)));
    }

    /// <summary>
    /// The visits and breaks at the organisation's other locations that occupy the desk's resources during the day. Read
    /// past the key's location limit on purpose: what leaves here is only the bare <see cref="BusyElsewhere"/> block.
    /// </summary>
    private static async Task<BusyElsewhere[]> ElsewhereBlocks(
        Guid locationId, IReadOnlyCollection<AppointmentView> visitsHere, TimeRange day, Caller caller, IGrainFactory grains,
        IAppointmentReadModel appointments, DefinitionCache definitions, CancellationToken ct)
    {
        var directory = await grains.GetGrain<IOrganizationGrain>(caller.OrganizationId).GetDirectory();
        var resources = await Task.WhenAll(directory.ResourceIds.Select(definitions.Resource));
        var shown = BusyElsewhereRules.ShownAt(locationId, resources.OfType<ResourceView>(), visitsHere);
        if (shown.Count == 0) return [];

        var reaching = BusyElsewhereRules.VisitsReaching(day);
        var busy = await appointments.QueryAll(
            new AppointmentQuery(caller.OrganizationId)
            {
                From = reaching.Start, To = reaching.End, AnyResourceIds = shown,
                Statuses = [.. Enum.GetValues<AppointmentStatus>().Where(AppointmentTransitions.OccupiesTime)],
            },
            ct);
        var blocks = new List<BusyElsewhere>();
        foreach (var visit in busy.Where(v => v.LocationId != locationId && v.Occupied.Overlaps(day)))
        {
            var visitLocationName = (await definitions.Location(visit.LocationId))?.Definition.Name ?? "";
            if (BusyElsewhereRules.Block(visit, deleted: false, locationId, shown, visitLocationName) is { } block) blocks.Add(block);
        }

        return [.. blocks];
    }
}
