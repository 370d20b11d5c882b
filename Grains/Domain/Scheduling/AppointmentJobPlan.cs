using Realtime.Grains.Domain.Appointments;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Organizations;

namespace Realtime.Grains.Domain.Scheduling;

/// <summary>
/// When an appointment's two time-driven jobs are due (DESIGN.md section 2, "Policies"): the reminder at its start
/// minus the location's lead time, and the after-end check at its end plus the grace period. <see langword="null"/>
/// means "no such job": the scheduler drops it. All arithmetic is on instants, so a lead time of 24 hours
/// is 24 elapsed hours, also across a daylight-saving change (23 or 25 hours on the wall clock that day).
/// </summary>
/// <param name="RemindAt">When to send the reminder; may lie in the past (then it is sent at once).</param>
/// <param name="CloseAt">When to close an appointment that ended without an outcome; may lie in the past.</param>
public sealed record AppointmentJobPlan(DateTimeOffset? RemindAt, DateTimeOffset? CloseAt)
{
    /// <summary>No job at all: cancelled, a no-show, completed, deleted...</summary>
    public static readonly AppointmentJobPlan None = new(null, null);

    /// <summary>
    /// How much earlier than the end a firing may arrive and still count as "after the end": scheduler nodes and
    /// silos read different clocks.
    /// </summary>
    public static readonly TimeSpan ClockTolerance = TimeSpan.FromSeconds(5);

    // History actions as the appointment grain records them (the change kind in kebab case).
    private const string BookedAction = "booked";
    private const string RescheduledAction = "rescheduled";
    private const string RemindedAction = "reminded";

    public static AppointmentJobPlan For(AppointmentView appointment, LocationPolicy policy, DateTimeOffset now) =>
        new(ReminderAt(appointment, policy, now), AfterEndAt(appointment, policy));

    /// <summary>
    /// The reminder instant (start − lead, under the location's policy now), or none: not an appointment with a client (a
    /// break has nobody to remind), not Booked, reminders off (lead 0), the start already passed, already reminded for
    /// this start, or kept inside the reminder window (<see cref="AppointmentView.InsideReminderWindow"/>): such a booking
    /// is confirmed at once and gets no reminder (seed 001). That was decided under the policy of its time, so a change of
    /// the lead time neither takes a booking's reminder away nor gives one it never had: a booking made outside the old
    /// window is reminded at start − the new lead, at once if that has passed.
    /// </summary>
    public static DateTimeOffset? ReminderAt(AppointmentView appointment, LocationPolicy policy, DateTimeOffset now)
    {
        if (appointment.Kind != AppointmentKind.Appointment || appointment.ClientId is null) return null;
        if (appointment.Status != AppointmentStatus.Booked || policy.ReminderLeadMinutes <= 0) return null;
        if (appointment.Start <= now) return null;
        if (appointment.InsideReminderWindow ?? StoredBeforeKeptInsideWindow(appointment, policy)) return null;
        return RemindedForCurrentStart(appointment) ? null : appointment.Start.AddMinutes(-policy.ReminderLeadMinutes);
    }

    /// <summary>
    /// Whether a change of a location's policy moves the work of its appointments: the reminder lead time and the grace
    /// period are all that <see cref="For"/> reads of it.
    /// </summary>
    public static bool Replans(LocationPolicy before, LocationPolicy after) =>
        before.ReminderLeadMinutes != after.ReminderLeadMinutes || before.AfterEndGraceMinutes != after.AfterEndGraceMinutes;

    /// <summary>Whether a start set at <paramref name="now"/> lies inside the reminder window of <paramref name="policy"/>.</summary>
    public static bool InsideWindow(DateTimeOffset start, LocationPolicy policy, DateTimeOffset now) =>
        start > now && start - now <= TimeSpan.FromMinutes(policy.ReminderLeadMinutes);

    /// <summary>
    /// <see cref="AppointmentView.InsideReminderWindow"/> after a move to <paramref name="start"/> at <paramref name="now"/>:
    /// a booking keeps to its window only as long as every start it is given is set inside the window of its time. One
    /// moved to a start outside (a same-day booking moved to next week) is reminded before it; one booked outside the
    /// window and moved into it is reminded at once. Unknown (stored before it was kept) stays unknown.
    /// </summary>
    public static bool? AfterMove(bool? insideReminderWindow, DateTimeOffset start, LocationPolicy policy, DateTimeOffset now) =>
        insideReminderWindow is { } inside ? inside && InsideWindow(start, policy, now) : null;

    /// <summary>
    /// For an appointment stored before <see cref="AppointmentView.InsideReminderWindow"/> was kept: worked out from its
    /// history under the policy now — booked inside the window for the start it was booked for, and its current start
    /// set inside its window.
    /// </summary>
    private static bool StoredBeforeKeptInsideWindow(AppointmentView appointment, LocationPolicy policy) =>
        appointment.CreatedAt >= BookedStart(appointment).AddMinutes(-policy.ReminderLeadMinutes)
        && StartSetAt(appointment) >= appointment.Start.AddMinutes(-policy.ReminderLeadMinutes);

    /// <summary>
    /// The after-end instant (end + grace) while the appointment (or break) is still Booked — nobody checked it in,
    /// completed, cancelled or marked it. Arrived is left alone: the client came, and the front desk completes it.
    /// </summary>
    public static DateTimeOffset? AfterEndAt(AppointmentView appointment, LocationPolicy policy) =>
        appointment.Status == AppointmentStatus.Booked
            ? appointment.End.AddMinutes(Math.Max(0, policy.AfterEndGraceMinutes))
            : null;

    /// <summary>
    /// What an appointment that ended without an outcome becomes now, or none if it is not Booked or has not ended.
    /// NoShow when the location says so and there is a client who was expected: booked before its end (one recorded
    /// after the fact is not a no-show). Otherwise — and always for a break — Past.
    /// </summary>
    public static AppointmentStatus? AfterEndOutcome(AppointmentView appointment, LocationPolicy policy, DateTimeOffset now)
    {
        if (appointment.Status != AppointmentStatus.Booked || appointment.End > now + ClockTolerance) return null;
        var expected = appointment.Kind == AppointmentKind.Appointment && appointment.ClientId is not null
            && appointment.CreatedAt < appointment.End;
        return policy.AfterEnd == AfterEndAction.MarkNoShow && expected ? AppointmentStatus.NoShow : AppointmentStatus.Past;
    }

    /// <summary>When the appointment got its current start: last moved, or booked.</summary>
    private static DateTimeOffset StartSetAt(AppointmentView appointment) =>
        appointment.History.LastOrDefault(h => h.Action == RescheduledAction)?.At ?? appointment.CreatedAt;

    /// <summary>The start the appointment was booked for: where its first move took it from, if it was moved.</summary>
    private static DateTimeOffset BookedStart(AppointmentView appointment) =>
        AppointmentChanges.MovedFrom(appointment.History.FirstOrDefault(h => h.Action == RescheduledAction)?.Details) ?? appointment.Start;

    /// <summary>Whether a reminder was recorded after the appointment got its current start (booked or rescheduled).</summary>
    public static bool RemindedForCurrentStart(AppointmentView appointment)
    {
        long timed = 0, reminded = 0;
        foreach (var entry in appointment.History)
        {
            if (entry.Action is BookedAction or RescheduledAction) timed = Math.Max(timed, entry.Version);
            else if (entry.Action == RemindedAction) reminded = Math.Max(reminded, entry.Version);
        }
        return reminded > timed;
    }
}
