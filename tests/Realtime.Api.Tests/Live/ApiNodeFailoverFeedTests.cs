using Realtime.Grains.Domain.Access;
using Realtime.Testing;

namespace Realtime.Api.Tests.Live;

/// <summary>
/// Two API nodes as real processes (each with its co-hosted silo) on one database behind a load balancer, as
/// docker-compose.yml runs them; the node a desk is connected to dies by SIGKILL.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ApiNodeFailoverFeedTests
{
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Failover = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_desk_whose_api_node_is_killed_reconnects_to_the_other_node_reloads_and_then_gets_consecutive_changes()
    {
        await using var database = await PostgresDatabase.CreateAsync("failover_feed");
        var sharedOwnerKey = ApiKeyTokens.New().Text;
        await using var nodeA = ApiNodeProcess.Start(ApiNodeSettings.For(database, ApiFixture.OperatorKey, sharedOwnerKey));
        await using var nodeB = ApiNodeProcess.Start(ApiNodeSettings.For(database, ApiFixture.OperatorKey, sharedOwnerKey));
        await Task.WhenAll(nodeA.WaitUntilReady(Startup), nodeB.WaitUntilReady(Startup));
        // The balancer sends every new connection to node A while it accepts them.
        await using var balancer = new TcpForwarder([nodeA.BaseAddress, nodeB.BaseAddress]);
        var tenant = await Tenant.Create(key => Connect(balancer.BaseAddress, key), "Failover");
        var location = await tenant.Location();
        var staff = await tenant.Resource(location);
        await using var desk = await Desk.Open(balancer.BaseAddress, tenant.OwnerKey, location, Local(3, 0));
        var before = await Book(tenant.Owner, location, staff, 9);
        await desk.Until(d => d.Appointments.ContainsKey(before));

        await nodeA.Kill();
        var (status, body) = await ClusterRequests.BookUntilAnswered(nodeB.BaseAddress, tenant.OwnerKey, Booking(location, [staff], Local(3, 10)), Failover);
        Assert.True(status == HttpStatusCode.Created, body);
        var meanwhile = Id(JsonDocument.Parse(body).RootElement);
        await desk.Until(d => d.Reconnects == 1 && d.Appointments.ContainsKey(meanwhile), Failover);

        Assert.Equal(1, desk.Reloads);
        Assert.Equal(new[] { before, meanwhile }.Order(), desk.Appointments.Keys.Order());
        var (position, applied) = (desk.Sequence, desk.Applied.Count);
        var after = new[] { await Book(tenant.Owner, location, staff, 11), await Book(tenant.Owner, location, staff, 12) };
        await desk.Until(d => after.All(d.Appointments.ContainsKey));

        Assert.Equal([position + 1, position + 2], desk.Applied.Skip(applied).Select(c => c.GetProperty("sequence").GetInt64()));
        Assert.All(desk.Applied.Skip(applied), c => Assert.Equal(desk.Epoch, c.GetProperty("epoch").GetString()));
        Assert.Equal(1, desk.Reloads);
    }

    private static HttpClient Connect(Uri api, string? key)
    {
        var client = new HttpClient { BaseAddress = api };
        if (key is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        return client;
    }

    /// <summary>An hour of the desk's day, booked through the balancer.</summary>
    private static async Task<Guid> Book(HttpClient owner, Guid location, Guid staff, int hour) =>
        Id(await Send(owner, HttpMethod.Post, "/api/appointments", Booking(location, [staff], Local(3, hour)), HttpStatusCode.Created));
}
