using Realtime.Grains.Interfaces.Appointments;

namespace Realtime.Grains.Tests.Persistence;

/// <summary>A booking under a just-made-up id skips reading its state; what is stored must come out the same.</summary>
[Collection(PostgresClusterCollection.Name)]
public sealed class BookUnderNewIdTests(PostgresClusterFixture fixture)
{
    [Fact]
    public async Task A_booking_under_a_new_id_is_read_back_after_a_restart_and_one_under_a_stored_id_overwrites_nothing()
    {
        var chain = await Chain.Create(fixture.Grains);
        var staff = await chain.AddResource();
        var (fresh, stored) = (Guid.NewGuid(), Guid.NewGuid());
        var freshBooking = chain.Booking([staff], chain.Local(6, 9)) with { Notes = "under a new id" };
        var storedBooking = chain.Booking([staff], chain.Local(6, 11)) with { Notes = "booked first" };
        Chain.Ok(await fixture.Grains.GetGrain<IAppointmentGrain>(fresh).BookUnderNewId(freshBooking));
        Chain.Ok(await fixture.Grains.GetGrain<IAppointmentGrain>(stored).Book(storedBooking));

        await fixture.Restart();

        var readBack = await fixture.Grains.GetGrain<IAppointmentGrain>(fresh).Get();
        Assert.Equal((freshBooking.Start, "under a new id", 1L), (readBack!.Start, readBack.Notes, readBack.Version));
        await Assert.ThrowsAnyAsync<Exception>(() => fixture.Grains.GetGrain<IAppointmentGrain>(stored)
            .BookUnderNewId(chain.Booking([staff], chain.Local(6, 14)) with { Notes = "overwriting" }));
        var kept = await fixture.Grains.GetGrain<IAppointmentGrain>(stored).Get();
        Assert.Equal((storedBooking.Start, "booked first", 1L), (kept!.Start, kept.Notes, kept.Version));
    }
}
