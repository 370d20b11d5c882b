using Realtime.Grains.Domain.Access;
using Realtime.Grains.Interfaces.Access;
using Realtime.Grains.Interfaces.Organizations;

namespace Realtime.Grains.Tests.Access;

/// <summary>The only test that touches the bootstrap singleton of the shared memory cluster.</summary>
[Collection(MemoryClusterCollection.Name)]
public sealed class BootstrapGrainTests(MemoryClusterFixture fixture)
{
    [Fact]
    public async Task Many_nodes_starting_at_once_set_the_system_up_exactly_once()
    {
        var tokens = Enumerable.Range(0, 10).Select(_ => ApiKeyTokens.New()).ToArray();

        var outcomes = await Task.WhenAll(tokens.Select(t =>
            fixture.Grains.GetGrain<IBootstrapGrain>(IBootstrapGrain.SingletonKey).Bootstrap(t.KeyId, t.SecretHash)));

        var done = outcomes.Select(o => Chain.Ok(o)).ToArray();
        var created = Assert.Single(done, o => o.Created);
        Assert.All(done, o => Assert.Equal((created.OrganizationId, created.OwnerKeyId), (o.OrganizationId, o.OwnerKeyId)));

        var winner = tokens.Single(t => t.KeyId == created.OwnerKeyId);
        var key = await fixture.Grains.GetGrain<IApiKeyGrain>(winner.KeyId).Verify(winner.Secret);
        Assert.NotNull(key);
        Assert.Equal((StaffRole.Owner, created.OrganizationId, (Guid[]?)null), (key.Role, key.OrganizationId, key.LocationIds));
        Assert.Equal("My organisation", (await fixture.Grains.GetGrain<IOrganizationGrain>(created.OrganizationId).Get())!.Name);
        Assert.Equal([winner.KeyId], (await fixture.Grains.GetGrain<IOrganizationGrain>(created.OrganizationId).GetDirectory()).ApiKeyIds);
        foreach (var loser in tokens.Where(t => t != winner))
        {
            Assert.Null(await fixture.Grains.GetGrain<IApiKeyGrain>(loser.KeyId).Get());
        }

        var later = ApiKeyTokens.New();
        Assert.False(Chain.Ok(await fixture.Grains.GetGrain<IBootstrapGrain>(IBootstrapGrain.SingletonKey).Bootstrap(later.KeyId, later.SecretHash)).Created);
        Assert.Null(await fixture.Grains.GetGrain<IApiKeyGrain>(later.KeyId).Get());
    }
}
