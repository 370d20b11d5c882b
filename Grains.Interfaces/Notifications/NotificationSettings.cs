namespace Realtime.Grains.Interfaces.Notifications;

/// <summary>
/// The appointment changes an organisation's systems can subscribe to (webhooks): every change a copy of the calendar
/// must follow, so that one kept from them stays the same as the business's.
/// </summary>
public enum WebhookEvent
{
    Booked, Rescheduled, Cancelled, Confirmed, Arrived, Completed, NoShow,
    Unconfirmed, CompletionUndone, MarkedPast, Restored, Updated, Deleted, SeatTaken, SeatFreed,
}

/// <summary>A new webhook endpoint as the staff API asks for it.</summary>
[GenerateSerializer, Immutable, Alias("realtime.new-webhook-endpoint")]
public sealed record NewWebhookEndpoint(string Url, WebhookEvent[] Events, Actor CreatedBy);

/// <summary>A webhook endpoint without its secret.</summary>
[GenerateSerializer, Immutable, Alias("realtime.webhook-endpoint-view")]
public sealed record WebhookEndpointView(Guid Id, string Url, WebhookEvent[] Events, DateTimeOffset CreatedAt);

/// <summary>A webhook endpoint just created, with the signing secret (shown to the caller this once).</summary>
[GenerateSerializer, Immutable, Alias("realtime.created-webhook-endpoint")]
public sealed record CreatedWebhookEndpoint(WebhookEndpointView Endpoint, string Secret);

/// <summary>What the dispatcher needs to sign a delivery to one endpoint.</summary>
[GenerateSerializer, Immutable, Alias("realtime.webhook-signing")]
public sealed record WebhookSigning(Guid EndpointId, string Url, string Secret);

/// <summary>
/// Where an organisation's staff are told of changes (cancellations sent "to the resource", a client's own changes):
/// resources have no e-mail address of their own, so these messages go to one staff address, in one language.
/// </summary>
[GenerateSerializer, Immutable, Alias("realtime.notification-settings")]
public sealed record NotificationSettings(string? StaffEmail, string StaffLanguage)
{
    public static readonly NotificationSettings Default = new(null, "en");
}

public static class NotificationErrorCodes
{
    /// <summary>An organisation has as many webhook endpoints as it may have.</summary>
    public const string WebhookLimit = "webhook_limit_reached";
}

/// <summary>
/// One organisation's notification set-up (keyed by the organisation id): its webhook endpoints with their signing
/// secrets, and where staff messages go.
/// </summary>
[Alias("realtime.notification-settings-grain")]
public interface INotificationSettingsGrain : IGrainWithGuidKey
{
    [Alias("add-webhook")]
    Task<Result<CreatedWebhookEndpoint>> AddWebhook(NewWebhookEndpoint endpoint);

    [Alias("remove-webhook")]
    Task<Result<bool>> RemoveWebhook(Guid endpointId);

    [Alias("webhooks"), ReadOnly]
    Task<WebhookEndpointView[]> GetWebhooks();

    /// <summary>The endpoint's URL and secret; null once the endpoint is removed.</summary>
    [Alias("signing"), ReadOnly]
    Task<WebhookSigning?> Signing(Guid endpointId);

    [Alias("get-settings"), ReadOnly]
    Task<NotificationSettings> GetSettings();

    [Alias("set-settings")]
    Task<Result<NotificationSettings>> SetSettings(NotificationSettings settings);
}
