using System.Globalization;
using Realtime.Grains.Domain.Schedules;
using Realtime.Grains.Interfaces.Calendars;

namespace Realtime.Grains.Domain.Calendars;

public static class ReservationConflicts
{
    /// <summary>Reservations of other appointments that overlap the candidate (buffers are already inside Occupied).</summary>
    public static IEnumerable<Reservation> With(IEnumerable<Reservation> held, Reservation candidate) =>
        held.Where(r => r.AppointmentId != candidate.AppointmentId && r.Occupied.Overlaps(candidate.Occupied));

    /// <summary>
    /// The refusal of time a resource's calendar holds for another appointment: the resource by name, and what has the
    /// time in the location's <paramref name="timeZone"/> (a booking by the time it takes on the calendar, buffers
    /// included; a hold by its expiry), never whose it is or its id, so that a client may read it too.
    /// </summary>
    public static DomainError Taken(string resourceName, ClaimedTime holder, string timeZone)
    {
        string Clock(DateTimeOffset instant) => TimeZones.WallClock(instant, timeZone).ToString("HH:mm", CultureInfo.InvariantCulture);
        var occupied = holder.Reservation.Occupied;
        var what = !holder.IsHold ? $"booked {Clock(occupied.Start)}–{Clock(occupied.End)}"
            : holder.Claim.GivesWayToStaff ? $"held for a waitlist offer until {Clock(holder.Claim.Until)}"
            : $"held online by a client until {Clock(holder.Claim.Until)}";
        return new(
            ErrorCodes.SlotTaken,
            "Another appointment, a break or a slot a client is holding has that time on one of the resources.",
            [new FieldError("resourceIds", $"{resourceName} is busy at that time: {what}.")]);
    }
}
