using Realtime.Grains.Domain.Calendars;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Calendars;
using Realtime.Grains.Interfaces.Common;
using Realtime.Testing;

namespace Realtime.Grains.Tests.Booking;

[Collection(MemoryClusterCollection.Name)]
public sealed class ConcurrentBookingTests(MemoryClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task Two_hundred_concurrent_bookings_of_one_slot_give_exactly_one()
    {
        var chain = await Chain.Create(Grains);
        var staff = await chain.AddResource();
        var start = chain.Local(daysFromToday: 3, hour: 10);

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ =>
            Grains.GetGrain<IAppointmentGrain>(Guid.NewGuid()).Book(chain.Booking([staff], start, 60))));

        Assert.Equal(1, results.Count(r => r.IsSuccess));
        Assert.Equal(199, results.Count(r => r.Error?.Code == ErrorCodes.SlotTaken));
        var winner = results.Single(r => r.IsSuccess).Value!;
        var held = await Grains.GetGrain<IResourceCalendarGrain>(CalendarPartitions.Key(staff, DateOnly.FromDateTime(start.UtcDateTime))).GetReservations();
        Assert.Equal([winner.Id], held.Select(r => r.AppointmentId));
    }

    [Fact]
    public async Task A_refused_booking_leaves_no_activation_behind_and_a_booked_one_leaves_once_its_change_is_handed_on()
    {
        var chain = await Chain.Create(Grains);
        var staff = await chain.AddResource();
        var start = chain.Local(daysFromToday: 3, hour: 14);
        var (booked, _) = await chain.Book(chain.Booking([staff], start, 60));
        var appointment = Grains.GetGrain<IAppointmentGrain>(booked);
        var refused = Grains.GetGrain<IAppointmentGrain>(Guid.NewGuid());

        await Eventually.True(async () => !await IsActive(appointment), "the booked appointment's activation is gone");
        Assert.Equal(ErrorCodes.SlotTaken, (await refused.Book(chain.Booking([staff], start, 60))).Error?.Code);

        await Eventually.True(async () => !await IsActive(refused), "the refused appointment's activation is gone");
        Assert.Equal(AppointmentStatus.Booked, (await appointment.Get())?.Status);
    }

    /// <summary>Asks the silos themselves: the management grain's address lookup may answer from a directory cache.</summary>
    private async Task<bool> IsActive(IAppointmentGrain appointment)
    {
        var activations = await Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return activations.Any(a => a.GrainId == appointment.GetGrainId());
    }

    [Fact]
    public async Task Concurrent_overlapping_bookings_across_midnight_never_overlap()
    {
        var chain = await Chain.Create(Grains);
        var staff = await chain.AddResource();
        var midnight = chain.Local(daysFromToday: 4, hour: 0);
        var starts = Enumerable.Range(0, 40).Select(i => midnight.AddMinutes(-120 + i * 6)).ToList();

        var results = await Task.WhenAll(starts.Select(start =>
            Grains.GetGrain<IAppointmentGrain>(Guid.NewGuid()).Book(chain.Booking([staff], start, 45, overrideWorkingHours: true))));

        var booked = results.Where(r => r.IsSuccess).Select(r => r.Value!.Occupied).ToList();
        Assert.NotEmpty(booked);
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal(ErrorCodes.SlotTaken, r.Error!.Code));
        Assert.DoesNotContain(booked, a => booked.Any(b => a != b && a.Overlaps(b)));
    }
}
