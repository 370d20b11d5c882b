using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Realtime.Api.Auth;

/// <summary>
/// Client session tokens: the session's caller and expiry, encrypted and signed with the data-protection key ring that
/// every API node shares, so any node accepts a token any node issued. Expiry is checked against <see cref="TimeProvider"/>.
/// </summary>
public sealed class ClientSessions(IDataProtectionProvider protection, TimeProvider time)
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(12);

    private readonly IDataProtector protector = protection.CreateProtector("Realtime.ClientSession.v1");

    public (string Token, DateTimeOffset ExpiresAt) Issue(ClientCaller caller, TimeSpan? lifetime = null)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var expiresAt = time.GetUtcNow() + (lifetime ?? DefaultLifetime);
        var payload = new SessionPayload(caller.SessionId, caller.OrganizationId, caller.ClientId, caller.AppointmentId, expiresAt);
        return (protector.Protect(JsonSerializer.Serialize(payload)), expiresAt);
    }

    /// <summary>The caller of a valid, unexpired token; null for anything else (tampered, foreign, expired).</summary>
    public ClientCaller? Read(string token)
    {
        SessionPayload? payload;
        try
        {
            payload = JsonSerializer.Deserialize<SessionPayload>(protector.Unprotect(token));
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or JsonException or FormatException)
        {
            return null;
        }

        return payload is null || payload.ExpiresAt <= time.GetUtcNow()
            ? null
            : new ClientCaller(payload.SessionId, payload.OrganizationId, payload.ClientId, payload.AppointmentId);
    }

    private sealed record SessionPayload(Guid SessionId, Guid OrganizationId, Guid ClientId, Guid? AppointmentId, DateTimeOffset ExpiresAt);
}
