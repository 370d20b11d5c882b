using Orleans.Core.Internal;
using Realtime.Grains.Domain.Calendars;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Availability;
using Realtime.Grains.Interfaces.Calendars;
using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Interfaces.Holds;
using Realtime.Grains.Interfaces.Organizations;
using Realtime.Testing;
using static Realtime.Grains.Tests.Infrastructure.Chain;

namespace Realtime.Grains.Tests.Holds;

[Collection(MemoryClusterCollection.Name)]
public sealed class SlotHoldTests(MemoryClusterFixture fixture)
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);

    private IGrainFactory Grains => fixture.Grains;

    private IAppointmentGrain Appointment(Guid id) => Grains.GetGrain<IAppointmentGrain>(id);

    private static Actor ClientActor(Guid clientId) => new(ActorKind.Client, clientId.ToString(), "client");

    private static HoldSlot Slot(Chain chain, Guid resource, Guid service, DateTimeOffset start, Guid? client, TimeSpan lifetime) =>
        new(chain.OrganizationId, chain.LocationId, [resource], [service], start, client,
            lifetime, client is { } id ? ClientActor(id) : Desk);

    private static BookAppointment ClientBooking(Chain chain, Guid resource, Guid service, DateTimeOffset start, Guid client) =>
        chain.Booking([resource], start, null, client, [service]) with { Actor = ClientActor(client) };

    private IResourceCalendarGrain Calendar(Guid resource, DateTimeOffset at) =>
        Grains.GetGrain<IResourceCalendarGrain>(CalendarPartitions.Key(resource, DateOnly.FromDateTime(at.UtcDateTime)));

    private async Task<Reservation[]> Reservations(Guid resource, DateTimeOffset at) => await Calendar(resource, at).GetReservations();

    /// <summary>The slots of the service on the local day <paramref name="daysFromToday"/>.</summary>
    private async Task<AvailableSlot[]> Offered(Chain chain, Guid service, int daysFromToday, bool takesOfferHolds = false) =>
        Ok(await Grains.GetGrain<IAvailabilityGrain>(IAvailabilityGrain.Key).Find(new AvailabilityQuery(
            chain.OrganizationId, chain.LocationId, service, null, chain.Local(daysFromToday, 0), chain.Local(daysFromToday + 1, 0),
            ApplyClientPolicy: false, takesOfferHolds)));

    [Fact]
    public async Task A_hold_keeps_staff_and_other_clients_off_the_slot_and_out_of_availability()
    {
        var chain = await Chain.Create(Grains);
        var anna = await chain.AddResource();
        await Grains.GetGrain<IOrganizationGrain>(chain.OrganizationId).Register(DirectoryKind.Resource, anna);
        var service = await chain.AddService(60);
        var (ewa, olga) = (await chain.AddClient(), await chain.AddClient());
        var start = chain.Local(3, 10);
        var holdId = Guid.NewGuid();

        var hold = Ok(await Appointment(holdId).Hold(Slot(chain, anna, service, start, ewa, Long)));

        Assert.Equal(start.AddHours(1), hold.End);
        Assert.Equal(ewa, hold.ClientId);
        Refused(ErrorCodes.SlotTaken, await Appointment(Guid.NewGuid()).Book(chain.Booking([anna], start.AddMinutes(30), 60)));
        Refused(ErrorCodes.SlotTaken, await Appointment(Guid.NewGuid()).Hold(Slot(chain, anna, service, start, olga, Long)));
        Refused(ErrorCodes.SlotTaken, await Appointment(holdId).Book(ClientBooking(chain, anna, service, start, olga)));
        Refused(ErrorCodes.AlreadyExists, await Appointment(holdId).Hold(Slot(chain, anna, service, start, olga, Long)));
        Refused(ErrorCodes.AlreadyExists, await Appointment(holdId).Hold(Slot(chain, anna, service, start.AddHours(2), ewa, Long)));
        var again = Ok(await Appointment(holdId).Hold(Slot(chain, anna, service, start, ewa, TimeSpan.FromMinutes(30))));
        Assert.Equal((holdId, hold.ExpiresAt), (again.Id, again.ExpiresAt));
        var slots = await Offered(chain, service, 3);
        Assert.NotEmpty(slots);
        Assert.DoesNotContain(slots, s => s.Start < hold.End && s.End > hold.Start);
        Assert.Null(await Appointment(holdId).Get());
    }

    [Fact]
    public async Task A_hold_whose_appointment_leaves_memory_gives_its_time_back()
    {
        var chain = await Chain.Create(Grains);
        var anna = await chain.AddResource();
        var service = await chain.AddService(60);
        var start = chain.Local(3, 12);
        var holdId = Guid.NewGuid();
        Ok(await Appointment(holdId).Hold(Slot(chain, anna, service, start, await chain.AddClient(), Long)));

        // As a silo shutting down deactivates it: the hold ends with it, and its time must not stay hidden from searches.
        await Appointment(holdId).Cast<IGrainManagementExtension>().DeactivateOnIdle();

        await Eventually.True(async () => (await Reservations(anna, start)).Length == 0, "the held time given back");
    }

    [Fact]
    public async Task Staff_availability_counts_a_waitlist_offer_s_held_time_as_free_and_a_client_s_hold_as_taken()
    {
        var chain = await Chain.Create(Grains);
        var anna = await chain.AddResource();
        await Grains.GetGrain<IOrganizationGrain>(chain.OrganizationId).Register(DirectoryKind.Resource, anna);
        var service = await chain.AddService(60);
        var ewa = await chain.AddClient();
        var offer = Ok(await Appointment(Guid.NewGuid()).Hold(Slot(chain, anna, service, chain.Local(3, 10), null, Long)));
        var clients = Ok(await Appointment(Guid.NewGuid()).Hold(Slot(chain, anna, service, chain.Local(3, 14), ewa, Long)));
        async Task<DateTimeOffset[]> Starts(bool takesOfferHolds) =>
            [.. (await Offered(chain, service, 3, takesOfferHolds)).Select(s => s.Start)];

        var forStaff = await Starts(takesOfferHolds: true);
        var forClients = await Starts(takesOfferHolds: false);

        Assert.Contains(offer.Start, forStaff);
        Assert.DoesNotContain(offer.Start, forClients);
        Assert.DoesNotContain(clients.Start, forStaff);
        Ok(await Appointment(Guid.NewGuid()).Book(chain.Booking([anna], offer.Start, 60)));
    }

    [Fact]
    public async Task A_waitlist_offer_s_hold_gives_its_time_to_staff_only_and_only_when_nothing_else_keeps_it()
    {
        var chain = await Chain.Create(Grains);
        var anna = await chain.AddResource();
        var service = await chain.AddService(60);
        var ewa = await chain.AddClient();
        var (offered, alsoOffered) = (Guid.NewGuid(), Guid.NewGuid());
        Ok(await Appointment(offered).Hold(Slot(chain, anna, service, chain.Local(3, 10), null, Long)));
        Ok(await Appointment(alsoOffered).Hold(Slot(chain, anna, service, chain.Local(3, 12), null, Long)));
        var booked = Ok(await Appointment(Guid.NewGuid()).Book(chain.Booking([anna], chain.Local(3, 13), 60)));

        Refused(ErrorCodes.SlotTaken, await Appointment(Guid.NewGuid()).Book(ClientBooking(chain, anna, service, chain.Local(3, 10, 30), ewa)));
        var overBoth = await Appointment(Guid.NewGuid()).Book(chain.Booking([anna], chain.Local(3, 12, 30), 60));
        Refused(ErrorCodes.SlotTaken, overBoth);
        Assert.EndsWith("busy at that time: booked 13:00–14:00.", overBoth.Error!.Fields[0].Message); // the booking, not the offer
        var desk = Ok(await Appointment(Guid.NewGuid()).Book(chain.Booking([anna], chain.Local(3, 10, 30), 60)));

        Assert.Equal(new[] { booked.Id, desk.Id, alsoOffered }.Order(), (await Reservations(anna, chain.Local(3, 10))).Select(r => r.AppointmentId).Order());
        Assert.False(await Appointment(offered).GiveWayToStaff());
        Assert.False(await Appointment(booked.Id).GiveWayToStaff());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_offer_keeps_its_time_when_another_resource_refuses_the_staff_booking(bool offerOnFirstPartition)
    {
        var chain = await Chain.Create(Grains);
        var (first, second) = await TwoResourcesInPartitionOrder(chain);
        var (offeredOn, bookedOn) = offerOnFirstPartition ? (first, second) : (second, first);
        var service = await chain.AddService(60);
        var offer = Guid.NewGuid();
        Ok(await Appointment(offer).Hold(Slot(chain, offeredOn, service, chain.Local(3, 10), null, Long)));
        var booked = Ok(await Appointment(Guid.NewGuid()).Book(chain.Booking([bookedOn], chain.Local(3, 10), 60)));

        var both = await Appointment(Guid.NewGuid()).Book(chain.Booking([first, second], chain.Local(3, 10), 60));

        Refused(ErrorCodes.SlotTaken, both);
        Assert.EndsWith("busy at that time: booked 10:00–11:00.", both.Error!.Fields[0].Message); // the booking, not the offer
        Assert.Equal([offer], (await Reservations(offeredOn, chain.Local(3, 10))).Select(r => r.AppointmentId));
        Assert.Equal([booked.Id], (await Reservations(bookedOn, chain.Local(3, 10))).Select(r => r.AppointmentId));
        Assert.True(await Appointment(offer).GiveWayToStaff());
    }

    /// <summary>Two resources, ordered as a booking takes their calendars.</summary>
    private static async Task<(Guid First, Guid Second)> TwoResourcesInPartitionOrder(Chain chain)
    {
        var (a, b) = (await chain.AddResource(), await chain.AddResource());
        var day = DateOnly.FromDateTime(chain.Local(3, 10).UtcDateTime);
        return string.CompareOrdinal(CalendarPartitions.Key(a, day), CalendarPartitions.Key(b, day)) < 0 ? (a, b) : (b, a);
    }

    [Fact]
    public async Task The_holder_books_the_held_time_seamlessly()
    {
        var chain = await Chain.Create(Grains);
        var anna = await chain.AddResource();
        var service = await chain.AddService(45);
        var ewa = await chain.AddClient();
        var start = chain.Local(4, 11);
        var holdId = Guid.NewGuid();
        Ok(await Appointment(holdId).Hold(Slot(chain, anna, service, start, ewa, Long)));

        var booked = Ok(await Appointment(holdId).Book(ClientBooking(chain, anna, service, start, ewa)));

        Assert.Equal(holdId, booked.Id);
        Assert.Equal([holdId], (await Reservations(anna, start)).Select(r => r.AppointmentId));
        Assert.False(await Appointment(holdId).ReleaseHold(ewa));
        Refused(ErrorCodes.AlreadyExists, await Appointment(holdId).Hold(Slot(chain, anna, service, start, ewa, Long)));
    }

    [Fact]
    public async Task Booking_a_held_grain_at_another_time_gives_the_held_time_back()
    {
        var chain = await Chain.Create(Grains);
        var anna = await chain.AddResource();
        var service = await chain.AddService(60);
        var ewa = await chain.AddClient();
        var held = chain.Local(5, 9);
        var holdId = Guid.NewGuid();
        Ok(await Appointment(holdId).Hold(Slot(chain, anna, service, held, ewa, Long)));

        Ok(await Appointment(holdId).Book(ClientBooking(chain, anna, service, held.AddHours(3), ewa)));

        var reservation = Assert.Single(await Reservations(anna, held));
        Assert.Equal(held.AddHours(3), reservation.Occupied.Start);
        await chain.Book(chain.Booking([anna], held, 60));
    }

    [Fact]
    public async Task Only_the_holder_releases_a_hold_and_then_the_slot_is_free()
    {
        var chain = await Chain.Create(Grains);
        var anna = await chain.AddResource();
        var service = await chain.AddService(30);
        var (ewa, olga) = (await chain.AddClient(), await chain.AddClient());
        var start = chain.Local(3, 15);
        var holdId = Guid.NewGuid();
        Ok(await Appointment(holdId).Hold(Slot(chain, anna, service, start, ewa, Long)));

        Assert.False(await Appointment(holdId).ReleaseHold(olga));
        Assert.True(await Appointment(holdId).ReleaseHold(ewa));

        Assert.Empty(await Reservations(anna, start));
        Ok(await Appointment(Guid.NewGuid()).Hold(Slot(chain, anna, service, start, olga, Long)));
    }

    [Fact]
    public async Task A_hold_expires_by_itself()
    {
        var chain = await Chain.Create(Grains);
        var anna = await chain.AddResource();
        var service = await chain.AddService(30);
        var ewa = await chain.AddClient();
        var start = chain.Local(6, 12);
        var holdId = Guid.NewGuid();
        Ok(await Appointment(holdId).Hold(Slot(chain, anna, service, start, ewa, TimeSpan.FromSeconds(1))));

        await Eventually.True(async () => (await Reservations(anna, start)).Length == 0, "the expired hold is released");

        Assert.False(await Appointment(holdId).ReleaseHold(ewa));
        await chain.Book(chain.Booking([anna], start, 30));
    }

    [Fact]
    public async Task A_hold_lost_with_its_silo_is_freed_by_the_next_conflicting_booking()
    {
        var chain = await Chain.Create(Grains);
        var anna = await chain.AddResource();
        var start = chain.Local(7, 10);
        // What a hold on a killed silo leaves behind: its reservation, and no activation that claims it.
        Assert.True((await Calendar(anna, start).Reserve(new Reservation(Guid.NewGuid(), TimeRange.FromMinutes(start, 60)))).Reserved);

        var (booked, _) = await chain.Book(chain.Booking([anna], start, 60));
        Assert.Equal([booked], (await Reservations(anna, start)).Select(r => r.AppointmentId));
    }

    [Fact]
    public async Task A_hold_lost_with_its_silo_is_offered_again_by_availability_and_a_live_hold_is_not()
    {
        var chain = await Chain.Create(Grains);
        var anna = await chain.AddResource();
        await Grains.GetGrain<IOrganizationGrain>(chain.OrganizationId).Register(DirectoryKind.Resource, anna);
        var service = await chain.AddService(60);
        var live = Ok(await Appointment(Guid.NewGuid()).Hold(Slot(chain, anna, service, chain.Local(8, 10), await chain.AddClient(), Long)));
        var lost = chain.Local(8, 12);
        Assert.True((await Calendar(anna, lost).Reserve(new Reservation(Guid.NewGuid(), TimeRange.FromMinutes(lost, 60)))).Reserved);

        var slots = await Eventually.Value(
            () => Offered(chain, service, 8),
            found => found.Any(s => s.Start == lost),
            "the lost hold's time offered");

        Assert.DoesNotContain(slots, s => s.Start < live.End && s.End > live.Start);
        Assert.Contains(await Reservations(anna, live.Start), r => r.AppointmentId == live.Id);
    }

    [Fact]
    public async Task A_hold_is_checked_as_a_booking_is()
    {
        var chain = await Chain.Create(Grains);
        var anna = await chain.AddResource();
        var service = await chain.AddService(60);
        var ewa = await chain.AddClient();

        Refused(ErrorCodes.OutsideWorkingHours, await Appointment(Guid.NewGuid()).Hold(Slot(chain, anna, service, chain.Local(3, 22), ewa, Long)));
        Refused(ErrorCodes.ValidationFailed, await Appointment(Guid.NewGuid()).Hold(Slot(chain, anna, service, chain.Local(-1, 10), ewa, Long)));
        Refused(ErrorCodes.NotFound, await Appointment(Guid.NewGuid()).Hold(Slot(chain, Guid.NewGuid(), service, chain.Local(3, 10), ewa, Long)));
        var (booked, _) = await chain.Book(chain.Booking([anna], chain.Local(3, 10), 60));
        Refused(ErrorCodes.AlreadyExists, await Appointment(booked).Hold(Slot(chain, anna, service, chain.Local(3, 14), ewa, Long)));
    }
}
