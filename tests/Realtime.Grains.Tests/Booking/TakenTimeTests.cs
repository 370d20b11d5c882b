using Realtime.Grains.Caching;
using Realtime.Grains.Calendars;
using Realtime.Grains.Domain.Calendars;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Calendars;
using Realtime.Grains.Interfaces.Common;

namespace Realtime.Grains.Tests.Booking;

/// <summary>The look at the calendars before a new booking refuses only what the booking itself would refuse.</summary>
[Collection(MemoryClusterCollection.Name)]
public sealed class TakenTimeTests(MemoryClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private DefinitionCache Definitions => new(Grains, TimeProvider.System);

    [Fact]
    public async Task Time_a_live_appointment_claims_is_refused_as_the_booking_refuses_it_and_free_or_adjacent_time_is_not()
    {
        var chain = await Chain.Create(Grains);
        var (staff, other) = (await chain.AddResource(), await chain.AddResource("Other"));
        var start = chain.Local(daysFromToday: 4, hour: 10);
        var (booked, _) = await chain.Book(chain.Booking([staff], start, 60));
        var refusedByBooking = await Grains.GetGrain<IAppointmentGrain>(Guid.NewGuid()).Book(chain.Booking([other, staff], start.AddMinutes(59), 30));

        var refused = await TakenTime.Find(Grains, Definitions, chain.OrganizationId, chain.LocationId, [other, staff], TimeRange.FromMinutes(start.AddMinutes(59), 1), takesOfferHolds: false);

        Assert.Equal((refusedByBooking.Error!.Code, refusedByBooking.Error.Message), (refused!.Code, refused.Message));
        Assert.Equal(refusedByBooking.Error.Fields, refused.Fields);
        Assert.Equal("Anna is busy at that time: booked 10:00–11:00.", refused.Fields.Single().Message); // in the location's time
        Assert.DoesNotContain(booked.ToString(), refused.Fields.Single().Message);
        Assert.Null(await TakenTime.Find(Grains, Definitions, chain.OrganizationId, chain.LocationId, [staff], TimeRange.FromMinutes(start.AddMinutes(60), 30), takesOfferHolds: false));
        Assert.Null(await TakenTime.Find(Grains, Definitions, chain.OrganizationId, chain.LocationId, [other], TimeRange.FromMinutes(start, 60), takesOfferHolds: false));
    }

    [Fact]
    public async Task An_orphan_is_not_refused_and_is_left_for_the_booking_to_free()
    {
        var chain = await Chain.Create(Grains);
        var staff = await chain.AddResource();
        var start = chain.Local(daysFromToday: 4, hour: 13);
        var calendar = Grains.GetGrain<IResourceCalendarGrain>(CalendarPartitions.Key(staff, DateOnly.FromDateTime(start.UtcDateTime)));
        var orphan = new Reservation(Guid.NewGuid(), TimeRange.FromMinutes(start, 60));
        Assert.True((await calendar.Reserve(orphan)).Reserved);

        Assert.Null(await TakenTime.Find(Grains, Definitions, chain.OrganizationId, chain.LocationId, [staff], TimeRange.FromMinutes(start, 1), takesOfferHolds: false));
        Assert.Equal([orphan], await calendar.GetReservations());

        var (booked, _) = await chain.Book(chain.Booking([staff], start, 60));
        Assert.Equal([booked], (await calendar.GetReservations()).Select(r => r.AppointmentId));
    }

    [Fact]
    public async Task The_look_trusts_the_holders_answer_of_a_moment_ago_the_booking_asks_again_and_a_release_is_seen_at_once()
    {
        var chain = await Chain.Create(Grains);
        var staff = await chain.AddResource();
        var start = chain.Local(daysFromToday: 5, hour: 9);
        var (holder, _) = await chain.Book(chain.Booking([staff], start, 60));
        Assert.NotNull(await TakenTime.Find(Grains, Definitions, chain.OrganizationId, chain.LocationId, [staff], TimeRange.FromMinutes(start, 1), takesOfferHolds: false));

        Task<Result<AppointmentView>> booking;
        using (var gate = CallGate.Close(Grains.GetGrain<IAppointmentGrain>(holder).GetGrainId()))
        {
            var look = TakenTime.Find(Grains, Definitions, chain.OrganizationId, chain.LocationId, [staff], TimeRange.FromMinutes(start.AddMinutes(30), 1), takesOfferHolds: false);
            Assert.Same(look, await Task.WhenAny(look, gate.Reached));
            Assert.NotNull(await look);

            booking = Grains.GetGrain<IAppointmentGrain>(Guid.NewGuid()).Book(chain.Booking([staff], start.AddMinutes(30), 30));
            await gate.Reached.WaitAsync(TimeSpan.FromSeconds(10));
        }

        Assert.Equal(ErrorCodes.SlotTaken, (await booking).Error?.Code);
        Chain.Ok(await Grains.GetGrain<IAppointmentGrain>(holder).Cancel(
            new CancelAppointment(CancellationReason.Client, null, false, false, null, Chain.Desk)));
        Assert.Null(await TakenTime.Find(Grains, Definitions, chain.OrganizationId, chain.LocationId, [staff], TimeRange.FromMinutes(start, 1), takesOfferHolds: false));
    }

    [Fact]
    public async Task Another_organisations_resource_is_not_looked_at()
    {
        var owner = await Chain.Create(Grains);
        var staff = await owner.AddResource();
        var start = owner.Local(daysFromToday: 4, hour: 15);
        await owner.Book(owner.Booking([staff], start, 60));
        var stranger = await Chain.Create(Grains);

        Assert.NotNull(await TakenTime.Find(Grains, Definitions, owner.OrganizationId, owner.LocationId, [staff], TimeRange.FromMinutes(start, 1), takesOfferHolds: false));
        Assert.Null(await TakenTime.Find(Grains, Definitions, stranger.OrganizationId, stranger.LocationId, [staff], TimeRange.FromMinutes(start, 1), takesOfferHolds: false));
        Assert.Null(await TakenTime.Find(Grains, Definitions, owner.OrganizationId, owner.LocationId, [staff, Guid.NewGuid()], TimeRange.FromMinutes(start, 1), takesOfferHolds: false));
    }
}
