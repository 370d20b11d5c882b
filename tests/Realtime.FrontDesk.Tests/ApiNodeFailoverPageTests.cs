using System.Net;
using System.Net.Http.Json;
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
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Failover = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_desk_whose_api_node_is_killed_reconnects_to_the_other_node_and_shows_what_was_booked_meanwhile_and_after()
    {
        await using var database = await PostgresDatabase.CreateAsync("failover");
        var sharedOwnerKey = ApiKeyTokens.New().Text;
        await using var nodeA = ApiNodeProcess.Start(Settings(database, sharedOwnerKey));
        await using var nodeB = ApiNodeProcess.Start(Settings(database, sharedOwnerKey));
        await Task.WhenAll(nodeA.WaitUntilReady(Startup), nodeB.WaitUntilReady(Startup));
        foreach (var node in new[] { nodeA, nodeB })
        {
            using var owner = FrontDeskFixture.Http(node.BaseAddress, sharedOwnerKey);
            Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/api/locations")).StatusCode);
        }

        // The balancer sends every new connection to node A while it accepts them.
        await using var balancer = new TcpForwarder([nodeA.BaseAddress, nodeB.BaseAddress]);
        var salon = await Salon.Create(balancer.BaseAddress, "Failover");
        var before = Salon.Id(await salon.Book([salon.Maria], salon.At(9), [salon.Haircut], salon.Clients["Anna"]));
        var desk = await fixture.OpenDesk(salon, Salon.TimeZone, apiAddress: balancer.BaseAddress);
        await Expect(desk.Event(before)).ToBeVisibleAsync();

        await nodeA.Kill();
        var live = desk.Page.Locator("#live");
        await Expect(live).Not.ToHaveAttributeAsync("data-state", "live");
        var meanwhile = await BookRetrying(nodeB.BaseAddress, salon.OwnerKey,
            salon.Booking([salon.Julia], salon.At(10), [salon.Colouring], salon.Clients["Ewa"]));

        await Expect(live).ToHaveAttributeAsync("data-state", "live", new() { Timeout = (float)Failover.TotalMilliseconds });
        await Expect(desk.Event(meanwhile)).ToBeVisibleAsync();
        var after = Salon.Id(await salon.Book([salon.Maria], salon.At(11), [salon.Haircut], salon.Clients["Zofia"]));
        // Faster than the page's fallback polling (every 15 s): the change came over the new node's live feed.
        await Expect(desk.Event(after)).ToBeVisibleAsync(new() { Timeout = 5_000 });
        await Expect(desk.Event(before)).ToBeVisibleAsync();
        await desk.Screenshot("failover.png");
    }

    private static Dictionary<string, string> Settings(PostgresDatabase database, string sharedOwnerKey) =>
        new(ApiNodeSettings.For(database, FrontDeskFixture.OperatorKey)) { ["Realtime:BootstrapOwnerKey"] = sharedOwnerKey };

    /// <summary>
    /// Books as a client of a cluster that is losing a node must: the same request under one idempotency key, again
    /// until it is answered, since calls to the dead node's grains fail until the cluster has declared it dead.
    /// </summary>
    private static async Task<Guid> BookRetrying(Uri node, string key, object booking)
    {
        using var http = FrontDeskFixture.Http(node, key);
        http.Timeout = TimeSpan.FromSeconds(10);
        http.DefaultRequestHeaders.Add("Idempotency-Key", $"failover-{Guid.NewGuid():N}");
        var deadline = DateTime.UtcNow + Failover;
        var failures = new List<string>();
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await http.PostAsJsonAsync("/api/appointments", booking);
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.Created) return Salon.Id(JsonDocument.Parse(body).RootElement);
                Assert.True((int)response.StatusCode >= 500, $"The booking was refused: {(int)response.StatusCode} {body}");
                failures.Add($"{(int)response.StatusCode} {body}");
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                failures.Add(ex.Message);
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"No booking within {Failover}: {string.Join(" | ", failures)}");
    }
}
