using Realtime.Grains.Domain.Holds;

namespace Realtime.Grains.Holds;

/// <summary>Configuration <c>Realtime:Holds</c>: how long a client's slot hold (and a waitlist offer) keeps the slot.</summary>
public sealed class HoldSettings
{
    public const string Section = "Realtime:Holds";

    public TimeSpan Lifetime { get; set; } = HoldRules.DefaultLifetime;
}
