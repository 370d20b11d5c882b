using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Common;
using static Realtime.Grains.Tests.Infrastructure.Chain;

namespace Realtime.Grains.Tests.Booking;

/// <summary>
/// An action asked for again under the request id of an attempt that landed (its answer lost, e.g. with a silo or a
/// database restart) is that attempt's repeat: answered as a success, changing nothing again.
/// </summary>
[Collection(MemoryClusterCollection.Name)]
public sealed class RepeatedRequestTests(MemoryClusterFixture fixture)
{
    private IAppointmentGrain Appointment(Guid id) => fixture.Grains.GetGrain<IAppointmentGrain>(id);

    /// <summary>A follow-up a week later, with the same parameters.</summary>
    private static readonly NextVisitRequest NextWeek = new(null, null, null, null);

    private static CancelAppointment Cancel(Guid? requestId) =>
        new(CancellationReason.Business, "Closed", NotifyClient: true, NotifyResource: false, NextVisit: null, Desk, requestId);

    /// <summary>A client's 45-minute visit at 11:00, some days from today.</summary>
    private async Task<(Chain Chain, Guid Id, DateTimeOffset Start)> ClientVisit(int daysFromToday)
    {
        var chain = await Chain.Create(fixture.Grains);
        var start = chain.Local(daysFromToday, 11);
        var (id, _) = await chain.Book(chain.Booking([await chain.AddResource()], start, 45, clientId: await chain.AddClient()));
        return (chain, id, start);
    }

    /// <summary>A cancel that lands, its answer lost.</summary>
    private async Task CancelLosingTheAnswer(Guid id, CancelAppointment cancel)
    {
        LostReplies.LoseNext(call => call.Grain is IAppointmentGrain && call.ImplementationMethod.Name == nameof(IAppointmentGrain.Cancel));
        await Assert.ThrowsAsync<TimeoutException>(() => Appointment(id).Cancel(cancel));
    }

    [Fact]
    public async Task A_cancel_whose_answer_was_lost_is_answered_again_as_done_and_recorded_once()
    {
        var chain = await Chain.Create(fixture.Grains);
        var (id, _) = await chain.Book(chain.Booking([await chain.AddResource()], chain.Local(5, 10)));
        var request = Guid.NewGuid();

        await CancelLosingTheAnswer(id, Cancel(request));
        var repeated = Ok(await Appointment(id).Cancel(Cancel(request))).Appointment;

        Assert.Equal((AppointmentStatus.Cancelled, 2L), (repeated.Status, repeated.Version));
        Assert.Equal([null, request], repeated.History.Select(h => h.RequestId));
        Refused(ErrorCodes.InvalidTransition, await Appointment(id).Cancel(Cancel(Guid.NewGuid())));
        Refused(ErrorCodes.InvalidTransition, await Appointment(id).Cancel(Cancel(null)));
    }

    [Fact]
    public async Task A_restore_and_a_move_repeated_under_their_request_ids_change_nothing_again()
    {
        var chain = await Chain.Create(fixture.Grains);
        var (anna, piotr) = (await chain.AddResource("Anna"), await chain.AddResource("Piotr"));
        var start = chain.Local(6, 10);
        var (id, _) = await chain.Book(chain.Booking([anna], start));
        Ok(await Appointment(id).Cancel(Cancel(null)));
        var (restore, move) = (Guid.NewGuid(), Guid.NewGuid());
        var moving = new RescheduleAppointment(start.AddHours(2), [piotr], false, false, Desk, move);

        var restored = Ok(await Appointment(id).Restore(Desk, requestId: restore));
        Assert.Equal(Seen(restored), Seen(Ok(await Appointment(id).Restore(Desk, requestId: restore))));
        Ok(await Appointment(id).Reschedule(moving));
        var movedOn = Ok(await Appointment(id).Reschedule(new RescheduleAppointment(start.AddHours(4), null, false, false, Desk)));
        // Run again, the move would take the appointment back to where it no longer is.
        Assert.Equal(Seen(movedOn), Seen(Ok(await Appointment(id).Reschedule(moving))));

        Assert.Equal(["booked", "cancelled", "restored", "rescheduled", "rescheduled"], movedOn.History.Select(h => h.Action));
        Assert.Equal([null, null, restore, move, null], movedOn.History.Select(h => h.RequestId));
        Assert.Equal(5, (await Appointment(id).Get())!.Version);
    }

    [Fact]
    public async Task A_repeat_after_later_changes_answers_the_appointment_as_it_is_now()
    {
        var chain = await Chain.Create(fixture.Grains);
        var (id, _) = await chain.Book(chain.Booking([await chain.AddResource()], chain.Local(7, 10)));
        var cancel = Guid.NewGuid();
        Ok(await Appointment(id).Cancel(Cancel(cancel)));
        var restored = Ok(await Appointment(id).Restore(Desk));

        var repeated = Ok(await Appointment(id).Cancel(Cancel(cancel)));

        Assert.Equal(Seen(restored), Seen(repeated.Appointment));
        Assert.Null(repeated.NextVisit);
    }

    [Fact]
    public async Task A_refused_attempt_recorded_nothing_so_its_repeat_runs_again()
    {
        var chain = await Chain.Create(fixture.Grains);
        var (id, _) = await chain.Book(chain.Booking([await chain.AddResource()], chain.Local(8, 10)));
        var restore = Guid.NewGuid();

        Refused(ErrorCodes.InvalidTransition, await Appointment(id).Restore(Desk, requestId: restore));
        Ok(await Appointment(id).Cancel(Cancel(null)));
        var restored = Ok(await Appointment(id).Restore(Desk, requestId: restore));

        Assert.Equal((AppointmentStatus.Booked, restore), (restored.Status, restored.History[^1].RequestId));
    }

    [Fact]
    public async Task Every_other_keyed_action_repeated_changes_nothing_again()
    {
        var chain = await Chain.Create(fixture.Grains);
        var staff = await chain.AddResource();
        var (id, _) = await chain.Book(chain.Booking([staff], chain.Local(0, 10)));
        var (past, _) = await chain.Book(chain.Booking([staff], chain.Local(-1, 10)));
        Func<Guid, Task<Result<AppointmentView>>>[] actions =
        [
            request => Appointment(id).Confirm(Desk, request),
            request => Appointment(id).Unconfirm(Desk, request),
            request => Appointment(id).Update(new UpdateAppointment(["vip"], "Tea", null, null, null, null, null, null, null, Desk, RequestId: request)),
            request => Appointment(id).Arrive(Desk, request),
            async request => Outcome(await Appointment(id).Complete(new CompleteAppointment(null, null, null, "done", "Fine", null, Desk, request))),
            request => Appointment(id).UndoCompletion(Desk, request),
            request => Appointment(past).MarkNoShow(new MarkNoShow(Blacklist: false, Desk, request)),
        ];

        foreach (var action in actions)
        {
            var request = Guid.NewGuid();
            var done = Ok(await action(request));
            Assert.Equal(Seen(done), Seen(Ok(await action(request))));
            Assert.Equal(request, done.History[^1].RequestId);
        }

        Assert.Equal(7, (await Appointment(id).Get())!.Version);
        Assert.Equal(["vip", "done"], (await Appointment(id).Get())!.Labels);
        Assert.Equal(2, (await Appointment(past).Get())!.Version);
    }

    [Fact]
    public async Task A_cancel_with_a_next_visit_whose_answer_was_lost_answers_the_same_next_visit_and_books_no_second()
    {
        var (_, id, start) = await ClientVisit(10);
        var request = Guid.NewGuid();
        var cancel = Cancel(request) with { NextVisit = NextWeek };

        await CancelLosingTheAnswer(id, cancel);
        var repeated = Ok(await Appointment(id).Cancel(cancel));

        Assert.Equal(AppointmentStatus.Cancelled, repeated.Appointment.Status);
        Assert.Equal(request, repeated.NextVisit!.AppointmentId);
        var followUp = (await Appointment(request).Get())!;
        Assert.Equal((start.AddDays(7), 1L), (followUp.Start, followUp.Version));
        Assert.Equal(2, (await Appointment(id).Get())!.Version);
    }

    [Fact]
    public async Task A_completion_repeated_after_its_attempt_died_before_the_follow_up_books_it_once()
    {
        var (chain, id, start) = await ClientVisit(0); // completed on its day
        var request = Guid.NewGuid();
        CompleteAppointment Complete(NextVisitRequest? nextVisit) => new(null, null, null, null, null, nextVisit, Desk, request);
        // What the attempt that died wrote: the completion under its request id, and no follow-up yet.
        Assert.Null(Ok(await Appointment(id).Complete(Complete(null))).NextVisit);

        var first = Ok(await Appointment(id).Complete(Complete(NextWeek)));
        var again = Ok(await Appointment(id).Complete(Complete(NextWeek)));

        Assert.Equal((request, request), (first.NextVisit!.AppointmentId, again.NextVisit!.AppointmentId));
        Assert.Equal((start.AddDays(7), 1L), ((await Appointment(request).Get())!.Start, (await Appointment(request).Get())!.Version));
        Assert.Equal(2, (await Appointment(id).Get())!.Version);
        // Without a request id, a follow-up is booked under an id of its own, as before.
        var (other, _) = await chain.Book(chain.Booking([await chain.AddResource("Piotr")], start, 45, clientId: await chain.AddClient()));
        var unkeyed = Ok(await Appointment(other).Cancel(Cancel(null) with { NextVisit = NextWeek })).NextVisit!.AppointmentId!.Value;
        Assert.Equal(7, unkeyed.Version);
    }

    [Fact]
    public async Task A_cancel_repeated_after_its_attempt_died_before_the_follow_up_and_someone_moved_the_visit_books_none_from_the_move()
    {
        var (_, id, start) = await ClientVisit(12);
        var request = Guid.NewGuid();
        // What the attempt that died wrote: the cancel under its request id, and no follow-up yet.
        Ok(await Appointment(id).Cancel(Cancel(request)));
        var moved = Ok(await Appointment(id).Reschedule(new RescheduleAppointment(start.AddHours(3), null, false, false, Desk)));

        var repeated = Ok(await Appointment(id).Cancel(Cancel(request) with { NextVisit = NextWeek }));

        Assert.Equal(Seen(moved), Seen(repeated.Appointment));
        Assert.Equal((null, null, ErrorCodes.NextVisitUnknown), (repeated.NextVisit!.AppointmentId, repeated.NextVisit.Draft, repeated.NextVisit.Error?.Code));
        Assert.Null(await Appointment(request).Get()); // not a visit a week after the time someone else moved it to
    }

    [Fact]
    public async Task A_cancel_repeated_after_someone_changed_the_appointment_answers_the_follow_up_its_first_attempt_booked()
    {
        var (chain, id, start) = await ClientVisit(13);
        var request = Guid.NewGuid();
        var cancel = Cancel(request) with { NextVisit = NextWeek };
        await CancelLosingTheAnswer(id, cancel);
        // Moved into the past since: planned again from the appointment as it is now, the follow-up would lie in the past too.
        Ok(await Appointment(id).Reschedule(new RescheduleAppointment(chain.Local(-8, 11), null, false, false, Desk)));

        var repeated = Ok(await Appointment(id).Cancel(cancel));

        Assert.Equal((request, null), (repeated.NextVisit!.AppointmentId, repeated.NextVisit.Error));
        Assert.Equal((start.AddDays(7), 1L), ((await Appointment(request).Get())!.Start, (await Appointment(request).Get())!.Version));
    }

    /// <summary>What tells one state of an appointment from another (a view's arrays compare by reference).</summary>
    private static (long Version, AppointmentStatus Status, DateTimeOffset Start, Guid ResourceId, int Changes) Seen(AppointmentView view) =>
        (view.Version, view.Status, view.Start, view.ResourceIds.Single(), view.History.Length);
}
