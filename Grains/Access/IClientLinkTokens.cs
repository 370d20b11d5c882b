using Realtime.Grains.Domain.Access;

namespace Realtime.Grains.Access;

/// <summary>
/// The one format of client link tokens: a <see cref="ClientLinkGrant"/> signed and encrypted so that only the
/// Realtime nodes (sharing one key ring) can make or read it. Implemented in the silo with ASP.NET Core Data Protection.
/// </summary>
public interface IClientLinkTokens
{
    string Protect(ClientLinkGrant grant);

    /// <summary>The grant of a token this key ring made for links; null for anything else (tampered, foreign, garbage).
    /// Expiry is not checked here (<see cref="ClientLinkRules.Expiry"/>).</summary>
    ClientLinkGrant? Unprotect(string token);
}
