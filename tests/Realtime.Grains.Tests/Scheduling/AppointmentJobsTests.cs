using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Clients;
using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Interfaces.Organizations;
using static Realtime.Grains.Tests.Infrastructure.Chain;

namespace Realtime.Grains.Tests.Scheduling;

/// <summary>
/// The appointment's time-driven methods called as the scheduler calls them (with the version a trigger carries),
/// and the triggers its changes plan.
/// </summary>
[Collection(SchedulingClusterCollection.Name)]
public sealed class AppointmentJobsTests(SchedulingClusterFixture fixture)
{
    private static readonly LocationPolicy Hour = LocationPolicy.Default with
    {
        ReminderLeadMinutes = 60, AutoConfirmInsideReminderWindow = true, AfterEnd = AfterEndAction.MarkPast, AfterEndGraceMinutes = 15,
    };

    private IAppointmentGrain Appointment(Guid id) => fixture.Grains.GetGrain<IAppointmentGrain>(id);

    [Fact]
    public async Task A_booking_made_ahead_plans_its_reminder_and_after_end_check_with_its_version()
    {
        var (chain, staff, client) = await Setup(Hour);
        var start = DateTimeOffset.UtcNow.AddHours(3);

        var (id, view) = await chain.Book(chain.Booking([staff], start, 30, client, overrideWorkingHours: true));

        Assert.False(view.Confirmed);
        Assert.Equal(new PlannedJobs(1, start.AddMinutes(-60), start.AddMinutes(30 + 15)), await RecordingAppointmentJobs.For(id, 1));
    }

    [Fact]
    public async Task A_booking_inside_the_reminder_window_is_confirmed_at_once_and_plans_no_reminder()
    {
        var (chain, staff, client) = await Setup(Hour);
        var start = DateTimeOffset.UtcNow.AddMinutes(40);

        var (id, view) = await chain.Book(chain.Booking([staff], start, 30, client, overrideWorkingHours: true));

        Assert.True(view.Confirmed);
        Assert.Equal(new PlannedJobs(1, null, start.AddMinutes(45)), await RecordingAppointmentJobs.For(id, 1));
        Assert.Equal(1, Ok(await Appointment(id).RemindIfDue(1)).Version);
    }

    [Fact]
    public async Task The_reminder_is_recorded_once_by_the_scheduler_and_a_repeated_or_stale_firing_does_nothing()
    {
        var (chain, staff, client) = await Setup(Hour);
        var start = DateTimeOffset.UtcNow.AddHours(3);
        var (id, _) = await chain.Book(chain.Booking([staff], start, 30, client, overrideWorkingHours: true));

        var reminded = Ok(await Appointment(id).RemindIfDue(1));
        var repeated = Ok(await Appointment(id).RemindIfDue(1));
        var again = Ok(await Appointment(id).RemindIfDue(2));

        Assert.Equal(2, reminded.Version);
        Assert.Equal(new HistoryEntry(2, reminded.UpdatedAt, Actor.Scheduler, "reminded", $"for {start:O}"), reminded.History[^1]);
        Unchanged(reminded, repeated);
        Unchanged(reminded, again);
        Assert.Equal(AppointmentStatus.Booked, again.Status);
        // The reminder is gone from the plan; the after-end check now carries the new version.
        Assert.Equal(new PlannedJobs(2, null, start.AddMinutes(45)), await RecordingAppointmentJobs.For(id, 2));
    }

    [Fact]
    public async Task A_trigger_planned_for_an_older_version_does_nothing_and_the_replanned_one_acts()
    {
        var (chain, staff, client) = await Setup(Hour);
        var start = DateTimeOffset.UtcNow.AddHours(3);
        var (id, _) = await chain.Book(chain.Booking([staff], start, 30, client, overrideWorkingHours: true));
        Ok(await Appointment(id).Confirm(Desk));

        var stale = Ok(await Appointment(id).RemindIfDue(1));
        Assert.Equal(2, stale.Version);
        Assert.Equal(new PlannedJobs(2, start.AddMinutes(-60), start.AddMinutes(45)), await RecordingAppointmentJobs.For(id, 2));

        Assert.Equal(3, Ok(await Appointment(id).RemindIfDue(2)).Version);
    }

    [Fact]
    public async Task A_reschedule_moves_both_triggers_and_asks_for_a_new_reminder()
    {
        var (chain, staff, client) = await Setup(Hour);
        var start = DateTimeOffset.UtcNow.AddHours(3);
        var (id, _) = await chain.Book(chain.Booking([staff], start, 30, client, overrideWorkingHours: true));
        Ok(await Appointment(id).RemindIfDue(1));

        var later = start.AddHours(2);
        var moved = Ok(await Appointment(id).Reschedule(new RescheduleAppointment(later, null, true, false, Desk)));

        Assert.Equal(new PlannedJobs(3, later.AddMinutes(-60), later.AddMinutes(45)), await RecordingAppointmentJobs.For(id, 3));
        var remindedAgain = Ok(await Appointment(id).RemindIfDue(moved.Version));
        Assert.Equal(["booked", "reminded", "rescheduled", "reminded"], remindedAgain.History.Select(h => h.Action));
        Assert.Equal($"for {later:O}", remindedAgain.History[^1].Details);
    }

    [Fact]
    public async Task Raising_the_lead_time_still_reminds_a_booking_made_outside_the_old_window_when_its_work_fires()
    {
        var (chain, staff, client) = await Setup(Hour with { ReminderLeadMinutes = 10 });
        var start = DateTimeOffset.UtcNow.AddMinutes(55);
        var (id, booked) = await chain.Book(chain.Booking([staff], start, 30, client, overrideWorkingHours: true));
        Assert.False(booked.Confirmed);

        await fixture.SetPolicy(chain, Hour with { ReminderLeadMinutes = 120 });
        var reminded = Ok(await Appointment(id).RemindIfDue(booked.Version));

        Assert.Equal(["booked", "reminded"], reminded.History.Select(h => h.Action));
    }

    [Fact]
    public async Task Lowering_the_lead_time_gives_a_booking_made_inside_the_old_window_no_reminder_until_it_is_moved_out_of_the_new_one()
    {
        var (chain, staff, client) = await Setup(Hour with { ReminderLeadMinutes = 120 });
        var start = DateTimeOffset.UtcNow.AddMinutes(60);
        var (id, booked) = await chain.Book(chain.Booking([staff], start, 30, client, overrideWorkingHours: true));
        Assert.True(booked.Confirmed);

        await fixture.SetPolicy(chain, Hour with { ReminderLeadMinutes = 10 });
        var unconfirmed = Ok(await Appointment(id).Unconfirm(Desk));
        Assert.Equal(new PlannedJobs(2, null, start.AddMinutes(45)), await RecordingAppointmentJobs.For(id, 2));
        Unchanged(unconfirmed, Ok(await Appointment(id).RemindIfDue(2)));

        var later = start.AddMinutes(-20);
        Ok(await Appointment(id).Reschedule(new RescheduleAppointment(later, null, true, false, Desk)));
        Assert.Equal(new PlannedJobs(3, later.AddMinutes(-10), later.AddMinutes(45)), await RecordingAppointmentJobs.For(id, 3));
    }

    [Fact]
    public async Task Cancel_removes_the_triggers_restore_puts_them_back_and_delete_removes_them_for_good()
    {
        var (chain, staff, client) = await Setup(Hour);
        var start = DateTimeOffset.UtcNow.AddHours(3);
        var (id, _) = await chain.Book(chain.Booking([staff], start, 30, client, overrideWorkingHours: true));

        var cancelled = Ok(await Appointment(id).Cancel(new CancelAppointment(CancellationReason.Client, null, false, false, null, Desk))).Appointment;
        Assert.Equal(new PlannedJobs(2, null, null), await RecordingAppointmentJobs.For(id, 2));
        Unchanged(cancelled, Ok(await Appointment(id).RemindIfDue(2)));
        Unchanged(cancelled, Ok(await Appointment(id).CloseIfEnded(2)));

        Ok(await Appointment(id).Restore(Desk, overrideWorkingHours: true)); // booked outside working hours too, whatever the time of day
        Assert.Equal(new PlannedJobs(3, start.AddMinutes(-60), start.AddMinutes(45)), await RecordingAppointmentJobs.For(id, 3));

        Ok(await Appointment(id).Delete(Desk));
        Assert.Equal(new PlannedJobs(4, null, null), await RecordingAppointmentJobs.For(id, 4));
        Refused(ErrorCodes.NotFound, await Appointment(id).RemindIfDue(4));
        Refused(ErrorCodes.NotFound, await Appointment(id).CloseIfEnded(4));
    }

    [Fact]
    public async Task After_its_end_a_booked_appointment_becomes_past_by_the_scheduler_once()
    {
        var (chain, staff, client) = await Setup(Hour);
        var (id, booked) = await chain.Book(EndingNow(chain, staff, client));

        var closed = Ok(await Appointment(id).CloseIfEnded(booked.Version));
        var repeated = Ok(await Appointment(id).CloseIfEnded(booked.Version));
        var again = Ok(await Appointment(id).CloseIfEnded(closed.Version));

        Assert.Equal(AppointmentStatus.Past, closed.Status);
        Assert.Equal(("marked-past", Actor.Scheduler), (closed.History[^1].Action, closed.History[^1].Actor));
        Unchanged(closed, repeated);
        Unchanged(closed, again);
        Assert.Equal(new PlannedJobs(2, null, null), await RecordingAppointmentJobs.For(id, 2));
    }

    [Fact]
    public async Task After_its_end_a_booked_appointment_becomes_a_no_show_where_the_location_says_so_which_the_desk_can_take_back()
    {
        var (chain, staff, client) = await Setup(Hour with { AfterEnd = AfterEndAction.MarkNoShow });
        var (id, booked) = await chain.Book(EndingNow(chain, staff, client));

        var closed = Ok(await Appointment(id).CloseIfEnded(booked.Version));

        Assert.Equal(AppointmentStatus.NoShow, closed.Status);
        Assert.Equal(("no-show", Actor.Scheduler), (closed.History[^1].Action, closed.History[^1].Actor));
        var profile = await ClientOnce(fixture.Grains, client, c => c.NoShowCount > 0, "the no-show reaches the client");
        Assert.Equal((1, null), (profile.NoShowCount, profile.Blacklist));

        Ok(await Appointment(id).Restore(Desk, overrideWorkingHours: true)); // the desk knows the client came after all
        await ClientOnce(fixture.Grains, client, c => c.NoShowCount == 0, "the restored no-show is taken back");
    }

    [Fact]
    public async Task Nothing_is_closed_before_its_end_nor_once_the_client_arrived_and_a_break_only_becomes_past()
    {
        var (chain, staff, client) = await Setup(Hour with { AfterEnd = AfterEndAction.MarkNoShow });
        var (future, booked) = await chain.Book(chain.Booking([staff], DateTimeOffset.UtcNow.AddHours(3), 30, client, overrideWorkingHours: true));
        Unchanged(booked, Ok(await Appointment(future).CloseIfEnded(booked.Version)));

        var (arrivedId, _) = await chain.Book(EndingNow(chain, staff, client));
        var arrived = Ok(await Appointment(arrivedId).Arrive(Desk));
        Assert.Equal(new PlannedJobs(2, null, null), await RecordingAppointmentJobs.For(arrivedId, 2));
        Unchanged(arrived, Ok(await Appointment(arrivedId).CloseIfEnded(arrived.Version)));

        var otherStaff = await chain.AddResource("Piotr");
        var (breakId, breakView) = await chain.Book(EndingNow(chain, otherStaff, null, AppointmentKind.Break));
        Assert.Equal(AppointmentStatus.Past, Ok(await Appointment(breakId).CloseIfEnded(breakView.Version)).Status);
    }

    /// <summary>The firing changed nothing: same version, status and history.</summary>
    private static void Unchanged(AppointmentView before, AppointmentView after) =>
        Assert.Equal(
            (before.Version, before.Status, before.UpdatedAt, string.Join(",", before.History.Select(h => h.Action))),
            (after.Version, after.Status, after.UpdatedAt, string.Join(",", after.History.Select(h => h.Action))));

    private async Task<(Chain Chain, Guid Staff, Guid Client)> Setup(LocationPolicy policy)
    {
        var chain = await fixture.Chain(policy);
        return (chain, await chain.AddResource(), await chain.AddClient());
    }

    /// <summary>Booked a minute ago for one minute: it ends within the clock tolerance, but was booked before its end.</summary>
    private static BookAppointment EndingNow(Chain chain, Guid staff, Guid? client, AppointmentKind kind = AppointmentKind.Appointment) =>
        chain.Booking([staff], DateTimeOffset.UtcNow.AddSeconds(-58), 1, client, kind: kind, overrideWorkingHours: true);
}
