using Realtime.Harness;

namespace Realtime.Grains.Tests.Persistence;

[Collection(PostgresClusterCollection.Name)]
public sealed class InvariantQueryTests(PostgresClusterFixture fixture)
{
    [Fact]
    public async Task The_invariant_queries_catch_a_forged_overlapping_row()
    {
        var chain = await Chain.Create(fixture.Grains);
        var staff = await chain.AddResource();
        await chain.Book(chain.Booking([staff], chain.Local(4, 10)));
        var connection = fixture.Database.ConnectionString;
        var overlapsBefore = await PersistedInvariants.OverlappingPairs(connection, chain.OrganizationId);
        var unheldBefore = await PersistedInvariants.LiveIntervalsNotHeldByCalendars(connection, chain.OrganizationId);

        Assert.Equal(1, await PersistedInvariants.PlantForgedCopy(connection, chain.OrganizationId));

        Assert.Equal(overlapsBefore + 1, await PersistedInvariants.OverlappingPairs(connection, chain.OrganizationId));
        Assert.Equal(unheldBefore + 1, await PersistedInvariants.LiveIntervalsNotHeldByCalendars(connection, chain.OrganizationId));
    }
}
