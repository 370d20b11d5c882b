using Realtime.Grains.Domain.Access;
using Realtime.Testing;

namespace Realtime.Api.Tests.Live;

/// <summary>
/// API nodes as real processes (each with its co-hosted silo) on one database, desks connected to them directly or
/// through a load balancer, as docker-compose.yml runs them; one node dies by SIGKILL.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ApiNodeFailoverFeedTests
{
    [Fact]
    public async Task A_desk_whose_api_node_is_killed_reconnects_to_the_other_node_reloads_and_then_gets_consecutive_changes()
    {
        await using var database = await PostgresDatabase.CreateAsync("failover_feed");
        var sharedOwnerKey = ApiKeyTokens.New().Text;
        await using var nodes = await ApiNodePair.Start(database, ApiFixture.OperatorKey, sharedOwnerKey);
        var (nodeA, nodeB) = (nodes.A, nodes.B);
        // The balancer sends every new connection to node A while it accepts them.
        await using var balancer = new TcpForwarder([nodeA.BaseAddress, nodeB.BaseAddress]);
        var tenant = await Tenant.Create(key => Connect(balancer.BaseAddress, key), "Failover");
        var location = await tenant.Location();
        var staff = await tenant.Resource(location);
        await using var desk = await Desk.Open(balancer.BaseAddress, tenant.OwnerKey, location, Local(3, 0));
        var before = await Book(tenant.Owner, location, staff, 9);
        await desk.Until(d => d.Appointments.ContainsKey(before));

        await nodeA.Kill();
        var meanwhile = await BookWhileFailingOver(nodeB, tenant.OwnerKey, location, staff, 10);
        await desk.Until(d => d.Reconnects == 1 && d.Appointments.ContainsKey(meanwhile), ApiNodeProcess.Failover);

        Assert.Equal(1, desk.Reloads);
        Assert.Equal(new[] { before, meanwhile }.Order(), desk.Appointments.Keys.Order());
        var (position, applied) = (desk.Sequence, desk.Applied.Count);
        var after = new[] { await Book(tenant.Owner, location, staff, 11), await Book(tenant.Owner, location, staff, 12) };
        await desk.Until(d => after.All(d.Appointments.ContainsKey));

        // The change of the booking made during the failover may still follow the reload (effects follow the answer).
        var changes = desk.Applied.Skip(applied).ToArray();
        Assert.Equal(
            Enumerable.Range(1, changes.Length).Select(i => position + i), changes.Select(c => c.GetProperty("sequence").GetInt64()));
        Assert.Subset(changes.Select(c => c.GetProperty("appointment").GetProperty("id").GetGuid()).ToHashSet(), after.ToHashSet());
        Assert.All(changes, c => Assert.Equal(desk.Epoch, c.GetProperty("epoch").GetString()));
        Assert.Equal(1, desk.Reloads);
    }

    [Fact]
    public async Task When_the_feed_dies_with_a_node_the_desks_moving_to_the_other_node_and_those_already_there_are_live_again_at_once()
    {
        await using var database = await PostgresDatabase.CreateAsync("failover_feed_moved");
        var sharedOwnerKey = ApiKeyTokens.New().Text;
        // Node A alone at first, so that the location's feed is activated there.
        await using var nodeA = Node(database, sharedOwnerKey);
        await nodeA.WaitUntilReady(ApiNodeProcess.Startup);
        var tenant = await Tenant.Create(key => Connect(nodeA.BaseAddress, key), "Failover");
        var location = await tenant.Location();
        var staff = await tenant.Resource(location);
        await Book(tenant.Owner, location, staff, 9);
        await using var nodeB = Node(database, sharedOwnerKey);
        await nodeB.WaitUntilReady(ApiNodeProcess.Startup);
        await using var balancer = new TcpForwarder([nodeA.BaseAddress, nodeB.BaseAddress]);
        await using var moving = await Desk.Open(balancer.BaseAddress, tenant.OwnerKey, location, Local(3, 0));
        await using var staying = await Desk.Open(nodeB.BaseAddress, tenant.OwnerKey, location, Local(3, 0));

        await nodeA.Kill();
        var meanwhile = await BookWhileFailingOver(nodeB, tenant.OwnerKey, location, staff, 10);
        await moving.Until(d => d.Reconnects == 1 && d.Appointments.ContainsKey(meanwhile), ApiNodeProcess.Failover);
        using var ownerOnB = Connect(nodeB.BaseAddress, tenant.OwnerKey);
        var after = await Book(ownerOnB, location, staff, 11);

        // Within moments — pushed, or reloaded on the feed's reset — not once node B's periodic renewal (every 10 s) finds
        // the feed restarted.
        foreach (var desk in new[] { moving, staying })
        {
            await desk.Until(d => d.Appointments.ContainsKey(after), TimeSpan.FromSeconds(3));
        }

        Assert.Contains(meanwhile, staying.Appointments.Keys);
        Assert.Equal(moving.Appointments.Keys.Order(), staying.Appointments.Keys.Order());
    }

    private static ApiNodeProcess Node(PostgresDatabase database, string sharedOwnerKey) =>
        ApiNodeProcess.Start(ApiNodeSettings.For(database, ApiFixture.OperatorKey, sharedOwnerKey));

    /// <summary>An hour of the desks' day, booked through that owner client.</summary>
    private static async Task<Guid> Book(HttpClient owner, Guid location, Guid staff, int hour) =>
        Id(await Send(owner, HttpMethod.Post, "/api/appointments", Booking(location, [staff], Local(3, hour)), HttpStatusCode.Created));

    /// <summary>An hour booked through the surviving node while the cluster has not yet declared the other one dead.</summary>
    private static async Task<Guid> BookWhileFailingOver(ApiNodeProcess node, string key, Guid location, Guid staff, int hour)
    {
        var (status, body) = await ClusterRequests.BookUntilAnswered(node.BaseAddress, key, Booking(location, [staff], Local(3, hour)), ApiNodeProcess.Failover);
        Assert.True(status == HttpStatusCode.Created, body);
        return Id(JsonDocument.Parse(body).RootElement);
    }
}
