using Realtime.Grains.Interfaces.Notifications;

namespace Realtime.Grains.Domain.Notifications;

/// <summary>What a message is about (the <c>kind</c> column of the outbox; webhooks are <c>webhook:&lt;event&gt;</c>).</summary>
public enum MessageKind { Booked, Rescheduled, Cancelled, Reminder, ClientChange, Birthday, SignInLink }

/// <summary>Who a message is written for: the client, or the business's staff (the resource).</summary>
public enum Audience { Client, Staff }

public enum NotificationChannel { Email, Sms, Webhook }

/// <summary>The delivery states of a queued message, as stored and as the API shows them.</summary>
public static class NotificationStatus
{
    /// <summary>Queued, not tried yet (or being tried for the first time).</summary>
    public const string Pending = "pending";

    /// <summary>Tried and failed; tried again at <c>next_attempt_at</c>.</summary>
    public const string FailedRetrying = "failed-retrying";

    public const string Sent = "sent";

    /// <summary>Given up: too many failed attempts, or it can never be delivered (e.g. the endpoint was removed).</summary>
    public const string Dead = "dead";

    /// <summary>The states in which a message still waits to be delivered.</summary>
    public static readonly string[] Waiting = [Pending, FailedRetrying];
}

/// <summary>The stored names of kinds, channels and webhook events.</summary>
public static class NotificationNames
{
    public const string WebhookKindPrefix = "webhook:";

    public static string Of(MessageKind kind) => kind switch
    {
        MessageKind.Booked => "booked",
        MessageKind.Rescheduled => "rescheduled",
        MessageKind.Cancelled => "cancelled",
        MessageKind.Reminder => "reminder",
        MessageKind.ClientChange => "client_change",
        MessageKind.Birthday => "birthday",
        MessageKind.SignInLink => "sign_in_link",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string Of(NotificationChannel channel) => channel switch
    {
        NotificationChannel.Email => "email",
        NotificationChannel.Sms => "sms",
        NotificationChannel.Webhook => "webhook",
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, null),
    };

    public static NotificationChannel ChannelOf(string name) => name switch
    {
        "email" => NotificationChannel.Email,
        "sms" => NotificationChannel.Sms,
        "webhook" => NotificationChannel.Webhook,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a notification channel."),
    };

    /// <summary>The event name as webhooks carry it and as subscriptions list it: camelCase (<c>noShow</c>).</summary>
    public static string Of(WebhookEvent webhookEvent)
    {
        var name = webhookEvent.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    public static bool TryParse(string? name, out WebhookEvent webhookEvent)
    {
        foreach (var candidate in Enum.GetValues<WebhookEvent>())
        {
            if (string.Equals(Of(candidate), name, StringComparison.OrdinalIgnoreCase))
            {
                webhookEvent = candidate;
                return true;
            }
        }

        webhookEvent = default;
        return false;
    }

    public static string WebhookKind(WebhookEvent webhookEvent) => WebhookKindPrefix + Of(webhookEvent);
}
