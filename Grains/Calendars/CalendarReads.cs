using Realtime.Grains.Domain.Appointments;
using Realtime.Grains.Domain.Calendars;
using Realtime.Grains.Interfaces.Calendars;

namespace Realtime.Grains.Calendars;

/// <summary>Read-only looks at a resource's calendar partitions, for searches of free time.</summary>
public static class CalendarReads
{
    /// <summary>
    /// The reservations a resource's partitions hold on the days a visit inside its working stretches can touch: a slot's
    /// occupied time lies within a stretch widened by the buffers. The partitions are read in parallel.
    /// </summary>
    public static async Task<Reservation[]> Around(IGrainFactory grains, Guid resourceId, IEnumerable<TimeRange> working, AppointmentTiming timing)
    {
        var days = working
            .SelectMany(w => CalendarPartitions.DaysTouched(
                new TimeRange(w.Start.AddMinutes(-timing.BufferBeforeMinutes), w.End.AddMinutes(timing.BufferAfterMinutes))))
            .Distinct();
        var held = await Task.WhenAll(days.Select(day =>
            grains.GetGrain<IResourceCalendarGrain>(CalendarPartitions.Key(resourceId, day)).GetReservations()));
        return [.. held.SelectMany(h => h)];
    }
}
