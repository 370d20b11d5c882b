using Realtime.Grains.Interfaces.Appointments;
using static Realtime.Grains.Tests.Infrastructure.Chain;

namespace Realtime.Grains.Tests.Persistence;

[Collection(PostgresClusterCollection.Name)]
public sealed class RestartTests(PostgresClusterFixture fixture)
{
    [Fact]
    public async Task Every_acknowledged_booking_survives_a_restart_of_all_silos_with_its_history()
    {
        var chain = await Chain.Create(fixture.Grains);
        var staff = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => chain.AddResource($"Staff {i}")));
        var acknowledged = new List<AppointmentView>();
        for (var i = 0; i < 30; i++)
        {
            var (id, _) = await chain.Book(chain.Booking([staff[i % 3]], chain.Local(2 + i / 3 / 4, 8 + i / 3 % 4 * 2), 60));
            var appointment = fixture.Grains.GetGrain<IAppointmentGrain>(id);
            if (i % 2 == 0) Ok(await appointment.Confirm(Desk));
            if (i % 5 == 0) Ok(await appointment.Cancel(new CancelAppointment(CancellationReason.Business, "Closed", false, false, null, Desk)));
            acknowledged.Add((await appointment.Get())!);
        }

        await fixture.Restart();
        chain = chain.Through(fixture.Grains);

        foreach (var before in acknowledged)
        {
            var after = await fixture.Grains.GetGrain<IAppointmentGrain>(before.Id).Get();
            Assert.NotNull(after);
            Assert.Equal(before.Version, after.Version);
            Assert.Equal(before.Status, after.Status);
            Assert.Equal(before.Start, after.Start);
            Assert.Equal(before.ResourceIds, after.ResourceIds);
            Assert.Equal(before.History.Select(h => (h.Version, h.Action, h.Actor, h.At)), after.History.Select(h => (h.Version, h.Action, h.Actor, h.At)));
        }

        // The calendars came back too: every live booking's time is still taken.
        var live = acknowledged.First(a => a.Status == AppointmentStatus.Booked);
        Refused("slot_taken", await fixture.Grains.GetGrain<IAppointmentGrain>(Guid.NewGuid()).Book(chain.Booking(live.ResourceIds, live.Start, 30)));
        var cancelled = acknowledged.First(a => a.Status == AppointmentStatus.Cancelled);
        await chain.Book(chain.Booking(cancelled.ResourceIds, cancelled.Start, 30));
    }
}
