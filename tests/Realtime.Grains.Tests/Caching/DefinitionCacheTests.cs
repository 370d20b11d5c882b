using Realtime.Grains.Caching;
using Realtime.Grains.Domain.Access;
using Realtime.Grains.Interfaces.Access;
using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Interfaces.Notifications;
using Realtime.Grains.Interfaces.Organizations;
using Realtime.Grains.Interfaces.Resources;

namespace Realtime.Grains.Tests.Caching;

/// <summary>Every silo's copy is forgotten before a change is answered, whichever silo the changed grain lives on.</summary>
[Collection(MemoryClusterCollection.Name)]
public sealed class DefinitionCacheTests(MemoryClusterFixture fixture)
{
    private static readonly Actor Owner = Actor.Staff("owner-key", "Owner");

    private IGrainFactory Grains => fixture.Grains;

    private DefinitionCache[] Caches => fixture.DefinitionCaches;

    [Fact]
    public async Task A_changed_resource_is_read_anew_on_every_silo_once_the_change_is_answered()
    {
        var chain = await Chain.Create(Grains);
        var resourceId = await chain.AddResource();
        Assert.Equal(2, Caches.Length);
        foreach (var cache in Caches) Assert.Equal(1, (await cache.Resource(resourceId))!.Version);

        Chain.Ok(await Grains.GetGrain<IResourceGrain>(resourceId).SetWorkingHours([]));

        foreach (var cache in Caches)
        {
            var seen = await cache.Resource(resourceId);
            Assert.Equal((2, 0), (seen!.Version, seen.WorkingHours.Length));
        }
    }

    [Fact]
    public async Task A_changed_location_or_service_is_read_anew_on_every_silo_once_the_change_is_answered()
    {
        var chain = await Chain.Create(Grains);
        var serviceId = await chain.AddService(30);
        foreach (var cache in Caches)
        {
            Assert.Equal("Centre", (await cache.Location(chain.LocationId))!.Definition.Name);
            Assert.Equal(30, (await cache.Service(serviceId))!.Definition.DurationMinutes);
        }

        var location = Grains.GetGrain<ILocationGrain>(chain.LocationId);
        Chain.Ok(await location.Update((await location.Get())!.Definition with { Name = "Annex" }));
        var service = Grains.GetGrain<IServiceGrain>(serviceId);
        Chain.Ok(await service.Update((await service.Get())!.Definition with { DurationMinutes = 45 }));

        foreach (var cache in Caches)
        {
            Assert.Equal("Annex", (await cache.Location(chain.LocationId))!.Definition.Name);
            Assert.Equal(45, (await cache.Service(serviceId))!.Definition.DurationMinutes);
        }
    }

    [Fact]
    public async Task Added_or_removed_webhook_endpoints_are_read_anew_on_every_silo_once_the_change_is_answered()
    {
        var chain = await Chain.Create(Grains);
        var settings = Grains.GetGrain<INotificationSettingsGrain>(chain.OrganizationId);
        foreach (var cache in Caches) Assert.Empty(await cache.Webhooks(chain.OrganizationId));

        var added = Chain.Ok(await settings.AddWebhook(new NewWebhookEndpoint("https://a.example.com/hook", [WebhookEvent.Booked], Owner)));

        foreach (var cache in Caches) Assert.Equal([added.Endpoint.Id], (await cache.Webhooks(chain.OrganizationId)).Select(w => w.Id));

        Chain.Ok(await settings.RemoveWebhook(added.Endpoint.Id));

        foreach (var cache in Caches) Assert.Empty(await cache.Webhooks(chain.OrganizationId));
    }

    [Fact]
    public async Task Changed_staff_notification_settings_are_read_anew_on_every_silo_once_the_change_is_answered()
    {
        var chain = await Chain.Create(Grains);
        foreach (var cache in Caches) Assert.Null((await cache.NotificationSettings(chain.OrganizationId)).StaffEmail);

        Chain.Ok(await Grains.GetGrain<INotificationSettingsGrain>(chain.OrganizationId).SetSettings(new NotificationSettings("desk@example.com", "pl")));

        foreach (var cache in Caches)
        {
            var seen = await cache.NotificationSettings(chain.OrganizationId);
            Assert.Equal(("desk@example.com", "pl"), (seen.StaffEmail, seen.StaffLanguage));
        }
    }

    [Fact]
    public async Task A_revoked_key_stops_verifying_on_every_silo_once_the_revocation_is_answered()
    {
        var token = await NewKey();
        foreach (var cache in Caches) Assert.Equal(token.KeyId, (await cache.VerifiedKey(token.KeyId, token.Secret))?.Id);

        Chain.Ok(await Grains.GetGrain<IApiKeyGrain>(token.KeyId).Revoke(Owner));

        foreach (var cache in Caches) Assert.Null(await cache.VerifiedKey(token.KeyId, token.Secret));
    }

    [Fact]
    public async Task A_cached_key_still_refuses_any_other_secret()
    {
        var token = await NewKey();
        var cache = Caches[0];
        Assert.NotNull(await cache.VerifiedKey(token.KeyId, token.Secret));

        var wrong = (byte[])token.Secret.Clone();
        wrong[0] ^= 0x80;

        Assert.Null(await cache.VerifiedKey(token.KeyId, wrong));
        Assert.Null(await cache.VerifiedKey(token.KeyId, []));
        Assert.NotNull(await cache.VerifiedKey(token.KeyId, token.Secret));
    }

    private async Task<ApiKeyToken> NewKey()
    {
        var chain = await Chain.Create(Grains);
        var token = ApiKeyTokens.New();
        Chain.Ok(await Grains.GetGrain<IApiKeyGrain>(token.KeyId).Create(
            new NewApiKey(chain.OrganizationId, "Desk", StaffRole.FrontDesk, null, token.SecretHash, Owner)));
        return token;
    }
}
