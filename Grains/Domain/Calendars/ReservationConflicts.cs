using Realtime.Grains.Interfaces.Calendars;

namespace Realtime.Grains.Domain.Calendars;

public static class ReservationConflicts
{
    /// <summary>Reservations of other appointments that overlap the candidate (buffers are already inside Occupied).</summary>
    public static IEnumerable<Reservation> With(IEnumerable<Reservation> held, Reservation candidate) =>
        held.Where(r => r.AppointmentId != candidate.AppointmentId && r.Occupied.Overlaps(candidate.Occupied));

    /// <summary>The refusal of time a resource's calendar holds for <paramref name="holder"/>.</summary>
    public static DomainError Taken(Guid resourceId, Guid? holder) => new(
        ErrorCodes.SlotTaken,
        "Another appointment, a break or a slot a client is holding has that time on one of the resources.",
        [new FieldError("resourceIds", $"Resource {resourceId} is busy at that time: {holder}.")]);
}
