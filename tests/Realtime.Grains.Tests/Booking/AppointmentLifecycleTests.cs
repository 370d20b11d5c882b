using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Clients;
using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Interfaces.Resources;
using static Realtime.Grains.Tests.Infrastructure.Chain;

namespace Realtime.Grains.Tests.Booking;

[Collection(MemoryClusterCollection.Name)]
public sealed class AppointmentLifecycleTests(MemoryClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private IAppointmentGrain Appointment(Guid id) => Grains.GetGrain<IAppointmentGrain>(id);

    [Fact]
    public async Task Every_change_is_kept_in_history_with_actor_time_and_version()
    {
        var chain = await Chain.Create(Grains);
        var staff = await chain.AddResource();
        var client = await chain.AddClient();
        var (id, _) = await chain.Book(chain.Booking([staff], chain.Local(0, 10), clientId: client));

        Ok(await Appointment(id).Confirm(Desk));
        Ok(await Appointment(id).Update(new UpdateAppointment(["vip"], "Prefers tea", 120m, "Bring gloves", null, null, true, true, true, Desk)));
        Ok(await Appointment(id).Arrive(Desk));
        var done = Ok(await Appointment(id).Complete(new CompleteAppointment(null, 75, 150m, "colour", "Used product X", null, Desk)));

        var view = done.Appointment;
        Assert.Equal(AppointmentStatus.Completed, view.Status);
        Assert.Equal(["booked", "confirmed", "updated", "arrived", "completed"], view.History.Select(h => h.Action));
        Assert.Equal([1L, 2, 3, 4, 5], view.History.Select(h => h.Version));
        Assert.All(view.History, h => Assert.Equal(Desk, h.Actor));
        Assert.Equal(5, view.Version);
        Assert.Equal(75, view.DurationMinutes);
        Assert.Equal(150m, view.Price);
        Assert.Equal(["vip", "colour"], view.Labels);
        Assert.Equal(["Prefers tea", "Used product X"], view.Comments.Select(c => c.Text));
        Assert.True(view.PaymentDue && view.FirstConsultation && view.Asap && view.Confirmed);
        Assert.Equal("Bring gloves", view.Notes);
        await Chain.RecordOnce(Grains, client, c => c.AppointmentIds.Contains(id), "the booking is linked to the client");
    }

    [Fact]
    public async Task Staff_and_room_are_taken_all_or_nothing()
    {
        var chain = await Chain.Create(Grains);
        var staff = await chain.AddResource("Anna");
        var room = await chain.AddResource("Room 1", ResourceKind.Room);
        var otherStaff = await chain.AddResource("Piotr");
        var massage = await chain.AddService(60, needs: [ResourceKind.Staff, ResourceKind.Room]);
        var start = chain.Local(6, 10);
        await chain.Book(chain.Booking([otherStaff, room], start, null, serviceIds: [massage]));

        Refused(ErrorCodes.SlotTaken, await Appointment(Guid.NewGuid()).Book(chain.Booking([staff, room], start.AddMinutes(30), null, serviceIds: [massage])));
        Refused(ErrorCodes.ValidationFailed, await Appointment(Guid.NewGuid()).Book(chain.Booking([staff], start, null, serviceIds: [massage])));

        // Anna's calendar kept nothing from the refused attempt: she can be booked alone at that time.
        await chain.Book(chain.Booking([staff], start.AddMinutes(30), 60));
    }

    [Fact]
    public async Task Cancel_frees_the_time_and_restore_needs_it_free_again()
    {
        var chain = await Chain.Create(Grains);
        var staff = await chain.AddResource();
        var start = chain.Local(-1, 10); // a visit of yesterday: one ahead could not be completed yet
        var (first, _) = await chain.Book(chain.Booking([staff], start));

        var cancelled = Ok(await Appointment(first).Cancel(new CancelAppointment(CancellationReason.Client, "Sick", true, false, null, Desk)));
        Assert.Equal(AppointmentStatus.Cancelled, cancelled.Appointment.Status);
        Assert.Equal("Sick", cancelled.Appointment.Cancellation!.Message);

        var (second, _) = await chain.Book(chain.Booking([staff], start.AddMinutes(30)));
        Refused(ErrorCodes.SlotTaken, await Appointment(first).Restore(Desk));
        Refused(ErrorCodes.SlotTaken, await Appointment(first).Complete(new CompleteAppointment(null, null, null, null, null, null, Desk)));

        Ok(await Appointment(second).Delete(Desk));
        Assert.Null(await Appointment(second).Get());
        var restored = Ok(await Appointment(first).Restore(Desk));
        Assert.Equal(AppointmentStatus.Past, restored.Status);
        Assert.Null(restored.Cancellation);
    }

    [Fact]
    public async Task No_show_frees_the_time_and_can_blacklist_the_client()
    {
        var chain = await Chain.Create(Grains);
        var staff = await chain.AddResource();
        var client = await chain.AddClient();
        var start = chain.Local(-1, 10);
        var (id, _) = await chain.Book(chain.Booking([staff], start, clientId: client));

        var noShow = Ok(await Appointment(id).MarkNoShow(new MarkNoShow(Blacklist: true, Desk)));

        Assert.Equal(AppointmentStatus.NoShow, noShow.Status);
        var profile = await Chain.ClientOnce(Grains, client, c => c.NoShowCount > 0, "the no-show reaches the client");
        Assert.Equal(1, profile.NoShowCount);
        Assert.NotNull(profile.Blacklist);
        await chain.Book(chain.Booking([staff], start));
        var restored = Appointment(id).Restore(Desk);
        Refused(ErrorCodes.SlotTaken, await restored);
    }

    [Fact]
    public async Task Restoring_or_completing_a_no_show_takes_it_back_from_the_client_with_the_blacklisting_it_made()
    {
        var chain = await Chain.Create(Grains);
        var staff = await chain.AddResource();
        var client = await chain.AddClient();
        var (restoredId, _) = await chain.Book(chain.Booking([staff], chain.Local(-1, 10), clientId: client));
        var (completedId, _) = await chain.Book(chain.Booking([staff], chain.Local(-1, 12), clientId: client));

        Ok(await Appointment(restoredId).MarkNoShow(new MarkNoShow(Blacklist: true, Desk)));
        Ok(await Appointment(completedId).MarkNoShow(new MarkNoShow(Blacklist: false, Desk)));
        var counted = await Chain.ClientOnce(Grains, client, c => c.NoShowCount == 2, "both no-shows reach the client");
        Assert.Equal("No-show", counted.Blacklist?.Reason);

        Ok(await Appointment(restoredId).Restore(Desk));
        var restored = await Chain.ClientOnce(Grains, client, c => c.NoShowCount == 1, "the restored no-show is taken back");
        Assert.Null(restored.Blacklist);

        Ok(await Appointment(completedId).Complete(new CompleteAppointment(null, null, null, null, null, null, Desk)));
        await Chain.ClientOnce(Grains, client, c => c.NoShowCount == 0, "the completed no-show is taken back");
    }

    [Fact]
    public async Task A_blacklisting_the_staff_set_by_hand_stays_when_the_no_show_is_restored()
    {
        var chain = await Chain.Create(Grains);
        var staff = await chain.AddResource();
        var client = await chain.AddClient();
        var (id, _) = await chain.Book(chain.Booking([staff], chain.Local(-1, 10), clientId: client));
        Ok(await Appointment(id).MarkNoShow(new MarkNoShow(Blacklist: true, Desk)));
        await Chain.ClientOnce(Grains, client, c => c.NoShowCount == 1, "the no-show reaches the client");

        Ok(await Grains.GetGrain<IClientGrain>(client).AddToBlacklist("Rude to staff", Desk));
        Ok(await Appointment(id).Restore(Desk));

        var restored = await Chain.ClientOnce(Grains, client, c => c.NoShowCount == 0, "the restored no-show is taken back");
        Assert.Equal("Rude to staff", restored.Blacklist?.Reason);
    }

    [Fact]
    public async Task Reschedule_moves_time_and_resource_and_frees_the_old_slot()
    {
        var chain = await Chain.Create(Grains);
        var anna = await chain.AddResource("Anna");
        var piotr = await chain.AddResource("Piotr");
        var start = chain.Local(8, 10);
        var (id, _) = await chain.Book(chain.Booking([anna], start));

        var moved = Ok(await Appointment(id).Reschedule(new RescheduleAppointment(start.AddHours(2), [piotr], false, true, Desk)));

        Assert.Equal([piotr], moved.ResourceIds);
        Assert.Equal(start.AddHours(2), moved.Start);
        await chain.Book(chain.Booking([anna], start));
        Refused(ErrorCodes.SlotTaken, await Appointment(Guid.NewGuid()).Book(chain.Booking([piotr], start.AddHours(2))));
    }

    [Fact]
    public async Task Reschedule_overlapping_its_own_old_time_works()
    {
        var chain = await Chain.Create(Grains);
        var staff = await chain.AddResource();
        var start = chain.Local(8, 12);
        var (id, _) = await chain.Book(chain.Booking([staff], start, 90));

        Ok(await Appointment(id).Reschedule(new RescheduleAppointment(start.AddMinutes(30), null, false, false, Desk)));

        await chain.Book(chain.Booking([staff], start, 30));
    }

    [Fact]
    public async Task Moving_into_the_past_skips_working_hours_but_never_the_overlap_rule()
    {
        var chain = await Chain.Create(Grains);
        var staff = await chain.AddResource();
        var (id, _) = await chain.Book(chain.Booking([staff], chain.Local(2, 10)));
        var night = chain.Local(-2, 23);
        await chain.Book(chain.Booking([staff], night.AddMinutes(30), 30));

        Refused(ErrorCodes.SlotTaken, await Appointment(id).Reschedule(new RescheduleAppointment(night, null, false, false, Desk)));
        Ok(await Appointment(id).Reschedule(new RescheduleAppointment(night.AddHours(-1), null, false, false, Desk)));
    }

    [Fact]
    public async Task Working_hours_bind_future_bookings_unless_staff_override()
    {
        var chain = await Chain.Create(Grains);
        var staff = await chain.AddResource();
        var evening = chain.Local(3, 20, 30);

        Refused(ErrorCodes.OutsideWorkingHours, await Appointment(Guid.NewGuid()).Book(chain.Booking([staff], evening, 60)));
        await chain.Book(chain.Booking([staff], evening, 60, overrideWorkingHours: true));
        await chain.Book(chain.Booking([staff], chain.Local(-3, 22), 60));
    }

    [Fact]
    public async Task A_restore_a_longer_visit_and_a_visit_already_running_keep_to_the_working_hours()
    {
        var chain = await Chain.Create(Grains);
        var staff = await chain.AddResource(); // 07:00-21:00
        var (late, _) = await chain.Book(chain.Booking([staff], chain.Local(4, 19), 60));
        UpdateAppointment Lasting(int minutes, bool overridden = false) =>
            new(null, null, null, null, null, minutes, null, null, null, Desk, overridden);

        var longer = await Appointment(late).Update(Lasting(180));
        Refused(ErrorCodes.OutsideWorkingHours, longer);
        Assert.Equal(["durationMinutes"], longer.Error!.Fields.Select(f => f.Field)); // only the length changed
        Assert.Equal(120, Ok(await Appointment(late).Update(Lasting(120))).DurationMinutes);
        Assert.Equal(180, Ok(await Appointment(late).Update(Lasting(180, overridden: true))).DurationMinutes);
        Ok(await Appointment(late).Update(new UpdateAppointment(["vip"], null, null, null, null, null, null, null, null, Desk))); // its time unchanged

        var start = chain.Local(9, 10);
        var (visit, _) = await chain.Book(chain.Booking([staff], start));
        Ok(await Appointment(visit).Cancel(new CancelAppointment(CancellationReason.Client, null, false, false, null, Desk)));
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(start, chain.TimeZone).DateTime);
        Ok(await Grains.GetGrain<IResourceGrain>(staff).AddException(
            new ScheduleException(Guid.NewGuid(), chain.LocationId, day, ScheduleExceptionKind.TimeOff, null, null, "Holiday")));
        var restored = await Appointment(visit).Restore(Desk);
        Refused(ErrorCodes.OutsideWorkingHours, restored);
        Assert.Equal(["start"], restored.Error!.Fields.Select(f => f.Field));
        Ok(await Appointment(visit).Restore(Desk, overrideWorkingHours: true));

        Refused(ErrorCodes.OutsideWorkingHours, await Appointment(Guid.NewGuid()).Book(chain.Booking([staff], DateTimeOffset.UtcNow.AddMinutes(-5), 24 * 60)));
    }

    [Fact]
    public async Task An_appointment_s_times_are_given_in_UTC_whatever_offset_it_was_booked_in()
    {
        var chain = await Chain.Create(Grains);
        var staff = await chain.AddResource();
        var start = chain.Local(5, 10);
        var inOtherOffset = start.ToOffset(TimeSpan.FromHours(-4));

        var (_, view) = await chain.Book(chain.Booking([staff], inOtherOffset, 60));

        Assert.Equal((start, TimeSpan.Zero), (view.Start, view.Start.Offset));
        Assert.Equal((start.AddHours(1), TimeSpan.Zero), (view.End, view.End.Offset));
    }

    [Fact]
    public async Task Time_off_refuses_bookings_that_day()
    {
        var chain = await Chain.Create(Grains);
        var staff = await chain.AddResource();
        var start = chain.Local(9, 10);
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(start, chain.TimeZone).DateTime);
        Ok(await Grains.GetGrain<IResourceGrain>(staff).AddException(
            new ScheduleException(Guid.NewGuid(), chain.LocationId, day, ScheduleExceptionKind.TimeOff, null, null, "Holiday")));

        Refused(ErrorCodes.OutsideWorkingHours, await Appointment(Guid.NewGuid()).Book(chain.Booking([staff], start)));
    }

    [Fact]
    public async Task Buffers_are_occupied_time()
    {
        var chain = await Chain.Create(Grains);
        var staff = await chain.AddResource();
        var colouring = await chain.AddService(60, bufferBefore: 10, bufferAfter: 15);
        var start = chain.Local(10, 10);
        var (_, view) = await chain.Book(chain.Booking([staff], start, null, serviceIds: [colouring]));

        Assert.Equal(60, view.DurationMinutes);
        Refused(ErrorCodes.SlotTaken, await Appointment(Guid.NewGuid()).Book(chain.Booking([staff], start.AddMinutes(70), 30)));
        Refused(ErrorCodes.SlotTaken, await Appointment(Guid.NewGuid()).Book(chain.Booking([staff], start.AddMinutes(-30), 25)));
        await chain.Book(chain.Booking([staff], start.AddMinutes(75), 30));
    }

    [Fact]
    public async Task No_appointment_lasts_longer_than_a_day_whatever_its_services_add_up_to()
    {
        var chain = await Chain.Create(Grains);
        var staff = await chain.AddResource();
        var (morning, evening) = (await chain.AddService(12 * 60), await chain.AddService(12 * 60 + 1));
        var start = chain.Local(11, 0);

        var refused = await Appointment(Guid.NewGuid()).Book(
            chain.Booking([staff], start, null, serviceIds: [morning, evening], overrideWorkingHours: true));
        Assert.Equal((ErrorCodes.ValidationFailed, "serviceIds"), (refused.Error?.Code, refused.Error?.Fields.Single().Field));

        var (id, _) = await chain.Book(chain.Booking([staff], start, null, serviceIds: [morning], overrideWorkingHours: true));
        var retimed = await Appointment(id).Update(
            new UpdateAppointment(null, null, null, null, [morning, evening], null, null, null, null, Desk));
        Assert.Equal((ErrorCodes.ValidationFailed, "serviceIds"), (retimed.Error?.Code, retimed.Error?.Fields.Single().Field));
    }

    [Fact]
    public async Task A_break_blocks_time_and_takes_no_client_actions()
    {
        var chain = await Chain.Create(Grains);
        var staff = await chain.AddResource();
        var start = chain.Local(3, 13);
        var (breakId, view) = await chain.Book(chain.Booking([staff], start, 30, kind: AppointmentKind.Break));

        Assert.Equal(AppointmentKind.Break, view.Kind);
        Refused(ErrorCodes.SlotTaken, await Appointment(Guid.NewGuid()).Book(chain.Booking([staff], start, 30)));
        Refused(ErrorCodes.InvalidTransition, await Appointment(breakId).Arrive(Desk));
        Ok(await Appointment(breakId).Cancel(new CancelAppointment(CancellationReason.Business, null, false, false, null, Desk)));
        await chain.Book(chain.Booking([staff], start, 30));
    }

    [Fact]
    public async Task Completing_with_a_longer_duration_is_checked_for_overlap()
    {
        var chain = await Chain.Create(Grains);
        var staff = await chain.AddResource();
        var start = chain.Local(-1, 10);
        var (id, _) = await chain.Book(chain.Booking([staff], start, 60));
        await chain.Book(chain.Booking([staff], start.AddMinutes(90), 60));

        Refused(ErrorCodes.SlotTaken, await Appointment(id).Complete(new CompleteAppointment(null, 120, null, null, null, null, Desk)));
        var done = Ok(await Appointment(id).Complete(new CompleteAppointment(null, 90, null, null, null, null, Desk)));
        Assert.Equal(90, done.Appointment.DurationMinutes);

        var undone = Ok(await Appointment(id).UndoCompletion(Desk));
        Assert.Equal(AppointmentStatus.Past, undone.Status);
    }

    [Fact]
    public async Task Next_visit_is_booked_a_week_later_or_returned_as_a_draft()
    {
        var chain = await Chain.Create(Grains);
        var anna = await chain.AddResource("Anna");
        var piotr = await chain.AddResource("Piotr");
        var client = await chain.AddClient();
        var start = chain.Local(0, 11); // completed on its day
        var (first, _) = await chain.Book(chain.Booking([anna], start, 45, clientId: client));
        var (second, _) = await chain.Book(chain.Booking([anna], start.AddHours(2), 45, clientId: client));

        var sameParameters = Ok(await Appointment(first).Complete(
            new CompleteAppointment(null, null, null, null, null, new NextVisitRequest(null, null, null, null), Desk)));
        var otherStaff = Ok(await Appointment(second).Cancel(new CancelAppointment(
            CancellationReason.Client, null, false, false, new NextVisitRequest(null, [piotr], null, null), Desk)));

        var followUp = (await Appointment(sameParameters.NextVisit!.AppointmentId!.Value).Get())!;
        Assert.Equal(start.AddDays(7), followUp.Start);
        Assert.Equal([anna], followUp.ResourceIds);
        Assert.Equal(client, followUp.ClientId);
        Assert.Null(otherStaff.NextVisit!.AppointmentId);
        Assert.Equal([piotr], otherStaff.NextVisit.Draft!.ResourceIds);

        // Completing a visit of a month ago: a week after it has passed too, so the follow-up stays a draft.
        var (old, _) = await chain.Book(chain.Booking([anna], chain.Local(-30, 11), 45, clientId: client));
        var late = Ok(await Appointment(old).Complete(
            new CompleteAppointment(null, null, null, null, null, new NextVisitRequest(null, null, null, null), Desk)));
        Assert.Equal(AppointmentStatus.Completed, late.Appointment.Status);
        Assert.Null(late.NextVisit!.AppointmentId);
        Assert.Equal(ErrorCodes.ValidationFailed, late.NextVisit.Error!.Code);
    }

    [Fact]
    public async Task The_scheduler_marks_an_ended_booking_as_past_but_not_a_future_one()
    {
        var chain = await Chain.Create(Grains);
        var staff = await chain.AddResource();
        var (ended, _) = await chain.Book(chain.Booking([staff], chain.Local(-1, 9)));
        var (future, _) = await chain.Book(chain.Booking([staff], chain.Local(2, 9)));

        Assert.Equal(AppointmentStatus.Past, Ok(await Appointment(ended).MarkPast(Actor.Scheduler)).Status);
        Refused(ErrorCodes.InvalidTransition, await Appointment(future).MarkPast(Actor.Scheduler));
    }

    [Fact]
    public async Task References_to_another_organisation_are_not_found()
    {
        var mine = await Chain.Create(Grains);
        var theirs = await Chain.Create(Grains);
        var theirStaff = await theirs.AddResource();
        var theirClient = await theirs.AddClient();
        var myStaff = await mine.AddResource();

        Refused(ErrorCodes.NotFound, await Appointment(Guid.NewGuid()).Book(mine.Booking([theirStaff], mine.Local(3, 10))));
        Refused(ErrorCodes.NotFound, await Appointment(Guid.NewGuid()).Book(mine.Booking([myStaff], mine.Local(3, 10), clientId: theirClient)));
        Refused(ErrorCodes.NotFound, await Appointment(Guid.NewGuid()).Confirm(Desk));
    }

    [Fact]
    public async Task A_blacklisted_client_cannot_book_themselves_but_staff_can_book_them()
    {
        var chain = await Chain.Create(Grains);
        var staff = await chain.AddResource();
        var client = await chain.AddClient();
        Ok(await Grains.GetGrain<IClientGrain>(client).AddToBlacklist("Three no-shows", Desk));
        var self = chain.Booking([staff], chain.Local(3, 10), clientId: client) with { Actor = new Actor(ActorKind.Client, client.ToString(), "Ewa") };

        Refused(ErrorCodes.ClientBlacklisted, await Appointment(Guid.NewGuid()).Book(self));
        await chain.Book(self with { Actor = Desk });
    }
}
