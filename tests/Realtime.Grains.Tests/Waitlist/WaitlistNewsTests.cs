using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using Realtime.Grains.Domain.Waitlist;
using Realtime.Grains.Hosting;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Clients;
using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Interfaces.Holds;
using Realtime.Grains.Interfaces.Waitlist;
using Realtime.Grains.Waitlist;

namespace Realtime.Grains.Tests.Waitlist;

[Collection(MemoryClusterCollection.Name)]
public sealed class WaitlistNewsTests(MemoryClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task A_waitlist_busy_waiting_on_another_grain_still_takes_news_in_and_acts_on_it_once_free()
    {
        var chain = await Chain.Create(Grains);
        var (staff, service, client) = (await chain.AddResource(), await chain.AddService(60), await chain.AddClient());
        var waitlist = Grains.GetGrain<IWaitlistGrain>(WaitlistRules.Key(chain.LocationId, service));
        // Someone waits already, so the news matters here.
        Chain.Ok(await waitlist.Join(new JoinWaitlist(chain.OrganizationId, await chain.AddClient(), null, null, Chain.Desk)));
        var start = chain.Local(daysFromToday: 3, hour: 11);
        var news = chain.FreedHour(staff, start);
        Task<Result<WaitlistEntry>> joining;

        // Joining asks the client grain, which the gate holds: the waitlist waits, as it does on an appointment that an
        // accepted offer is moving while that appointment hands a change on to it.
        using (var gate = CallGate.Close(Grains.GetGrain<IClientGrain>(client).GetGrainId()))
        {
            joining = waitlist.Join(new JoinWaitlist(chain.OrganizationId, client, null, null, Chain.Desk));
            await gate.Reached.WaitAsync(TimeSpan.FromSeconds(10));
            var heard = waitlist.Hear(news);

            Assert.Same(heard, await Task.WhenAny(heard, Task.Delay(TimeSpan.FromSeconds(10))));
            Assert.False(joining.IsCompleted);
        }

        Chain.Ok(await joining);
        var offer = Assert.Single(await Eventually.Value(() => waitlist.OpenOffers(client), offers => offers.Length > 0, "the offer of the freed time"));
        Assert.Equal((start, staff), (offer.Start, offer.ResourceIds.Single()));
    }

    [Fact]
    public async Task A_waitlist_that_cannot_tell_whether_its_hold_of_freed_time_landed_holds_it_again_and_offers_it_once()
    {
        var (chain, staff, client, waitlist) = await OneWaiting();
        var secret = (await Stored(waitlist)).OfferSecret;
        var start = chain.Local(daysFromToday: 3, hour: 9);
        var news = chain.FreedHour(staff, start);
        LostReplies.LoseNext(call =>
            call.ImplementationMethod.Name == nameof(IAppointmentGrain.Hold) && call.Request.GetArgument(0) is HoldSlot hold && hold.ResourceIds.Contains(staff));

        await waitlist.Hear(news);

        // The first hold took the time and lives on; the waitlist, told it failed, tries again after its back-off, and only
        // a hold under the same id is not refused the time the first one holds.
        var offer = Assert.Single(await Eventually.Value(() => waitlist.OpenOffers(client), offers => offers.Length > 0, "the offer of the freed time"));
        Assert.NotEqual(Guid.Empty, secret);
        Assert.Equal((WaitlistRules.OfferHoldId(secret, news), start, staff), (offer.AppointmentId, offer.Start, offer.ResourceIds.Single()));
        var booked = Chain.Ok(await waitlist.Accept(offer.Id, client));
        Assert.Equal((offer.AppointmentId, start), (booked.Id, booked.Start));
    }

    [Fact]
    public async Task A_waitlist_whose_write_of_an_offer_failed_acts_on_the_news_again_from_what_is_stored()
    {
        var (chain, staff, client, waitlist) = await OneWaiting();
        // Another writer behind the waitlist's back, as a write whose answer was lost leaves it: the waitlist's next write
        // of its entries and offers (the offer's) is refused.
        var stored = await StoredRow(waitlist);
        await Storage.WriteStateAsync("waitlist", waitlist.GetGrainId(), stored);

        await waitlist.Hear(chain.FreedHour(staff, chain.Local(daysFromToday: 3, hour: 14)));

        var offer = Assert.Single(await Eventually.Value(() => waitlist.OpenOffers(client), offers => offers.Length > 0, "the offer of the freed time"));
        Assert.Contains((await Stored(waitlist)).Offers, stored => stored.Id == offer.Id);
        Assert.Equal(offer.AppointmentId, Chain.Ok(await waitlist.Accept(offer.Id, client)).Id);
    }

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
        await Storage.WriteStateAsync("waitlist", waitlist.GetGrainId(), new GrainState<WaitlistState>(new WaitlistState { Entries = lapsed }));

        var joined = Chain.Ok(await waitlist.Join(new JoinWaitlist(chain.OrganizationId, client, null, null, Chain.Desk)));

        Assert.Equal([joined], await waitlist.Entries());
    }

    /// <summary>A staff member, and a client waiting for a service of an hour.</summary>
    private async Task<(Chain Chain, Guid Staff, Guid Client, IWaitlistGrain Waitlist)> OneWaiting()
    {
        var chain = await Chain.Create(Grains);
        var (staff, service, client) = (await chain.AddResource(), await chain.AddService(60), await chain.AddClient());
        var waitlist = Grains.GetGrain<IWaitlistGrain>(WaitlistRules.Key(chain.LocationId, service));
        Chain.Ok(await waitlist.Join(new JoinWaitlist(chain.OrganizationId, client, null, null, Chain.Desk)));
        return (chain, staff, client, waitlist);
    }

    private IGrainStorage Storage =>
        ((InProcessSiloHandle)fixture.Cluster.Primary!).SiloHost.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);

    private async Task<WaitlistState> Stored(IWaitlistGrain waitlist) => (await StoredRow(waitlist)).State!;

    private async Task<GrainState<WaitlistState>> StoredRow(IWaitlistGrain waitlist)
    {
        var stored = new GrainState<WaitlistState>(new WaitlistState());
        await Storage.ReadStateAsync("waitlist", waitlist.GetGrainId(), stored);
        return stored;
    }
}
