using Realtime.Grains.Domain.Waitlist;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Interfaces.Waitlist;

namespace Realtime.Grains.Tests.Waitlist;

/// <summary>An offer accepted again under the request id of an attempt that took the slot, its answer lost, gets that slot.</summary>
[Collection(MemoryClusterCollection.Name)]
public sealed class RepeatedAcceptTests(MemoryClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task An_accept_whose_answer_was_lost_is_answered_again_with_its_booking()
    {
        var (waitlist, offer, client) = await Offered(daysFromToday: 4);
        var request = Guid.NewGuid();
        LostReplies.LoseNext(call => call.Grain is IWaitlistGrain && call.ImplementationMethod.Name == nameof(IWaitlistGrain.Accept));

        await Assert.ThrowsAsync<TimeoutException>(() => waitlist.Accept(offer.Id, client, request));
        var repeated = Chain.Ok(await waitlist.Accept(offer.Id, client, request));

        Assert.Equal((offer.AppointmentId, offer.Start, client, 1L), (repeated.Id, repeated.Start, repeated.ClientId, repeated.Version));
        Chain.Refused(ErrorCodes.OfferGone, await waitlist.Accept(offer.Id, client, Guid.NewGuid()));
        Chain.Refused(ErrorCodes.OfferGone, await waitlist.Accept(offer.Id, client));
    }

    [Fact]
    public async Task An_accept_whose_booking_landed_unseen_by_the_waitlist_gets_that_booking_on_its_repeat()
    {
        var (waitlist, offer, client) = await Offered(daysFromToday: 5);
        var request = Guid.NewGuid();
        LostReplies.LoseNext(call =>
            call.ImplementationMethod.Name == nameof(IAppointmentGrain.Book) && call.Request.GetArgument(0) is BookAppointment { Source: "waitlist" } booking
            && booking.ClientId == client);

        await Assert.ThrowsAnyAsync<Exception>(() => waitlist.Accept(offer.Id, client, request));
        Assert.Contains(await waitlist.OpenOffers(client), open => open.Id == offer.Id);
        var repeated = Chain.Ok(await waitlist.Accept(offer.Id, client, request));

        Assert.Equal((offer.AppointmentId, client, 1L, request), (repeated.Id, repeated.ClientId, repeated.Version, repeated.History.Single().RequestId));
        Assert.Empty(await waitlist.OpenOffers(client));
        Assert.Equal(repeated.Version, Chain.Ok(await waitlist.Accept(offer.Id, client, request)).Version);
    }

    /// <summary>A client waiting for the service, offered an hour freed some days from today.</summary>
    private async Task<(IWaitlistGrain Waitlist, SlotOffer Offer, Guid ClientId)> Offered(int daysFromToday)
    {
        var chain = await Chain.Create(Grains);
        var (staff, service, client) = (await chain.AddResource(), await chain.AddService(60), await chain.AddClient());
        var waitlist = Grains.GetGrain<IWaitlistGrain>(WaitlistRules.Key(chain.LocationId, service));
        Chain.Ok(await waitlist.Join(new JoinWaitlist(chain.OrganizationId, client, null, null, Chain.Desk)));
        await waitlist.Hear(chain.FreedHour(staff, chain.Local(daysFromToday, hour: 10)));
        var offer = Assert.Single(await Eventually.Value(() => waitlist.OpenOffers(client), offers => offers.Length > 0, "the offer of the freed time"));
        return (waitlist, offer, client);
    }
}
