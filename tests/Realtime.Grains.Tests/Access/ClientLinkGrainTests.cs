using Realtime.Grains.Interfaces.Access;

namespace Realtime.Grains.Tests.Access;

[Collection(PostgresClusterCollection.Name)]
public sealed class ClientLinkGrainTests(PostgresClusterFixture fixture)
{
    [Fact]
    public async Task A_link_is_redeemed_once_even_by_calls_at_once_and_stays_redeemed_after_a_restart()
    {
        var link = Guid.NewGuid();
        var expiresAt = DateTimeOffset.UtcNow.AddDays(1);

        var first = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => fixture.Grains.GetGrain<IClientLinkGrain>(link).Redeem(expiresAt)));
        await fixture.Restart();

        Assert.Single(first, redeemed => redeemed);
        Assert.False(await fixture.Grains.GetGrain<IClientLinkGrain>(link).Redeem(expiresAt));
        Assert.True(await fixture.Grains.GetGrain<IClientLinkGrain>(Guid.NewGuid()).Redeem(expiresAt));
    }
}
