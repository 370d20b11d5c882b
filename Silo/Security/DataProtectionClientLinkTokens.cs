using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Realtime.Grains.Access;
using Realtime.Grains.Domain.Access;

namespace Realtime.Silo.Security;

/// <summary>
/// Client link tokens as ASP.NET Core Data Protection payloads (authenticated encryption) of the grant in JSON, under a
/// purpose of their own: a token of another purpose (a client session) or another key ring does not read as a link.
/// </summary>
public sealed class DataProtectionClientLinkTokens(IDataProtectionProvider protection) : IClientLinkTokens
{
    /// <summary>Versioned: a change of the payload gets a new purpose, and older links simply stop working.</summary>
    public const string Purpose = "Realtime.ClientLink.v1";

    private readonly IDataProtector protector = protection.CreateProtector(Purpose);

    public string Protect(ClientLinkGrant grant) => protector.Protect(JsonSerializer.Serialize(grant));

    public ClientLinkGrant? Unprotect(string token)
    {
        try
        {
            return JsonSerializer.Deserialize<ClientLinkGrant>(protector.Unprotect(token));
        }
        catch (Exception ex) when (ex is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }
}
