using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Clients;
using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Interfaces.Organizations;

namespace Realtime.Grains.Tests.Booking;

/// <summary>The appointment grain applies the client policy to client actors only, and keeps the seats of a group.</summary>
[Collection(MemoryClusterCollection.Name)]
public sealed class ClientPolicyGrainTests(MemoryClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task A_client_booking_several_services_is_held_to_the_strictest_notice_staff_are_not()
    {
        var chain = await Chain.Create(Grains);
        var staff = await chain.AddResource();
        var shortNotice = await Service(chain, 1, ClientPolicy.Default with { BookingNoticeHours = 1 });
        var longNotice = await Service(chain, 1, ClientPolicy.Default with { BookingNoticeHours = 96 });
        var client = await chain.AddClient();
        var start = chain.Local(daysFromToday: 2, hour: 10);

        Chain.Refused(ErrorCodes.PolicyBookingNotice, await Book(ClientBooking(chain, client, [staff], [shortNotice, longNotice], start)));
        Chain.Ok(await Book(ClientBooking(chain, client, [staff], [shortNotice], start)));
        Chain.Ok(await Book(chain.Booking([staff], start.AddHours(2), null, client, [shortNotice, longNotice])));
    }

    [Fact]
    public async Task Clients_cannot_use_staff_options_nor_act_for_another_client()
    {
        var chain = await Chain.Create(Grains);
        var staff = await chain.AddResource();
        var yoga = await Service(chain, 4, null);
        var (ann, bea) = (await chain.AddClient(), await chain.AddClient());
        var start = chain.Local(daysFromToday: 5, hour: 10);

        var refused = await Book(ClientBooking(chain, ann, [staff], [yoga], start) with { Labels = ["vip"], OverrideWorkingHours = true });
        Chain.Refused(ErrorCodes.ValidationFailed, refused);
        Assert.Equal(["labels", "overrideWorkingHours"], refused.Error!.Fields.Select(f => f.Field));
        Chain.Refused(ErrorCodes.ValidationFailed, await Book(ClientBooking(chain, ann, [staff], [yoga], start) with { ClientId = bea }));

        var (id, _) = await chain.Book(chain.Booking([staff], start, null, ann, [yoga]));
        var appointment = Grains.GetGrain<IAppointmentGrain>(id);
        Chain.Refused(ErrorCodes.NotFound, await appointment.TakeSeat(bea, ClientActor(ann)));
        Chain.Refused(ErrorCodes.NotFound, await appointment.LeaveSeat(ann, ClientActor(bea)));
        Assert.Equal([ann], (await appointment.Get())!.Seats);
    }

    [Fact]
    public async Task A_client_cancelling_a_class_others_hold_leaves_it_and_every_seat_holder_is_linked()
    {
        var chain = await Chain.Create(Grains);
        var room = await chain.AddResource("Studio", Interfaces.Resources.ResourceKind.Room);
        var yoga = await Service(chain, 3, null);
        var (ann, bea) = (await chain.AddClient(), await chain.AddClient());
        var (id, booked) = await chain.Book(chain.Booking([room], chain.Local(daysFromToday: 5, hour: 10), null, ann, [yoga]));
        var appointment = Grains.GetGrain<IAppointmentGrain>(id);
        Assert.Equal(3, booked.Capacity);
        Assert.Equal([ann], booked.Seats);

        Chain.Ok(await appointment.TakeSeat(bea, ClientActor(bea)));
        await Chain.RecordOnce(Grains, bea, c => c.AppointmentIds.Contains(id), "the seat is linked to the client");

        var left = Chain.Ok(await appointment.Cancel(ClientCancel(ann))).Appointment;
        Assert.Equal((AppointmentStatus.Booked, bea), (left.Status, left.ClientId));
        Assert.Equal([bea], left.Seats);
        var cancelled = Chain.Ok(await appointment.Cancel(ClientCancel(bea))).Appointment;
        Assert.Equal(AppointmentStatus.Cancelled, cancelled.Status);
        Assert.Equal([bea], cancelled.Seats);
        Assert.Equal(["booked", "seat-taken", "seat-freed", "cancelled"], cancelled.History.Select(h => h.Action));
        await Chain.RecordOnce(Grains, ann, c => c.AppointmentIds.Contains(id), "the class stays linked to the client who left it");
    }

    [Fact]
    public async Task A_blacklisted_client_cannot_join_but_staff_can_seat_them()
    {
        var chain = await Chain.Create(Grains);
        var room = await chain.AddResource("Studio", Interfaces.Resources.ResourceKind.Room);
        var yoga = await Service(chain, 3, null);
        var (ann, bea) = (await chain.AddClient(), await chain.AddClient());
        Chain.Ok(await Grains.GetGrain<IClientGrain>(bea).AddToBlacklist("No-shows", Chain.Desk));
        var (id, _) = await chain.Book(chain.Booking([room], chain.Local(daysFromToday: 5, hour: 10), null, ann, [yoga]));
        var appointment = Grains.GetGrain<IAppointmentGrain>(id);

        Chain.Refused(ErrorCodes.ClientBlacklisted, await appointment.TakeSeat(bea, ClientActor(bea)));
        Assert.Equal([ann, bea], Chain.Ok(await appointment.TakeSeat(bea, Chain.Desk)).Seats);
    }

    [Fact]
    public async Task An_unknown_client_is_not_found_even_when_the_class_is_full()
    {
        var chain = await Chain.Create(Grains);
        var room = await chain.AddResource("Studio", Interfaces.Resources.ResourceKind.Room);
        var pair = await Service(chain, 2, null);
        var (ann, bea) = (await chain.AddClient(), await chain.AddClient());
        var (id, _) = await chain.Book(chain.Booking([room], chain.Local(daysFromToday: 5, hour: 10), null, ann, [pair]));
        var appointment = Grains.GetGrain<IAppointmentGrain>(id);
        Chain.Ok(await appointment.TakeSeat(bea, Chain.Desk));

        Chain.Refused(ErrorCodes.NotFound, await appointment.TakeSeat(Guid.NewGuid(), Chain.Desk));
        Chain.Refused(ErrorCodes.GroupFull, await appointment.TakeSeat(await chain.AddClient(), Chain.Desk));
    }

    [Fact]
    public async Task Other_services_must_seat_everyone_holding_a_seat()
    {
        var chain = await Chain.Create(Grains);
        var room = await chain.AddResource("Studio", Interfaces.Resources.ResourceKind.Room);
        var (yoga, pilates, massage) = (await Service(chain, 3, null), await Service(chain, 5, null), await Service(chain, 1, null));
        var (ann, bea) = (await chain.AddClient(), await chain.AddClient());
        var (id, _) = await chain.Book(chain.Booking([room], chain.Local(daysFromToday: 5, hour: 10), null, ann, [yoga]));
        var appointment = Grains.GetGrain<IAppointmentGrain>(id);
        Chain.Ok(await appointment.TakeSeat(bea, Chain.Desk));

        Chain.Refused(ErrorCodes.GroupFull, await appointment.Update(new UpdateAppointment(null, null, null, null, [massage], null, null, null, null, Chain.Desk)));
        var bigger = Chain.Ok(await appointment.Update(new UpdateAppointment(null, null, null, null, [pilates], null, null, null, null, Chain.Desk)));

        Assert.Equal(5, bigger.Capacity);
        Assert.Equal([ann, bea], bigger.Seats);
    }

    [Fact]
    public async Task A_client_cannot_bring_back_a_cancelled_appointment_and_a_move_to_the_same_time_changes_nothing()
    {
        var chain = await Chain.Create(Grains);
        var staff = await chain.AddResource();
        var cut = await Service(chain, 1, null);
        var ann = await chain.AddClient();
        var start = chain.Local(daysFromToday: 5, hour: 10);
        var (id, _) = await chain.Book(chain.Booking([staff], start, null, ann, [cut]));
        var appointment = Grains.GetGrain<IAppointmentGrain>(id);

        var unmoved = Chain.Ok(await appointment.Reschedule(new RescheduleAppointment(start, null, false, false, ClientActor(ann))));
        Assert.Equal((1L, 0), (unmoved.Version, unmoved.ClientReschedules));
        Assert.Equal(["booked"], unmoved.History.Select(h => h.Action));

        var cancelled = Chain.Ok(await appointment.Cancel(
            new CancelAppointment(CancellationReason.Business, "Closed for a day", false, false, null, Chain.Desk))).Appointment;
        Chain.Refused(ErrorCodes.InvalidTransition, await appointment.Reschedule(new RescheduleAppointment(start.AddHours(2), null, false, false, ClientActor(ann))));
        Assert.Equal((cancelled.Version, AppointmentStatus.Cancelled), ((await appointment.Get())!.Version, cancelled.Status));
        Assert.Equal(AppointmentStatus.Booked, Chain.Ok(await appointment.Reschedule(new RescheduleAppointment(start.AddHours(2), null, false, false, Chain.Desk))).Status);
    }

    private Task<Result<AppointmentView>> Book(BookAppointment booking) => Grains.GetGrain<IAppointmentGrain>(Guid.NewGuid()).Book(booking);

    private static Actor ClientActor(Guid clientId) => new(ActorKind.Client, clientId.ToString(), "client");

    private static CancelAppointment ClientCancel(Guid clientId) =>
        new(CancellationReason.Client, null, NotifyClient: false, NotifyResource: false, NextVisit: null, ClientActor(clientId));

    private static BookAppointment ClientBooking(Chain chain, Guid clientId, Guid[] resourceIds, Guid[] serviceIds, DateTimeOffset start) =>
        chain.Booking(resourceIds, start, null, clientId, serviceIds) with { Source = "online", Actor = ClientActor(clientId) };

    private async Task<Guid> Service(Chain chain, int capacity, ClientPolicy? policy)
    {
        var id = Guid.NewGuid();
        Chain.Ok(await Grains.GetGrain<IServiceGrain>(id).Create(chain.OrganizationId, new ServiceDefinition("Yoga", 30, 40m, 0, 0, capacity, [], policy)));
        return id;
    }
}
