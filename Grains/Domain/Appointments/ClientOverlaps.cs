using System.Globalization;
using Realtime.Grains.Domain.Schedules;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Availability;
using Realtime.Grains.Projections;

namespace Realtime.Grains.Domain.Appointments;

/// <summary>
/// A client booking or moving a visit online may not overlap a live visit of their own (one booked or arrived, theirs or
/// a seat of theirs in a class). Staff are not bound: a salon may serve one client with two people at once (hair and nails).
/// </summary>
public static class ClientOverlaps
{
    /// <summary>The earliest of <paramref name="visits"/> in the way of <paramref name="appointmentId"/> taking <paramref name="wanted"/>, if any.</summary>
    public static AppointmentView? InTheWay(IEnumerable<AppointmentView> visits, Guid appointmentId, Guid clientId, TimeRange wanted) =>
        visits.Where(visit => Blocks(visit, appointmentId, clientId, wanted)).MinBy(visit => visit.Start);

    /// <summary>Whether <paramref name="visit"/> is a live visit of the client's, other than <paramref name="appointmentId"/>, overlapping <paramref name="wanted"/>.</summary>
    public static bool Blocks(AppointmentView visit, Guid appointmentId, Guid clientId, TimeRange wanted) =>
        visit.Id != appointmentId && visit.Kind == AppointmentKind.Appointment && ClientAgenda.AheadStatuses.Contains(visit.Status)
        && GroupSeats.HeldBy(visit, clientId) && new TimeRange(visit.Start, visit.End).Overlaps(wanted);

    /// <summary>The slots none of the client's <paramref name="visits"/> is in the way of (<see cref="Blocks"/>), as booking one would check.</summary>
    public static AvailableSlot[] FreeFor(IEnumerable<AvailableSlot> slots, IReadOnlyCollection<AppointmentView> visits, Guid clientId) =>
        [.. slots.Where(slot => !visits.Any(visit => Blocks(visit, Guid.Empty, clientId, new TimeRange(slot.Start, slot.End))))];

    /// <summary>
    /// The refusal naming the visit in the way by its time at its location (<paramref name="timeZone"/>), also as facts for a
    /// page (its times as the API writes instants), on the request's <paramref name="field"/> that asked for the time (none
    /// when the request names no time, as a seat taken in a class).
    /// </summary>
    public static DomainError Busy(AppointmentView visit, string timeZone, string? field)
    {
        var (from, to) = (TimeZones.WallClock(visit.Start, timeZone), TimeZones.WallClock(visit.End, timeZone));
        var when = string.Create(CultureInfo.InvariantCulture, $"{from:yyyy-MM-dd} {from:HH:mm}–{to:HH:mm}");
        return new DomainError(
            ErrorCodes.ClientBusy, $"You have a visit {when} already; choose a time that does not overlap it.",
            field is null ? [] : [new FieldError(field, $"Overlaps your visit {when}.")],
            new Dictionary<string, string>
            {
                ["visitStart"] = InstantText.Iso(visit.Start),
                ["visitEnd"] = InstantText.Iso(visit.End),
                ["timeZone"] = timeZone,
            });
    }
}
