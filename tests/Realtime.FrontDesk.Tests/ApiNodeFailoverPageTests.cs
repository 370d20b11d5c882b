using System.Net;
using System.Text.Json;
using Realtime.FrontDesk.Tests.Infrastructure;
using Realtime.Grains.Domain.Access;
using Realtime.Testing;
using static Microsoft.Playwright.Assertions;

namespace Realtime.FrontDesk.Tests;

/// <summary>
/// Two API nodes as real processes (each with its co-hosted silo) on one database behind a load balancer, as
/// docker-compose.yml runs them; the node a desk is connected to dies by SIGKILL.
/// </summary>
[Collection(FrontDeskCollection.Name)]
public sealed class ApiNodeFailoverPageTests(FrontDeskFixture fixture)
{
    [Fact]
    public async Task A_desk_whose_api_node_is_killed_reconnects_to_the_other_node_and_shows_what_was_booked_meanwhile_and_after()
    {
        await using var database = await PostgresDatabase.CreateAsync("failover");
        var sharedOwnerKey = ApiKeyTokens.New().Text;
        await using var nodes = await ApiNodePair.Start(database, FrontDeskFixture.OperatorKey, sharedOwnerKey);
        var (nodeA, nodeB) = (nodes.A, nodes.B);
        foreach (var node in new[] { nodeA, nodeB })
        {
            using var owner = FrontDeskFixture.Http(node.BaseAddress, sharedOwnerKey);
            Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/api/locations")).StatusCode);
        }

        // The balancer sends every new connection to node A while it accepts them.
        await using var balancer = new TcpForwarder([nodeA.BaseAddress, nodeB.BaseAddress]);
        var salon = await Salon.Create(balancer.BaseAddress, "Failover");
        var before = Salon.Id(await salon.Book([salon.Maria], salon.At(9), [salon.Haircut], salon.Clients["Anna"]));
        var desk = await fixture.OpenDesk(salon, salon.TimeZone, apiAddress: balancer.BaseAddress);
        await Expect(desk.Event(before)).ToBeVisibleAsync();

        await desk.Watch("#live[data-state='live']", present: false);
        await nodeA.Kill();
        await desk.SeenAt();
        var (status, body) = await ClusterRequests.BookUntilAnswered(nodeB.BaseAddress, salon.OwnerKey,
            salon.Booking([salon.Julia], salon.At(10), [salon.Colouring], salon.Clients["Ewa"]), ApiNodeProcess.Failover);
        Assert.True(status == HttpStatusCode.Created, body);
        var meanwhile = Salon.Id(JsonDocument.Parse(body).RootElement);

        await Expect(desk.Page.Locator("#live")).ToHaveAttributeAsync("data-state", "live", new() { Timeout = (float)ApiNodeProcess.Failover.TotalMilliseconds });
        await Expect(desk.Event(meanwhile)).ToBeVisibleAsync();
        var after = Salon.Id(await salon.Book([salon.Maria], salon.At(11), [salon.Haircut], salon.Clients["Zofia"]));
        // Faster than the page's fallback polling (every 15 s): the change came over the new node's live feed.
        await Expect(desk.Event(after)).ToBeVisibleAsync(new() { Timeout = 5_000 });
        await Expect(desk.Event(before)).ToBeVisibleAsync();
        await desk.Screenshot("failover.png");
        await desk.Page.Context.CloseAsync();
    }
}
