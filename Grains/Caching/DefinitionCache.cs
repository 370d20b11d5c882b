using Realtime.Grains.Domain.Access;
using Realtime.Grains.Interfaces.Access;
using Realtime.Grains.Interfaces.Notifications;
using Realtime.Grains.Interfaces.Organizations;
using Realtime.Grains.Interfaces.Resources;

namespace Realtime.Grains.Caching;

/// <summary>
/// This node's copy of what every booking, request and message reads but seldom changes: locations, resources,
/// services, an organisation's name, webhook endpoints and staff notification settings (under the organisation's id)
/// and verified API keys. Each of their grains has every
/// live node forget its copy before it acknowledges a change (<see cref="DefinitionChanges"/>), so a request never sees
/// a definition older than the last acknowledged one, a revoked key included. A booking thereby calls none of them.
/// </summary>
public sealed class DefinitionCache(IGrainFactory grains, TimeProvider time)
{
    /// <summary>How long an entry lives at most: a node that joins while a change is broadcast may miss it.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly ForgettingCache cache = new(time, Lifetime);

    public Task<LocationView?> Location(Guid id) => cache.GetOrLoad(id, () => grains.GetGrain<ILocationGrain>(id).Get());

    /// <summary>The location's policy; the default one for a location that does not exist (any longer).</summary>
    public async Task<LocationPolicy> LocationPolicy(Guid locationId) =>
        (await Location(locationId))?.Definition.Policy ?? Interfaces.Organizations.LocationPolicy.Default;

    public Task<ResourceView?> Resource(Guid id) => cache.GetOrLoad(id, () => grains.GetGrain<IResourceGrain>(id).Get());

    public Task<ServiceView?> Service(Guid id) => cache.GetOrLoad(id, () => grains.GetGrain<IServiceGrain>(id).Get());

    /// <summary>Needs no forgetting: an organisation keeps the name it was created with.</summary>
    public Task<OrganizationView?> Organization(Guid id) => cache.GetOrLoad(id, () => grains.GetGrain<IOrganizationGrain>(id).Get());

    public async Task<NotificationSettings> NotificationSettings(Guid organizationId) =>
        await cache.GetOrLoad(organizationId, async () => await grains.GetGrain<INotificationSettingsGrain>(organizationId).GetSettings())
        ?? Interfaces.Notifications.NotificationSettings.Default;

    public async Task<WebhookEndpointView[]> Webhooks(Guid organizationId) =>
        await cache.GetOrLoad(organizationId, async () => await grains.GetGrain<INotificationSettingsGrain>(organizationId).GetWebhooks()) ?? [];

    /// <summary>
    /// The key when it exists, is not revoked and the secret matches (see <see cref="IApiKeyGrain.Verify"/>). The cache
    /// keeps the hash of a secret that verified; any other secret goes to the key's grain.
    /// </summary>
    public async Task<ApiKeyView?> VerifiedKey(Guid keyId, byte[] secret)
    {
        var verified = await cache.GetOrLoad(
            keyId,
            async () => await grains.GetGrain<IApiKeyGrain>(keyId).Verify(secret) is { } view
                ? new KeyVerification(ApiKeyTokens.HashSecret(secret), view)
                : null,
            known => ApiKeyTokens.Matches(known.SecretHash, secret));
        return verified?.View;
    }

    /// <summary>
    /// Whether this node still holds the key as verified: nothing about it changed since a request verified it here
    /// (a change would have made the node forget it).
    /// </summary>
    public bool HoldsVerifiedKey(Guid keyId) => cache.Cached<KeyVerification>(keyId) is not null;

    /// <summary>Raised after this node forgot a definition because it changed (an API key revoked, for one).</summary>
    public event Action<Guid>? Forgotten;

    /// <summary>Drops this node's copy of whatever is cached under <paramref name="id"/>.</summary>
    public void Forget(Guid id)
    {
        cache.Forget(id);
        Forgotten?.Invoke(id);
    }

    private sealed record KeyVerification(byte[] SecretHash, ApiKeyView View);
}
