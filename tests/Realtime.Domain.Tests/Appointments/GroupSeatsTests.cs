using Realtime.Grains.Domain.Appointments;
using Realtime.Grains.Domain.Notifications;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Interfaces.Organizations;

namespace Realtime.Domain.Tests.Appointments;

public sealed class GroupSeatsTests
{
    private static readonly Guid Ann = Guid.NewGuid();
    private static readonly Guid Bea = Guid.NewGuid();
    private static readonly Guid Cai = Guid.NewGuid();

    [Fact]
    public void Seats_fill_in_order_and_full_is_full()
    {
        Guid[] seats = GroupSeats.Initial(Ann);
        seats = GroupSeats.Take(AppointmentStatus.Booked, seats, 2, Bea).Value!;

        Assert.Equal([Ann, Bea], seats);
        Assert.Equal(ErrorCodes.GroupFull, GroupSeats.Take(AppointmentStatus.Booked, seats, 2, Cai).Error!.Code);
        Assert.Same(seats, GroupSeats.Take(AppointmentStatus.Booked, seats, 2, Bea).Value);
    }

    [Fact]
    public void Leaving_frees_a_seat_and_the_next_holder_becomes_the_client()
    {
        var left = GroupSeats.Leave(AppointmentStatus.Booked, [Ann, Bea], 3, Ann).Value!;

        Assert.Equal([Bea], left);
        Assert.Equal(Bea, GroupSeats.ClientOf(left));
        Assert.Equal([Bea, Cai], GroupSeats.Take(AppointmentStatus.Booked, left, 2, Cai).Value!);
        Assert.Null(GroupSeats.ClientOf(GroupSeats.Leave(AppointmentStatus.Booked, left, 3, Bea).Value!));
        Assert.Equal(ErrorCodes.NotFound, GroupSeats.Leave(AppointmentStatus.Booked, left, 3, Cai).Error!.Code);
    }

    [Fact]
    public void Ordinary_appointments_have_no_seats_to_take_and_only_live_ones_change()
    {
        Assert.Equal(ErrorCodes.NotAGroup, GroupSeats.Take(AppointmentStatus.Booked, [Ann], 1, Bea).Error!.Code);
        Assert.Equal(ErrorCodes.NotAGroup, GroupSeats.Leave(AppointmentStatus.Booked, [Ann], 1, Ann).Error!.Code);
        Assert.Equal(ErrorCodes.InvalidTransition, GroupSeats.Take(AppointmentStatus.Cancelled, [Ann], 4, Bea).Error!.Code);
        Assert.Equal(ErrorCodes.InvalidTransition, GroupSeats.Leave(AppointmentStatus.Completed, [Ann], 4, Ann).Error!.Code);
        Assert.True(GroupSeats.Take(AppointmentStatus.Arrived, [Ann], 4, Bea).IsSuccess);
    }

    [Fact]
    public void Capacity_is_the_smallest_of_the_services_and_one_without_services()
    {
        Assert.Equal(6, GroupSeats.CapacityOf([Service(8), Service(6)]));
        Assert.Equal(1, GroupSeats.CapacityOf([Service(8), Service(1)]));
        Assert.Equal(1, GroupSeats.CapacityOf([]));
        Assert.Empty(GroupSeats.Initial(null));
    }

    [Fact]
    public void Others_are_every_seat_holder_of_a_group_but_the_one_asking()
    {
        Assert.Equal(0, GroupSeats.OthersThan([Ann], 4, Ann));
        Assert.Equal(2, GroupSeats.OthersThan([Ann, Bea, Cai], 4, Ann));
        Assert.Equal(1, GroupSeats.OthersThan([Ann], 4, null));
        Assert.Equal(0, GroupSeats.OthersThan([Ann], 1, Bea));
    }

    /// <summary>
    /// A client joining or leaving a class is confirmed and the staff told; seats changed by staff send nothing, and seat
    /// changes are no webhook event (the appointment list and the front-desk feed still show the seats).
    /// </summary>
    [Theory]
    [InlineData(AppointmentChangeKind.SeatTaken, MessageKind.Booked, ClientChangeKind.JoinedClass)]
    [InlineData(AppointmentChangeKind.SeatFreed, MessageKind.Cancelled, ClientChangeKind.LeftClass)]
    public void A_clients_own_seat_change_is_confirmed_to_them_and_told_to_staff(
        AppointmentChangeKind change, MessageKind toClient, ClientChangeKind toStaff)
    {
        ChangeFacts Facts(ActorKind actor) =>
            new(change, actor, NotifyClient: true, NotifyResource: true, AppointmentKind.Appointment, AppointmentStatus.Booked, HasClient: true);

        Assert.Equal(
            [new PlannedMessage(toClient, Audience.Client), new PlannedMessage(MessageKind.ClientChange, Audience.Staff, toStaff)],
            NotificationPlanner.Messages(Facts(ActorKind.Client)));
        Assert.Empty(NotificationPlanner.Messages(Facts(ActorKind.Staff)));
        Assert.Equal(change.ToString(), NotificationPlanner.WebhookEventOf(change)?.ToString());
    }

    [Fact]
    public void A_seat_change_s_messages_go_to_the_client_who_took_or_left_the_seat_and_the_class_s_to_every_seat_holder()
    {
        var view = new AppointmentView(
            Guid.NewGuid(), 2, Guid.NewGuid(), Guid.NewGuid(), AppointmentKind.Appointment, AppointmentStatus.Booked, [], [], Ann,
            DateTimeOffset.UnixEpoch, 60, 0, 0, false, null, [], [], null, false, false, null, false, 0, null, [],
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, [Ann, Bea], 4);
        var bea = new Actor(ActorKind.Client, Bea.ToString(), "client");

        Assert.Equal([Bea], NotificationPlanner.ClientsOf(view, AppointmentChangeKind.SeatTaken, bea));
        Assert.Equal([Bea], NotificationPlanner.ClientsOf(view, AppointmentChangeKind.SeatFreed, bea));
        Assert.Equal([Ann, Bea], NotificationPlanner.ClientsOf(view, AppointmentChangeKind.Cancelled, Actor.Staff("desk", "Desk")));
        Assert.Equal([Ann, Bea], NotificationPlanner.ClientsOf(view, AppointmentChangeKind.Reminded, Actor.Scheduler));
        Assert.Equal([Ann], NotificationPlanner.ClientsOf(view with { Capacity = 1, Seats = [Ann] }, AppointmentChangeKind.Cancelled, Actor.Staff("desk", "Desk")));
        Assert.Empty(NotificationPlanner.ClientsOf(view with { Capacity = 1, Seats = [], ClientId = null }, AppointmentChangeKind.Booked, Actor.Staff("desk", "Desk")));
    }

    [Fact]
    public void A_class_is_left_by_whoever_gave_up_their_seat_until_they_take_one_again()
    {
        var bea = new Actor(ActorKind.Client, Bea.ToString(), "client");
        HistoryEntry Entry(long version, AppointmentChangeKind change, Guid client) =>
            new(version, DateTimeOffset.UnixEpoch.AddHours(version), bea, AppointmentChanges.ActionName(change), GroupSeats.SeatDetails(client), "Sorry");
        var view = new AppointmentView(
            Guid.NewGuid(), 3, Guid.NewGuid(), Guid.NewGuid(), AppointmentKind.Appointment, AppointmentStatus.Booked, [], [], Ann,
            DateTimeOffset.UnixEpoch, 60, 0, 0, false, null, [], [], null, false, false, null, false, 0, null,
            [Entry(2, AppointmentChangeKind.SeatTaken, Bea), Entry(3, AppointmentChangeKind.SeatFreed, Bea)],
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, [Ann], 4);

        Assert.Equal(3, GroupSeats.LeftBy(view, Bea)!.Version);
        Assert.Null(GroupSeats.LeftBy(view, Ann));
        Assert.Null(GroupSeats.LeftBy(view with { Seats = [Ann, Bea] }, Bea));
        Assert.Null(GroupSeats.LeftBy(view, Cai));
        Assert.Equal(Bea, GroupSeats.SeatChangedIn(view, 3));
        Assert.Equal(Bea, GroupSeats.SeatChangedIn(view, 2));
        Assert.Null(GroupSeats.SeatChangedIn(view, 1));
        Assert.Null(GroupSeats.SeatChangedIn(view with { History = [new(3, DateTimeOffset.UnixEpoch, bea, "updated", "client x")] }, 3));
    }

    private static ServiceDefinition Service(int capacity) => new("Yoga", 60, 40m, 0, 0, capacity, [], null);
}
