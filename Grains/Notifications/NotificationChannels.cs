namespace Realtime.Grains.Notifications;

/// <summary>
/// Which channels can deliver: e-mail when an SMTP server is configured (<c>Realtime:Smtp:Host</c>), SMS when a gateway
/// is (<c>Realtime:Sms:Url</c>). Messages are queued only for channels that can deliver; webhooks always can.
/// </summary>
public sealed class NotificationChannels
{
    public bool Email { get; set; }

    public bool Sms { get; set; }
}
