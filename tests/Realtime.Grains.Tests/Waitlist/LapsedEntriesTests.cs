using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using Realtime.Grains.Domain.Waitlist;
using Realtime.Grains.Hosting;
using Realtime.Grains.Interfaces.Waitlist;
using Realtime.Grains.Waitlist;

namespace Realtime.Grains.Tests.Waitlist;

[Collection(MemoryClusterCollection.Name)]
public sealed class LapsedEntriesTests(MemoryClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task Entries_whose_window_has_passed_neither_fill_the_waitlist_nor_keep_their_client_from_joining_again()
    {
        var chain = await Chain.Create(Grains);
        var (service, client) = (await chain.AddService(60), await chain.AddClient());
        var waitlist = Grains.GetGrain<IWaitlistGrain>(WaitlistRules.Key(chain.LocationId, service));
        // Years of clients who waited for a week that is over: the client among them, and as many as the list takes.
        var lastWeek = DateTimeOffset.UtcNow.AddDays(-7);
        var lapsed = Enumerable.Range(0, WaitlistRules.MaxEntries)
            .Select(i => new WaitlistEntry(
                Guid.NewGuid(), chain.LocationId, service, i == 0 ? client : Guid.NewGuid(), lastWeek, lastWeek.AddDays(1), null, null, lastWeek.AddDays(-1)))
            .ToList();
        await Plant(waitlist, new WaitlistState { Entries = lapsed });

        var joined = Chain.Ok(await waitlist.Join(new JoinWaitlist(chain.OrganizationId, client, null, null, Chain.Desk)));

        Assert.Equal([joined], await waitlist.Entries());
    }

    private async Task Plant(IWaitlistGrain waitlist, WaitlistState stored)
    {
        var storage = ((InProcessSiloHandle)fixture.Cluster.Primary!).SiloHost.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        await storage.WriteStateAsync("waitlist", waitlist.GetGrainId(), new GrainState<WaitlistState>(stored));
    }
}
