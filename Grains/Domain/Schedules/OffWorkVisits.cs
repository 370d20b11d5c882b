using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Resources;

namespace Realtime.Grains.Domain.Schedules;

public enum WorkingTimeConflictKind { TimeOff, OutsideWorkingHours }

/// <summary>
/// A resource of a visit that does not work for the whole visit: off (<see cref="WorkingTimeConflictKind.TimeOff"/>,
/// with the time off's note) or simply outside its hours at the visit's location.
/// </summary>
public sealed record WorkingTimeConflict(
    Guid AppointmentId, Guid ResourceId, string ResourceName, WorkingTimeConflictKind Kind, string? Note);

/// <summary>
/// Visits still to happen that lie outside their resources' working time (a change of hours or time off after they
/// were booked, or a booking that overrode the hours): what the desk must rebook. Pure functions.
/// </summary>
public static class OffWorkVisits
{
    /// <summary>
    /// Why the visit's resources do not all work for the whole visit (buffers may fall outside, as when booking); empty
    /// when they do, for breaks, for visits no longer booked or arrived, and for resources missing from <paramref name="resources"/>.
    /// </summary>
    public static WorkingTimeConflict[] Conflicts(
        AppointmentView visit, IReadOnlyDictionary<Guid, ResourceView> resources, string timeZoneId)
    {
        ArgumentNullException.ThrowIfNull(visit);
        ArgumentNullException.ThrowIfNull(resources);
        if (visit.Kind != AppointmentKind.Appointment || visit.Status is not (AppointmentStatus.Booked or AppointmentStatus.Arrived)) return [];
        var during = new TimeRange(visit.Start, visit.End);
        return [.. visit.ResourceIds
            .Select(id => resources.GetValueOrDefault(id))
            .OfType<ResourceView>()
            .Where(r => !WorkingTime.Covers(r.WorkingHours, r.Exceptions, visit.LocationId, timeZoneId, during))
            .Select(r => Conflict(visit, r, timeZoneId, during))];
    }

    private static WorkingTimeConflict Conflict(AppointmentView visit, ResourceView resource, string timeZoneId, TimeRange during)
    {
        var off = resource.Exceptions.FirstOrDefault(e =>
            e.Kind == ScheduleExceptionKind.TimeOff && e.LocationId == visit.LocationId
            && WorkingTime.Span(e, timeZoneId) is { } span && span.Start < during.End && during.Start < span.End);
        return off is null
            ? new(visit.Id, resource.Id, resource.Name, WorkingTimeConflictKind.OutsideWorkingHours, null)
            : new(visit.Id, resource.Id, resource.Name, WorkingTimeConflictKind.TimeOff, off.Note);
    }
}
