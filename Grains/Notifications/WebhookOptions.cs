namespace Realtime.Grains.Notifications;

/// <summary>Where webhook endpoints may be (<c>Realtime:Webhooks:*</c>).</summary>
public sealed class WebhookOptions
{
    public const string Section = "Realtime:Webhooks";

    /// <summary>
    /// False, the default: an endpoint is an https URL of a public address. Private, loopback and link-local addresses
    /// are refused when an endpoint is registered and again when a delivery connects (a name may resolve anywhere), so
    /// an organisation's webhooks cannot reach into the servers' own network. True for development on one machine:
    /// https anywhere, and http to this machine.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }
}
