using Realtime.Grains.Interfaces.Calendars;

namespace Realtime.Grains.Domain.Calendars;

public static class ReservationConflicts
{
    /// <summary>Reservations of other appointments that overlap the candidate (buffers are already inside Occupied).</summary>
    public static IEnumerable<Reservation> With(IEnumerable<Reservation> held, Reservation candidate) =>
        held.Where(r => r.AppointmentId != candidate.AppointmentId && r.Occupied.Overlaps(candidate.Occupied));
}
