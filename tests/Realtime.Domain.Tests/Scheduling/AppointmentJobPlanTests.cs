using NodaTime;
using NodaTime.Text;
using Realtime.Grains.Domain.Scheduling;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Interfaces.Organizations;
using static Realtime.Grains.Interfaces.Appointments.AppointmentStatus;

namespace Realtime.Domain.Tests.Scheduling;

/// <summary>
/// The reminder and after-end instants, and what an ended appointment becomes, with the clock given explicitly.
/// Europe/Warsaw 2026: 2026-03-29 02:00 +01 → 03:00 +02 (01:00Z); 2026-10-25 03:00 +02 → 02:00 +01 (01:00Z).
/// </summary>
public sealed class AppointmentJobPlanTests
{
    private const string Warsaw = "Europe/Warsaw";
    private static readonly Actor Desk = Actor.Staff("desk", "Desk");
    private static readonly LocationPolicy Day = LocationPolicy.Default with
    {
        ReminderLeadMinutes = 24 * 60, AfterEnd = AfterEndAction.MarkPast, AfterEndGraceMinutes = 30,
    };

    private static readonly DateTimeOffset Start = At("2026-06-10T10:00Z");
    private static readonly DateTimeOffset LongBefore = Start.AddDays(-5);

    [Fact]
    public void A_booking_made_days_ahead_is_reminded_lead_time_before_its_start_and_checked_grace_after_its_end()
    {
        var plan = AppointmentJobPlan.For(Appointment(Start, createdAt: LongBefore), Day, now: LongBefore);

        Assert.Equal(new AppointmentJobPlan(At("2026-06-09T10:00Z"), At("2026-06-10T11:30Z")), plan);
    }

    [Theory]
    [InlineData("2026-06-09T10:00Z", false)] // exactly at the reminder time: inside the window
    [InlineData("2026-06-09T14:00Z", false)] // 20 hours ahead with a 24-hour lead (seed 001's example)
    [InlineData("2026-06-09T09:59Z", true)]
    public void A_booking_made_inside_the_reminder_window_gets_no_reminder(string createdAt, bool reminded)
    {
        var appointment = Appointment(Start, createdAt: At(createdAt));

        Assert.Equal(reminded ? At("2026-06-09T10:00Z") : null, AppointmentJobPlan.ReminderAt(appointment, Day, At(createdAt)));
        Assert.Equal(At("2026-06-10T11:30Z"), AppointmentJobPlan.AfterEndAt(appointment, Day));
    }

    [Fact]
    public void A_booking_moved_into_the_reminder_window_is_reminded_at_once_however_recently_it_was_made()
    {
        var madeAnHourAgo = Start.AddHours(-21);
        HistoryEntry[] MovedFrom(DateTimeOffset bookedFor) =>
        [
            new(1, madeAnHourAgo, Desk, "booked", null),
            new(2, madeAnHourAgo.AddMinutes(30), Desk, "rescheduled", $"{bookedFor:O} -> {Start:O}"),
        ];

        // Booked three days ahead, then moved to tomorrow: reminded now.
        var fromOutside = Appointment(Start, createdAt: madeAnHourAgo, history: MovedFrom(Start.AddDays(2)));
        Assert.Equal(At("2026-06-09T10:00Z"), AppointmentJobPlan.ReminderAt(fromOutside, Day, now: Start.AddHours(-20)));
        // Booked inside the window (and so confirmed at once), then moved within it: still no reminder.
        var withinWindow = Appointment(Start, createdAt: madeAnHourAgo, history: MovedFrom(Start.AddHours(-2)));
        Assert.Null(AppointmentJobPlan.ReminderAt(withinWindow, Day, now: Start.AddHours(-20)));
        Assert.Null(AppointmentJobPlan.ReminderAt(Appointment(Start, createdAt: madeAnHourAgo), Day, now: Start.AddHours(-20)));
    }

    [Fact]
    public void A_booking_made_inside_the_window_and_moved_beyond_it_is_reminded_before_its_new_start()
    {
        // Booked this morning for this afternoon (confirmed at once), then moved a week on: reminded the day before.
        var bookedFor = Start.AddDays(-7);
        var madeAt = bookedFor.AddHours(-5);
        var moved = Appointment(Start, createdAt: madeAt, history:
        [
            new(1, madeAt, Desk, "booked", null),
            new(2, madeAt.AddMinutes(10), Desk, "rescheduled", $"{bookedFor:O} -> {Start:O}"),
        ]);

        Assert.Equal(Start.AddHours(-24), AppointmentJobPlan.ReminderAt(moved, Day, now: madeAt.AddMinutes(11)));
    }

    [Fact]
    public void A_reminder_whose_time_passed_before_its_start_is_still_due_and_fires_at_once()
    {
        // E.g. the silos were down, or a booking was moved into the window: remind now rather than never.
        var appointment = Appointment(Start, createdAt: LongBefore);

        Assert.Equal(At("2026-06-09T10:00Z"), AppointmentJobPlan.ReminderAt(appointment, Day, now: Start.AddHours(-2)));
        Assert.Null(AppointmentJobPlan.ReminderAt(appointment, Day, now: Start));
        Assert.Null(AppointmentJobPlan.ReminderAt(appointment, Day, now: Start.AddMinutes(1)));
    }

    [Theory]
    [InlineData(Arrived)]
    [InlineData(Completed)]
    [InlineData(Cancelled)]
    [InlineData(AppointmentStatus.NoShow)]
    [InlineData(Past)]
    public void Only_a_booked_appointment_has_jobs(AppointmentStatus status)
    {
        Assert.Equal(AppointmentJobPlan.None, AppointmentJobPlan.For(Appointment(Start, createdAt: LongBefore, status: status), Day, LongBefore));
        Assert.Null(AppointmentJobPlan.AfterEndOutcome(Appointment(Start, createdAt: LongBefore, status: status), Day, Start.AddDays(1)));
    }

    [Fact]
    public void A_break_or_an_appointment_without_a_client_has_nobody_to_remind_but_is_still_closed()
    {
        var @break = Appointment(Start, createdAt: LongBefore, kind: AppointmentKind.Break, client: false);
        var anonymous = Appointment(Start, createdAt: LongBefore, client: false);

        Assert.Equal(new AppointmentJobPlan(null, At("2026-06-10T11:30Z")), AppointmentJobPlan.For(@break, Day, LongBefore));
        Assert.Equal(new AppointmentJobPlan(null, At("2026-06-10T11:30Z")), AppointmentJobPlan.For(anonymous, Day, LongBefore));
    }

    [Fact]
    public void A_lead_time_of_zero_turns_reminders_off_and_a_negative_grace_counts_as_none()
    {
        var policy = Day with { ReminderLeadMinutes = 0, AfterEndGraceMinutes = -15 };

        Assert.Equal(new AppointmentJobPlan(null, At("2026-06-10T11:00Z")), AppointmentJobPlan.For(Appointment(Start, createdAt: LongBefore), policy, LongBefore));
    }

    [Fact]
    public void One_reminder_per_start_time_a_reschedule_asks_for_a_new_one()
    {
        var booked = History((1, "booked"));
        var reminded = History((1, "booked"), (2, "confirmed"), (3, "reminded"), (4, "updated"));
        var movedAfterReminder = History((1, "booked"), (2, "reminded"), (3, "rescheduled"));
        var remindedAgain = History((1, "booked"), (2, "reminded"), (3, "rescheduled"), (4, "reminded"));
        var restored = History((1, "booked"), (2, "reminded"), (3, "cancelled"), (4, "restored"));

        Assert.False(AppointmentJobPlan.RemindedForCurrentStart(Appointment(Start, LongBefore, history: booked)));
        Assert.True(AppointmentJobPlan.RemindedForCurrentStart(Appointment(Start, LongBefore, history: reminded)));
        Assert.False(AppointmentJobPlan.RemindedForCurrentStart(Appointment(Start, LongBefore, history: movedAfterReminder)));
        Assert.True(AppointmentJobPlan.RemindedForCurrentStart(Appointment(Start, LongBefore, history: remindedAgain)));
        Assert.True(AppointmentJobPlan.RemindedForCurrentStart(Appointment(Start, LongBefore, history: restored)));

        Assert.Null(AppointmentJobPlan.ReminderAt(Appointment(Start, LongBefore, history: reminded), Day, LongBefore));
        Assert.Equal(At("2026-06-09T10:00Z"), AppointmentJobPlan.ReminderAt(Appointment(Start, LongBefore, history: movedAfterReminder), Day, LongBefore));
    }

    [Theory]
    [InlineData(AfterEndAction.MarkPast, Past)]
    [InlineData(AfterEndAction.MarkNoShow, AppointmentStatus.NoShow)]
    public void An_ended_booked_appointment_becomes_what_the_location_says(AfterEndAction afterEnd, AppointmentStatus expected)
    {
        var appointment = Appointment(Start, createdAt: LongBefore);

        Assert.Equal(expected, AppointmentJobPlan.AfterEndOutcome(appointment, Day with { AfterEnd = afterEnd }, At("2026-06-10T11:30Z")));
    }

    [Fact]
    public void Only_an_appointment_with_an_expected_client_becomes_a_no_show()
    {
        var noShows = Day with { AfterEnd = AfterEndAction.MarkNoShow };
        var after = At("2026-06-10T12:00Z");

        Assert.Equal(Past, AppointmentJobPlan.AfterEndOutcome(Appointment(Start, LongBefore, kind: AppointmentKind.Break, client: false), noShows, after));
        Assert.Equal(Past, AppointmentJobPlan.AfterEndOutcome(Appointment(Start, LongBefore, client: false), noShows, after));
        // Recorded after the fact (booked once it had ended): the visit is being entered, not missed.
        Assert.Equal(Past, AppointmentJobPlan.AfterEndOutcome(Appointment(Start, createdAt: At("2026-06-10T11:00Z")), noShows, after));
        Assert.Equal(AppointmentStatus.NoShow, AppointmentJobPlan.AfterEndOutcome(Appointment(Start, createdAt: At("2026-06-10T10:59Z")), noShows, after));
    }

    [Theory]
    [InlineData("2026-06-10T10:30Z", false)]
    [InlineData("2026-06-10T10:59:50Z", false)]
    [InlineData("2026-06-10T10:59:56Z", true)] // a firing a few seconds early (another node's clock) still counts
    [InlineData("2026-06-10T11:00Z", true)]
    public void An_appointment_is_closed_only_once_it_has_ended(string now, bool closed)
    {
        var outcome = AppointmentJobPlan.AfterEndOutcome(Appointment(Start, createdAt: LongBefore), Day, At(now));

        Assert.Equal(closed ? Past : null, outcome);
    }

    [Theory]
    // Spring forward: a 24-hour lead is 24 elapsed hours, so 09:00 CET the day before a 10:00 CEST visit.
    [InlineData("2026-03-29T10:00", 60, "2026-03-28T09:00", "2026-03-29T11:30")]
    // Fall back: 11:00 CEST the day before a 10:00 CET visit.
    [InlineData("2026-10-25T10:00", 60, "2026-10-24T11:00", "2026-10-25T11:30")]
    // Across the gap: 01:30 + 60 minutes ends at 03:30 local (02:00-03:00 does not exist); grace 30 → 04:00.
    [InlineData("2026-03-29T01:30", 60, "2026-03-28T01:30", "2026-03-29T04:00")]
    // Across the repeated hour: 01:30 CEST + 120 minutes ends at 02:30 CET (the second 02:30); grace 30 → 03:00.
    [InlineData("2026-10-25T01:30", 120, "2026-10-24T01:30", "2026-10-25T03:00")]
    public void Instants_on_a_daylight_saving_day_in_Warsaw(string localStart, int minutes, string localRemindAt, string localCloseAt)
    {
        var start = Local(localStart);
        var appointment = Appointment(start, createdAt: start.AddDays(-7), minutes: minutes);

        var plan = AppointmentJobPlan.For(appointment, Day, now: start.AddDays(-7));

        Assert.Equal(start.AddHours(-24), plan.RemindAt);
        Assert.Equal(start.AddMinutes(minutes + 30), plan.CloseAt);
        Assert.Equal(localRemindAt, ToLocal(plan.RemindAt!.Value));
        Assert.Equal(localCloseAt, ToLocal(plan.CloseAt!.Value));
    }

    [Theory]
    [InlineData(24 * 60, 30, false)]
    [InlineData(48 * 60, 30, true)]
    [InlineData(2 * 60, 30, true)]
    [InlineData(0, 30, true)]
    [InlineData(24 * 60, 0, true)]
    public void A_new_lead_time_or_grace_period_re_plans_the_locations_appointments(int leadMinutes, int graceMinutes, bool replans) =>
        Assert.Equal(replans, AppointmentJobPlan.Replans(Day, Day with { ReminderLeadMinutes = leadMinutes, AfterEndGraceMinutes = graceMinutes }));

    [Fact]
    public void Other_policy_changes_leave_the_plans_where_they_are() =>
        Assert.False(AppointmentJobPlan.Replans(Day, Day with
        {
            AutoConfirmInsideReminderWindow = false, AfterEnd = AfterEndAction.MarkNoShow, ClientPolicy = ClientPolicy.Default with { MaxReschedules = 9 },
        }));

    [Fact]
    public void Raising_the_lead_time_reminds_a_booking_made_outside_the_old_window_at_the_new_time_or_at_once()
    {
        // Booked 55 minutes ahead under a 10-minute lead: outside that window, so not confirmed and due a reminder.
        var bookedAt = Start.AddMinutes(-55);
        var booked = Appointment(Start, createdAt: bookedAt) with
        {
            InsideReminderWindow = AppointmentJobPlan.InsideWindow(Start, Day with { ReminderLeadMinutes = 10 }, bookedAt),
        };
        var twoHours = Day with { ReminderLeadMinutes = 120 };

        Assert.Equal(Start.AddMinutes(-120), AppointmentJobPlan.ReminderAt(booked, twoHours, now: bookedAt.AddMinutes(1)));
        Assert.Equal(Start.AddMinutes(-45), AppointmentJobPlan.ReminderAt(booked, Day with { ReminderLeadMinutes = 45 }, now: bookedAt.AddMinutes(1)));
        Assert.Null(AppointmentJobPlan.ReminderAt(booked, twoHours, now: Start)); // started: too late for a reminder
    }

    [Fact]
    public void Lowering_the_lead_time_gives_no_late_reminder_to_a_booking_made_inside_the_old_window()
    {
        // Booked an hour ahead under a two-hour lead: inside it, so confirmed at once and never reminded.
        var bookedAt = Start.AddHours(-1);
        var booked = Appointment(Start, createdAt: bookedAt) with
        {
            InsideReminderWindow = AppointmentJobPlan.InsideWindow(Start, Day with { ReminderLeadMinutes = 120 }, bookedAt),
        };

        Assert.Null(AppointmentJobPlan.ReminderAt(booked, Day with { ReminderLeadMinutes = 10 }, now: bookedAt.AddMinutes(5)));
    }

    [Fact]
    public void A_move_after_a_change_of_the_lead_time_is_judged_by_the_window_in_force_when_it_is_moved()
    {
        var bookedAt = Start.AddHours(-1);
        var movedAt = bookedAt.AddMinutes(5);
        var tenMinutes = Day with { ReminderLeadMinutes = 10 };

        // Kept inside its two-hour window, then moved under a 10-minute lead to a start half an hour on: reminded before it.
        Assert.False(AppointmentJobPlan.AfterMove(true, movedAt.AddMinutes(30), tenMinutes, movedAt));
        // ... and moved to a start inside the 10-minute window: still none.
        Assert.True(AppointmentJobPlan.AfterMove(true, movedAt.AddMinutes(8), tenMinutes, movedAt));
        // Booked outside the window, a booking stays due a reminder wherever it is moved.
        Assert.False(AppointmentJobPlan.AfterMove(false, movedAt.AddMinutes(8), tenMinutes, movedAt));
        // Stored before the window was kept: worked out from its history, as before.
        Assert.Null(AppointmentJobPlan.AfterMove(null, movedAt.AddMinutes(8), tenMinutes, movedAt));
    }

    private static AppointmentView Appointment(
        DateTimeOffset start, DateTimeOffset createdAt, AppointmentStatus status = Booked, int minutes = 60,
        AppointmentKind kind = AppointmentKind.Appointment, bool client = true, HistoryEntry[]? history = null) =>
        new(Guid.NewGuid(), history?.Length ?? 1, Guid.NewGuid(), Guid.NewGuid(), kind, status, [Guid.NewGuid()], [],
            client ? Guid.NewGuid() : null, start, minutes, 0, 0, false, null, [], [], null, false, false, "phone", false, 0, null,
            history ?? History((1, "booked")), createdAt, createdAt, [], 1);

    private static HistoryEntry[] History(params (long Version, string Action)[] entries) =>
        [.. entries.Select(e => new HistoryEntry(e.Version, LongBefore.AddHours(e.Version), Desk, e.Action, null))];

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    private static DateTimeOffset Local(string local) =>
        LocalDateTimePattern.GeneralIso.Parse(local + ":00").Value
            .InZoneLeniently(DateTimeZoneProviders.Tzdb[Warsaw]).ToDateTimeOffset().ToUniversalTime();

    private static string ToLocal(DateTimeOffset instant) =>
        Instant.FromDateTimeOffset(instant).InZone(DateTimeZoneProviders.Tzdb[Warsaw]).LocalDateTime
            .ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
