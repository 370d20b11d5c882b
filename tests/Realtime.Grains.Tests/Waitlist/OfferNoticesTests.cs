using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Realtime.Grains.Access;
using Realtime.Grains.Domain.Waitlist;
using Realtime.Grains.Interfaces.Organizations;
using Realtime.Grains.Interfaces.Waitlist;
using Realtime.Grains.Notifications;
using Realtime.Grains.Waitlist;
using Realtime.Silo.Security;

namespace Realtime.Grains.Tests.Waitlist;

/// <summary>The messages of an offer name the location, service and business as the silo's cache holds them.</summary>
[Collection(MemoryClusterCollection.Name)]
public sealed class OfferNoticesTests(MemoryClusterFixture cluster)
{
    private readonly InMemoryNotificationOutbox outbox = new();

    private IGrainFactory Grains => cluster.Grains;

    [Fact]
    public async Task An_offer_is_told_with_the_latest_definitions_and_without_calling_their_grains_while_the_cache_holds_them()
    {
        var chain = await Chain.Create(Grains);
        var (staff, service, client) = (await chain.AddResource(), await chain.AddService(60), await chain.AddClient());
        var notices = new OfferNotices(
            Grains, cluster.DefinitionCaches[0], outbox, Options.Create(new NotificationChannels { Email = true }), new NotificationSignal(),
            new ClientLinks(new DataProtectionClientLinkTokens(new EphemeralDataProtectionProvider()),
                Options.Create(new ClientLinkOptions { PublicBaseUrl = "https://book.example.com/" }), Grains, TimeProvider.System),
            TimeProvider.System, NullLogger<OfferNotices>.Instance);
        async Task<string> Told()
        {
            var start = chain.Local(daysFromToday: 3, hour: 11);
            var offer = new SlotOffer(Guid.NewGuid(), Guid.NewGuid(), chain.OrganizationId, chain.LocationId, service, [staff], start, start.AddHours(1),
                start, [client], OfferStatus.Open, null, null);
            await notices.Queue(offer, [client], OfferMessages.OfferedKind, TimeSpan.FromMinutes(30));
            return Assert.Single(outbox.All(), n => n.AppointmentId == offer.AppointmentId).Body;
        }

        Assert.Contains("Centre", await Told());
        var location = Grains.GetGrain<ILocationGrain>(chain.LocationId);
        Chain.Ok(await location.Update((await location.Get())!.Definition with { Name = "Annex" }));
        Assert.Contains("Annex", await Told());

        GrainId[] read =
        [
            Grains.GetGrain<IOrganizationGrain>(chain.OrganizationId).GetGrainId(),
            location.GetGrainId(),
            Grains.GetGrain<IServiceGrain>(service).GetGrainId(),
        ];
        Assert.Contains("Annex", await CallGate.WithoutCalling(read, Told));
    }
}
