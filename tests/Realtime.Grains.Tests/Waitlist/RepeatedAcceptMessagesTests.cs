using Realtime.Grains.Domain.Waitlist;
using Realtime.Grains.Interfaces.Waitlist;
using Realtime.Grains.Notifications;

namespace Realtime.Grains.Tests.Waitlist;

/// <summary>The other candidates of an offer hear that it is gone also when the accept's first attempt died before telling them.</summary>
[Collection(MemoryClusterCollection.Name)]
public sealed class RepeatedAcceptMessagesTests(WaitlistMessagesClusterFixture fixture)
{
    [Fact]
    public async Task An_accept_repeated_after_its_attempt_died_right_after_taking_the_offer_tells_the_others_once()
    {
        var chain = await Chain.Create(fixture.Grains);
        var (staff, service) = (await chain.AddResource(), await chain.AddService(60));
        var (ann, bea, cid) = (await chain.AddClient(), await chain.AddClient(), await chain.AddClient());
        var waitlist = fixture.Grains.GetGrain<IWaitlistGrain>(WaitlistRules.Key(chain.LocationId, service));
        foreach (var client in new[] { ann, bea, cid }) Chain.Ok(await waitlist.Join(new JoinWaitlist(chain.OrganizationId, client, null, null, Chain.Desk)));
        await waitlist.Hear(chain.FreedHour(staff, chain.Local(daysFromToday: 4, hour: 10)));
        var offer = Assert.Single(await Eventually.Value(() => waitlist.OpenOffers(ann), offers => offers.Length > 0, "the offer of the freed time"));
        var request = Guid.NewGuid();
        // The attempt dies after writing the offer as taken: its next call, taking Ann off her index of waitlists, is lost.
        var annsWaitlists = fixture.Grains.GetGrain<IClientWaitlistsGrain>(ann).GetGrainId();
        LostReplies.LoseNext(call => call.TargetId == annsWaitlists);

        await Assert.ThrowsAsync<TimeoutException>(() => waitlist.Accept(offer.Id, ann, request));
        Assert.Empty(await Gone(offer));
        var repeated = Chain.Ok(await waitlist.Accept(offer.Id, ann, request));
        Chain.Ok(await waitlist.Accept(offer.Id, ann, request));

        Assert.Equal((offer.AppointmentId, ann), (repeated.Id, repeated.ClientId));
        Assert.Equal(new Guid?[] { bea, cid }.Order(), (await Gone(offer)).Select(n => n.ClientId).Order()); // once each, and not to Ann
    }

    private async Task<Notification[]> Gone(SlotOffer offer) =>
        [.. (await fixture.Outbox.ForAppointment(offer.OrganizationId, offer.AppointmentId, CancellationToken.None)).Where(n => n.Kind == OfferMessages.GoneKind)];
}
