using Microsoft.Extensions.Options;
using Realtime.Grains.Caching;
using Realtime.Grains.Domain.Notifications;
using Realtime.Grains.Hosting;
using Realtime.Grains.Interfaces.Notifications;
using Realtime.Grains.Interfaces.Organizations;

namespace Realtime.Grains.Notifications;

public sealed class WebhookEndpointState
{
    public Guid Id { get; set; }
    public string Url { get; set; } = "";
    public WebhookEvent[] Events { get; set; } = [];

    /// <summary>Kept as is: signing needs the secret itself (an HMAC key), not a hash of it.</summary>
    public string Secret { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
    public Actor? CreatedBy { get; set; }
}

public sealed class NotificationSettingsState
{
    public List<WebhookEndpointState> Webhooks { get; set; } = [];
    public string? StaffEmail { get; set; }
    public string StaffLanguage { get; set; } = NotificationSettings.Default.StaffLanguage;
}

/// <summary>One organisation's webhook endpoints and staff notification address (keyed by the organisation id).</summary>
public sealed class NotificationSettingsGrain(
    [PersistentState("notification-settings", StorageNames.Default)] IPersistentState<NotificationSettingsState> state,
    DefinitionChanges changes,
    IOptions<WebhookOptions> webhookOptions,
    TimeProvider time) : Grain, INotificationSettingsGrain
{
    public async Task<Result<CreatedWebhookEndpoint>> AddWebhook(NewWebhookEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (WebhookRules.Validate(endpoint.Url, endpoint.Events, webhookOptions.Value.AllowPrivateNetworks) is { Length: > 0 } errors)
        {
            return DomainError.Validation(errors);
        }
        if (await GrainFactory.GetGrain<IOrganizationGrain>(this.GetPrimaryKey()).Get() is null) return DomainError.NotFound("The organization");

        var url = WebhookRules.Normalize(endpoint.Url);
        if (state.State.Webhooks.Any(w => string.Equals(w.Url, url, StringComparison.Ordinal)))
        {
            return DomainError.Of(ErrorCodes.AlreadyExists, "An endpoint with this URL exists already; delete it first to change its events.");
        }

        if (state.State.Webhooks.Count >= WebhookRules.MaxEndpointsPerOrganization)
        {
            return DomainError.Of(
                NotificationErrorCodes.WebhookLimit, $"An organisation can have at most {WebhookRules.MaxEndpointsPerOrganization} webhook endpoints.");
        }

        var created = new WebhookEndpointState
        {
            Id = Guid.NewGuid(),
            Url = url,
            Events = [.. endpoint.Events.Order()],
            Secret = WebhookSignature.NewSecret(),
            CreatedAt = time.GetUtcNow(),
            CreatedBy = endpoint.CreatedBy,
        };
        state.State.Webhooks.Add(created);
        await state.WriteStateAsync();
        await changes.Changed(this.GetPrimaryKey());
        return new CreatedWebhookEndpoint(View(created), created.Secret);
    }

    public async Task<Result<bool>> RemoveWebhook(Guid endpointId)
    {
        if (state.State.Webhooks.RemoveAll(w => w.Id == endpointId) == 0) return DomainError.NotFound("The webhook endpoint");
        await state.WriteStateAsync();
        await changes.Changed(this.GetPrimaryKey());
        return true;
    }

    public Task<WebhookEndpointView[]> GetWebhooks() =>
        Task.FromResult(state.State.Webhooks.OrderBy(w => w.CreatedAt).ThenBy(w => w.Id).Select(View).ToArray());

    public Task<WebhookSigning?> Signing(Guid endpointId) =>
        Task.FromResult(state.State.Webhooks.FirstOrDefault(w => w.Id == endpointId) is { } w ? new WebhookSigning(w.Id, w.Url, w.Secret) : null);

    public Task<NotificationSettings> GetSettings() =>
        Task.FromResult(new NotificationSettings(state.State.StaffEmail, state.State.StaffLanguage));

    public async Task<Result<NotificationSettings>> SetSettings(NotificationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (NotificationSettingsRules.Validate(settings) is { Length: > 0 } errors) return DomainError.Validation(errors);
        if (await GrainFactory.GetGrain<IOrganizationGrain>(this.GetPrimaryKey()).Get() is null) return DomainError.NotFound("The organization");
        var normalized = NotificationSettingsRules.Normalize(settings);
        state.State.StaffEmail = normalized.StaffEmail;
        state.State.StaffLanguage = normalized.StaffLanguage;
        await state.WriteStateAsync();
        await changes.Changed(this.GetPrimaryKey());
        return normalized;
    }

    private static WebhookEndpointView View(WebhookEndpointState w) => new(w.Id, w.Url, [.. w.Events], w.CreatedAt);
}
