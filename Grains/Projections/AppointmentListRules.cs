using Realtime.Grains.Interfaces.Appointments;

namespace Realtime.Grains.Projections;

/// <summary>The rules every appointment-list store follows; the PostgreSQL store states the same rules in SQL.</summary>
public static class AppointmentListRules
{
    /// <summary>
    /// Whether an incoming version replaces what the list holds: only a newer version does, or a deletion of the
    /// same version (so a deleted appointment stays deleted). Re-applying what is stored changes nothing.
    /// </summary>
    public static bool Replaces(long storedVersion, bool storedDeleted, long incomingVersion, bool incomingDeleted) =>
        incomingVersion > storedVersion || (incomingVersion == storedVersion && incomingDeleted && !storedDeleted);

    /// <summary>The appointment as the list keeps it: without its history, which only grows and lists do not show.</summary>
    public static AppointmentView ListItem(AppointmentView appointment) => appointment with { History = [] };

    /// <summary>Whether a live (not deleted) appointment matches every filter of <paramref name="query"/> (paging aside).</summary>
    public static bool Matches(AppointmentQuery query, AppointmentView appointment) =>
        appointment.OrganizationId == query.OrganizationId
        && (query.LocationId is not { } location || appointment.LocationId == location)
        && (query.AllowedLocationIds is not { } allowed || allowed.Contains(appointment.LocationId))
        && (query.From is not { } from || appointment.End > from)
        && (query.To is not { } to || appointment.Start < to)
        && (query.Statuses is not { Count: > 0 } statuses || statuses.Contains(appointment.Status))
        && (query.ResourceId is not { } resource || appointment.ResourceIds.Contains(resource))
        && (query.AnyResourceIds is not { } anyOf || appointment.ResourceIds.Any(anyOf.Contains))
        && (query.ClientId is not { } client || appointment.ClientId == client || (appointment.Capacity > 1 && appointment.Seats.Contains(client)))
        && (query.Ids is not { } ids || ids.Contains(appointment.Id))
        && (query.Agenda is not { } part || ClientAgenda.IsAhead(appointment, part.ClientId, part.Now) == part.Ahead);
}
