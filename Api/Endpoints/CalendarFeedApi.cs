using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Realtime.Api.Auth;
using Realtime.Api.Endpoints.Support;
using Realtime.Api.Errors;
using Realtime.Api.Idempotency;
using Realtime.Api.Live;
using Realtime.Grains.Caching;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Organizations;
using Realtime.Grains.Interfaces.Resources;
using Realtime.Grains.Projections;

namespace Realtime.Api.Endpoints;

/// <summary>
/// Each resource's calendar as an iCalendar (RFC 5545) feed at a secret, revocable URL, so staff can follow it in any
/// calendar app: one VEVENT per appointment with a stable UID and a SEQUENCE that grows with every change.
/// </summary>
public static class CalendarFeedApi
{
    public sealed record CalendarFeedResponse(string Url);

    private static readonly TimeSpan History = TimeSpan.FromDays(60);
    private static readonly TimeSpan Horizon = TimeSpan.FromDays(366);

    public static IEndpointRouteBuilder MapCalendarFeedApi(this IEndpointRouteBuilder app)
    {
        var feed = app.MapGroup("/api/resources/{id:guid}").WithTags("Resources");
        feed.MapPost("/calendar-feed", Issue).RequireAuthorization(Policies.Admin).Idempotent();
        feed.MapDelete("/calendar-feed", Revoke).RequireAuthorization(Policies.Admin);
        feed.MapGet("/calendar.ics", Feed).AllowAnonymous();
        return app;
    }

    private static async Task<Results<Created<CalendarFeedResponse>, ProblemHttpResult>> Issue(Guid id, HttpContext http, IGrainFactory grains)
    {
        if (await grains.Resource(Caller.From(http.User), id) is null) return Problems.NotFound("The resource");
        var issued = await grains.GetGrain<IResourceGrain>(id).IssueCalendarFeedToken();
        if (issued.Error is { } error) return Problems.From(error);
        var url = $"{http.Request.Scheme}://{http.Request.Host}/api/resources/{id}/calendar.ics?token={Uri.EscapeDataString(issued.Value!)}";
        return TypedResults.Created(url, new CalendarFeedResponse(url));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Revoke(Guid id, HttpContext http, IGrainFactory grains)
    {
        if (await grains.Resource(Caller.From(http.User), id) is null) return Problems.NotFound("The resource");
        var revoked = await grains.GetGrain<IResourceGrain>(id).RevokeCalendarFeed();
        return revoked.IsSuccess ? TypedResults.NoContent() : Problems.From(revoked.Error!);
    }

    /// <summary>Anyone with the URL may read it; a wrong or revoked token looks exactly like an unknown resource.</summary>
    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Feed(
        Guid id, string? token, IGrainFactory grains, DefinitionCache definitions, IAppointmentReadModel readModel, TimeProvider time,
        CancellationToken ct)
    {
        var resource = grains.GetGrain<IResourceGrain>(id);
        if (string.IsNullOrEmpty(token) || !await resource.AcceptsCalendarFeedToken(token) || await resource.Get() is not { } view)
        {
            return Problems.NotFound("The calendar");
        }

        var now = time.GetUtcNow();
        var appointments = await readModel.QueryAll(
            new AppointmentQuery(view.OrganizationId) { ResourceId = id, From = now - History, To = now + Horizon }, ct);

        var clients = (await ClientSummary.Of(grains, appointments.Select(a => a.ClientId).OfType<Guid>())).ToDictionary(c => c.Id);
        var locations = await Task.WhenAll(appointments.Select(a => a.LocationId).Distinct().Select(definitions.Location));
        var locationNames = locations.OfType<LocationView>().ToDictionary(l => l.Id, l => l.Definition.Name);
        var services = await Task.WhenAll(appointments.SelectMany(a => a.ServiceIds).Distinct().Select(definitions.Service));
        var serviceNames = services.OfType<ServiceView>().ToDictionary(s => s.Id, s => s.Definition.Name);
        var calendar = Build(view, appointments, clients, locationNames, serviceNames, now);
        return TypedResults.Text(new CalendarSerializer().SerializeToString(calendar) ?? "", "text/calendar; charset=utf-8");
    }

    private static Calendar Build(
        ResourceView resource, IEnumerable<AppointmentView> appointments, IReadOnlyDictionary<Guid, ClientSummary> clients,
        IReadOnlyDictionary<Guid, string> locations, IReadOnlyDictionary<Guid, string> services, DateTimeOffset now)
    {
        var calendar = new Calendar { ProductId = "-//Realtime//Scheduling//EN" };
        calendar.AddProperty("X-WR-CALNAME", resource.Name);
        foreach (var appointment in appointments)
        {
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"{appointment.Id}@realtime",
                Sequence = (int)Math.Min(appointment.Version, int.MaxValue),
                DtStamp = new CalDateTime(now.UtcDateTime),
                Start = new CalDateTime(appointment.Start.UtcDateTime),
                End = new CalDateTime(appointment.End.UtcDateTime),
                Summary = Summary(appointment, clients, services),
                Location = locations.GetValueOrDefault(appointment.LocationId),
                Description = appointment.Notes,
                Status = appointment.Status == AppointmentStatus.Cancelled || appointment.Status == AppointmentStatus.NoShow
                    ? EventStatus.Cancelled
                    : appointment.Confirmed || appointment.Kind == AppointmentKind.Break ? EventStatus.Confirmed : EventStatus.Tentative,
            });
        }

        return calendar;
    }

    /// <summary>"Ewa Nowak: Haircut", "Yoga class, 3 of 8 seats", "Break": what the staff member sees in their own calendar.</summary>
    private static string Summary(AppointmentView appointment, IReadOnlyDictionary<Guid, ClientSummary> clients, IReadOnlyDictionary<Guid, string> services)
    {
        if (appointment.Kind == AppointmentKind.Break) return "Break";
        var what = string.Join(", ", appointment.ServiceIds.Select(id => services.GetValueOrDefault(id)).OfType<string>());
        if (appointment.Capacity > 1) return $"{(what.Length > 0 ? what : "Group")} class, {appointment.Seats.Length} of {appointment.Capacity} seats";
        var who = appointment.ClientId is { } clientId && clients.TryGetValue(clientId, out var client) ? $"{client.FirstName} {client.LastName}" : "Appointment";
        return what.Length > 0 ? $"{who}: {what}" : who;
    }
}
