using NodaTime;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Common;

namespace Realtime.Grains.Domain.Appointments;

/// <summary>Propose next visit (seed 000).</summary>
public static class NextVisits
{
    /// <summary>
    /// The follow-up booking, and whether it may be made at once: only a new time keeps the parameters
    /// unchanged; other services, resources or duration make it a draft for staff to finish. Without a time, it is a week
    /// later at the same time on the location's clock (<paramref name="zone"/>), across a change of the clocks too.
    /// </summary>
    public static (BookAppointment Booking, bool BookAtOnce) Plan(AppointmentView current, NextVisitRequest request, DateTimeZone zone, Actor actor)
    {
        var resourceIds = request.ResourceIds ?? current.ResourceIds;
        var serviceIds = request.ServiceIds ?? current.ServiceIds;
        var sameServices = serviceIds.ToHashSet().SetEquals(current.ServiceIds);
        // Other services take their own length unless one is given; the same services keep this visit's length.
        var durationMinutes = request.DurationMinutes ?? (sameServices ? current.DurationMinutes : null);
        var unchanged = resourceIds.ToHashSet().SetEquals(current.ResourceIds) && sameServices && durationMinutes == current.DurationMinutes;
        var booking = new BookAppointment(
            current.OrganizationId, current.LocationId, resourceIds, serviceIds, current.ClientId,
            request.Start ?? AWeekLater(current.Start, zone), durationMinutes, AppointmentKind.Appointment,
            FirstConsultation: false, current.Asap, current.Source, current.Notes, Price: null, Labels: [],
            OverrideWorkingHours: false, NotifyClient: true, actor);
        return (booking, unchanged);
    }

    /// <summary>The same wall-clock time seven days on; a time the clocks skip that day moves on by the time skipped, a repeated one is the first.</summary>
    public static DateTimeOffset AWeekLater(DateTimeOffset start, DateTimeZone zone) =>
        Instant.FromDateTimeOffset(start).InZone(zone).LocalDateTime.PlusWeeks(1).InZoneLeniently(zone).ToDateTimeOffset();

    /// <summary>Why a repeated cancel or completion books no follow-up: see <see cref="ErrorCodes.NextVisitUnknown"/>.</summary>
    public static readonly DomainError Unknown = DomainError.Of(
        ErrorCodes.NextVisitUnknown,
        "The appointment has changed since this request's first attempt, which booked no next visit; book it as a new appointment.");

    /// <summary>A follow-up lies ahead: one at a time that has passed (asked for, or a week after an old visit) stays a draft.</summary>
    public static DomainError? CheckTime(DateTimeOffset start, DateTimeOffset now) =>
        start > now
            ? null
            : new DomainError(ErrorCodes.ValidationFailed, "The next visit's time has passed; choose a time ahead.",
                [new FieldError("nextVisit.start", "Choose a time ahead.")]);
}
