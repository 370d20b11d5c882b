namespace Realtime.Api.Auth;

/// <summary><c>Realtime:ClientAuth:SessionLifetime</c>: how long a session opened from a link lasts (default 12 hours).</summary>
public sealed class ClientAuthOptions
{
    public const string Section = "Realtime:ClientAuth";

    public TimeSpan SessionLifetime { get; set; } = ClientSessions.DefaultLifetime;
}
