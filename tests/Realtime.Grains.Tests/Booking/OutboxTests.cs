using Realtime.Grains.Interfaces.Appointments;
using Realtime.Testing;
using static Realtime.Grains.Tests.Infrastructure.Chain;

namespace Realtime.Grains.Tests.Booking;

[Collection(MemoryClusterCollection.Name)]
public sealed class OutboxTests(MemoryClusterFixture fixture)
{
    [Fact]
    public async Task Side_effects_are_retried_after_a_failure_and_arrive_in_version_order()
    {
        var chain = await Chain.Create(fixture.Grains);
        var staff = await chain.AddResource();
        var id = Guid.NewGuid();
        RecordingEffect.FailOnce[id] = true;

        Ok(await fixture.Grains.GetGrain<IAppointmentGrain>(id).Book(chain.Booking([staff], chain.Local(0, 10))));
        Ok(await fixture.Grains.GetGrain<IAppointmentGrain>(id).Confirm(Desk));
        Ok(await fixture.Grains.GetGrain<IAppointmentGrain>(id).Arrive(Desk));

        // Effects follow the answers: wait for all three, then look at their order.
        var delivered = await Eventually.Value(
            () => Task.FromResult(RecordingEffect.Delivered.TryGetValue(id, out var versions) ? versions.ToArray() : []),
            versions => versions.Length >= 3, "the three changes' effects are delivered");
        Assert.Equal([1L, 2, 3], delivered);
    }

    [Fact]
    public async Task A_failed_side_effect_is_retried_by_itself_without_further_commands()
    {
        var chain = await Chain.Create(fixture.Grains);
        var staff = await chain.AddResource();
        var id = Guid.NewGuid();
        RecordingEffect.FailOnce[id] = true;

        Ok(await fixture.Grains.GetGrain<IAppointmentGrain>(id).Book(chain.Booking([staff], chain.Local(3, 12))));
        Assert.False(RecordingEffect.Delivered.ContainsKey(id));

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!RecordingEffect.Delivered.ContainsKey(id) && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.Equal([1L], RecordingEffect.Delivered[id]);
    }
}
