using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Clients;
using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Interfaces.Organizations;
using Realtime.Testing;

namespace Realtime.Grains.Tests.Booking;

/// <summary>
/// A booking made while its client is deleted: the client grain, the single writer of both the links and the deletion,
/// settles which came first. Linked first, the booking is the client's and the deletion decides on it (or keeps it);
/// linked after, the deleted client refuses it and the booking gives itself up. The interleavings are forced by holding
/// the appointment's link call where it is sent, which keeps the client grain free to be deleted meanwhile.
/// </summary>
[Collection(MemoryClusterCollection.Name)]
public sealed class ClientDeletionRaceTests(MemoryClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private IClientGrain Client(Guid id) => Grains.GetGrain<IClientGrain>(id);

    private CallGate.Closed HoldLinks(Guid clientId) =>
        CallGate.Close(Client(clientId).GetGrainId(), nameof(IClientGrain.LinkAppointment), atSender: true);

    [Fact]
    public async Task A_booking_linked_after_its_client_was_deleted_cancels_itself_telling_no_one_and_frees_its_time()
    {
        var chain = await Chain.Create(Grains);
        var (staff, ewa) = (await chain.AddResource(), await chain.AddClient());
        var start = chain.Local(daysFromToday: 3, hour: 10);
        Guid id;

        using (var gate = HoldLinks(ewa))
        {
            (id, _) = await chain.Book(chain.Booking([staff], start, clientId: ewa));
            await gate.Reached.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.True(Chain.Ok(await Client(ewa).Delete(Chain.Desk, [])));
        }

        var cancelled = await Eventually.Value(
            async () => (await Grains.GetGrain<IAppointmentGrain>(id).Get())!, a => a.Status == AppointmentStatus.Cancelled, "the booking gives itself up");
        var cancellation = cancelled.Cancellation!;
        Assert.Equal((CancellationReason.ClientDeleted, false, ActorKind.System, (string?)null),
            (cancellation.Reason, cancellation.ClientTold, cancellation.By.Kind, cancellation.Message));
        Assert.Equal(["booked", "cancelled"], cancelled.History.Select(h => h.Action));
        Assert.Equal("the client was deleted", cancelled.History[^1].Details);
        Assert.Equal(ewa, cancelled.ClientId);
        Assert.Null(await Client(ewa).Get());
        // The time is free again; the deleted client is not found for a booking.
        Chain.Ok(await Grains.GetGrain<IAppointmentGrain>(Guid.NewGuid()).Book(chain.Booking([staff], start)));
        var refused = await Grains.GetGrain<IAppointmentGrain>(Guid.NewGuid()).Book(chain.Booking([staff], start.AddHours(2), clientId: ewa));
        Chain.Refused(ErrorCodes.NotFound, refused);
        Assert.Equal(["clientId"], refused.Error!.Fields.Select(f => f.Field));
    }

    [Fact]
    public async Task A_seat_taken_while_its_client_was_deleted_is_given_up_and_the_class_stays_for_the_others()
    {
        var chain = await Chain.Create(Grains);
        var room = await chain.AddResource("Studio", Interfaces.Resources.ResourceKind.Room);
        var yoga = Guid.NewGuid();
        Chain.Ok(await Grains.GetGrain<IServiceGrain>(yoga).Create(chain.OrganizationId, new ServiceDefinition("Yoga", 60, 40m, 0, 0, 4, [], null)));
        var (ann, bea) = (await chain.AddClient(), await chain.AddClient());
        var (id, _) = await chain.Book(chain.Booking([room], chain.Local(daysFromToday: 4, hour: 18), null, ann, [yoga]));
        var yogaClass = Grains.GetGrain<IAppointmentGrain>(id);
        await Chain.RecordOnce(Grains, ann, c => c.AppointmentIds.Contains(id), "the class is linked to the client who booked it");

        using (var gate = HoldLinks(bea))
        {
            Chain.Ok(await yogaClass.TakeSeat(bea, Chain.Desk));
            await gate.Reached.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.True(Chain.Ok(await Client(bea).Delete(Chain.Desk, [])));
        }

        var left = await Eventually.Value(async () => (await yogaClass.Get())!, a => a.Seats.Length == 1, "the deleted client's seat is given up");
        Assert.Equal((AppointmentStatus.Booked, ann), (left.Status, left.ClientId));
        Assert.Equal([ann], left.Seats);
        Assert.Equal(["booked", "seat-taken", "seat-freed"], left.History.Select(h => h.Action));
        Assert.Equal(ActorKind.System, left.History[^1].Actor.Kind);
    }

    [Fact]
    public async Task A_booking_linked_after_the_deletion_looked_at_the_appointments_makes_it_decide_again()
    {
        var chain = await Chain.Create(Grains);
        var (staff, ewa) = (await chain.AddResource(), await chain.AddClient());
        var looked = (await Client(ewa).GetRecord())!;
        var (id, _) = await chain.Book(chain.Booking([staff], chain.Local(daysFromToday: 3, hour: 12), clientId: ewa));
        var linked = await Chain.RecordOnce(Grains, ewa, c => c.AppointmentIds.Contains(id), "the booking is the client's");

        Assert.False(Chain.Ok(await Client(ewa).Delete(Chain.Desk, looked.AppointmentIds)));
        Assert.NotNull(await Client(ewa).Get());

        // Looking again, the deletion sees the booking and decides on it: here, cancelling it first.
        Chain.Ok(await Grains.GetGrain<IAppointmentGrain>(id).Cancel(
            new CancelAppointment(CancellationReason.Business, null, NotifyClient: false, NotifyResource: false, null, Chain.Desk)));
        Assert.True(Chain.Ok(await Client(ewa).Delete(Chain.Desk, linked.AppointmentIds)));
        Assert.Null(await Client(ewa).Get());
    }

    [Fact]
    public async Task A_booking_linked_before_a_delete_that_keeps_the_visits_ahead_stays_and_is_linked_still_when_asked_again()
    {
        var chain = await Chain.Create(Grains);
        var (staff, ewa) = (await chain.AddResource(), await chain.AddClient());
        var (id, _) = await chain.Book(chain.Booking([staff], chain.Local(daysFromToday: 3, hour: 14), clientId: ewa));
        await Chain.RecordOnce(Grains, ewa, c => c.AppointmentIds.Contains(id), "the booking is the client's");

        Assert.True(Chain.Ok(await Client(ewa).Delete(Chain.Desk, null)));

        // A change handed on again (after a restart, say) links again: the kept booking is the client's, a new one is not.
        Assert.Equal(AppointmentLink.Linked, await Client(ewa).LinkAppointment(id));
        Assert.Equal(AppointmentLink.Refused, await Client(ewa).LinkAppointment(Guid.NewGuid()));
        var kept = (await Grains.GetGrain<IAppointmentGrain>(id).Get())!;
        Assert.Equal((AppointmentStatus.Booked, 1L), (kept.Status, kept.Version));
    }
}
