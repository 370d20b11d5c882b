using NodaTime;
using Realtime.Grains.Interfaces.Appointments;

namespace Realtime.Grains.Domain.Appointments;

/// <summary>The status table of DESIGN.md section 2 for staff and the scheduler.</summary>
public static class AppointmentTransitions
{
    public static bool OccupiesTime(AppointmentStatus status) =>
        status is AppointmentStatus.Booked or AppointmentStatus.Arrived or AppointmentStatus.Completed or AppointmentStatus.Past;

    /// <summary>The status an action leads to, or <c>invalid_transition</c>.</summary>
    /// <param name="endHasPassed">Whether the appointment's end lies before now (decides Restore, UndoCompletion and MarkPast).</param>
    public static Result<AppointmentStatus> Next(
        AppointmentKind kind, AppointmentStatus from, AppointmentAction action, bool endHasPassed)
    {
        if (kind == AppointmentKind.Break && !AllowedForBreaks(action))
        {
            return DomainError.Of(ErrorCodes.InvalidTransition, $"A break cannot be given the action '{Describe(action)}'.");
        }

        AppointmentStatus? to = (action, from) switch
        {
            (AppointmentAction.Confirm or AppointmentAction.Unconfirm, AppointmentStatus.Booked) => AppointmentStatus.Booked,
            (AppointmentAction.Arrive, AppointmentStatus.Booked) => AppointmentStatus.Arrived,
            (AppointmentAction.Complete, not AppointmentStatus.Completed) => AppointmentStatus.Completed,
            (AppointmentAction.Cancel, not (AppointmentStatus.Cancelled or AppointmentStatus.NoShow)) => AppointmentStatus.Cancelled,
            (AppointmentAction.NoShow, AppointmentStatus.Booked or AppointmentStatus.Arrived or AppointmentStatus.Past) => AppointmentStatus.NoShow,
            (AppointmentAction.MarkPast, AppointmentStatus.Booked) when endHasPassed => AppointmentStatus.Past,
            // Undone, a completion leaves the status time gives: a visit completed ahead of its end is booked again.
            (AppointmentAction.UndoCompletion, AppointmentStatus.Completed) or (AppointmentAction.Restore, AppointmentStatus.Cancelled or AppointmentStatus.NoShow) =>
                endHasPassed ? AppointmentStatus.Past : AppointmentStatus.Booked,
            (AppointmentAction.Reschedule, AppointmentStatus.Booked or AppointmentStatus.Cancelled) => AppointmentStatus.Booked,
            (AppointmentAction.Reschedule, AppointmentStatus.Arrived) => AppointmentStatus.Arrived,
            (AppointmentAction.Update or AppointmentAction.Delete, _) => from,
            _ => null,
        };

        return to is { } status
            ? status
            : DomainError.Of(ErrorCodes.InvalidTransition, $"Cannot {Describe(action)} an appointment that is {Describe(from)}.");
    }

    /// <summary>
    /// Whether the client did not come is known once the visit has begun: marking next week's visit a no-show (which may
    /// blacklist the client) is a slip of the hand. A visit called off ahead is cancelled instead. Refused as an early
    /// completion is (<c>visit_not_started</c>, naming <c>start</c>).
    /// </summary>
    public static DomainError? CheckNoShowTime(DateTimeOffset start, DateTimeOffset now) =>
        start > now
            ? new DomainError(
                ErrorCodes.VisitNotStarted,
                "A visit can be marked as a no-show once it has begun; to call it off before then, cancel it.",
                [new FieldError("start", "The visit has not begun yet.")])
            : null;

    /// <summary>
    /// A visit can be completed from its location's local day on, or once the client has arrived: completing next week's
    /// visit (which ends its reminders and counts it as done) is a slip of the hand. The day is the location's
    /// (<paramref name="zone"/>), not UTC's: a visit early tomorrow there is not started, whatever UTC's date says.
    /// </summary>
    public static DomainError? CheckCompletionTime(AppointmentStatus status, DateTimeOffset start, DateTimeOffset now, DateTimeZone zone) =>
        status == AppointmentStatus.Arrived
            ? null
            : CheckVisitDay(start, now, zone, "A visit can be completed from its day on, or once the client has arrived; this one has not begun yet.");

    /// <summary>
    /// A client is checked in from the visit's local day on: an arrival days ahead is a slip of the hand, and would let the
    /// visit be completed ahead of its day (<see cref="CheckCompletionTime"/>).
    /// </summary>
    public static DomainError? CheckArrivalTime(DateTimeOffset start, DateTimeOffset now, DateTimeZone zone) =>
        CheckVisitDay(start, now, zone, "A client can be checked in from the visit's day on; this visit has not begun yet.");

    private static DomainError? CheckVisitDay(DateTimeOffset start, DateTimeOffset now, DateTimeZone zone, string message)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return LocalDate(start, zone) <= LocalDate(now, zone)
            ? null
            : new DomainError(ErrorCodes.VisitNotStarted, message, [new FieldError("start", "The visit's day has not come yet.")]);
    }

    private static LocalDate LocalDate(DateTimeOffset instant, DateTimeZone zone) => Instant.FromDateTimeOffset(instant).InZone(zone).Date;

    private static bool AllowedForBreaks(AppointmentAction action) =>
        action is AppointmentAction.Cancel or AppointmentAction.Restore or AppointmentAction.Reschedule
            or AppointmentAction.Update or AppointmentAction.Delete or AppointmentAction.MarkPast;

    private static string Describe(AppointmentAction action) => action switch
    {
        AppointmentAction.NoShow => "mark as no-show",
        AppointmentAction.MarkPast => "mark as past",
        AppointmentAction.UndoCompletion => "undo the completion of",
        _ => action.ToString().ToLowerInvariant(),
    };

    private static string Describe(AppointmentStatus status) => status switch
    {
        AppointmentStatus.NoShow => "a no-show",
        _ => status.ToString().ToLowerInvariant(),
    };
}
