using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Realtime.Grains.Domain.Access;

namespace Realtime.Api.Auth;

public sealed class ApiKeyAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>The operator's system key (<c>Realtime:OperatorKey</c>); null or empty: no operator access.</summary>
    public string? OperatorKey { get; set; }
}

/// <summary>
/// <c>Authorization: Bearer &lt;token&gt;</c>: the operator key from configuration, or a staff key verified by its grain
/// on every request (no cache, so a revoked key is refused at once on every node). Failures answer problem details.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<ApiKeyAuthenticationOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IGrainFactory grains) : BearerAuthenticationHandler<ApiKeyAuthenticationOptions>(options, logger, encoder)
{
    protected override string CredentialName => "key";

    protected override string MissingDetail => "This needs an API key: send 'Authorization: Bearer <key>'.";

    /// <summary>Browsers cannot set headers on WebSockets, so SignalR sends the key as <c>access_token</c>, on hub paths only.</summary>
    protected override string? TokenOutsideHeader() =>
        Request.Path.StartsWithSegments("/hubs") && Request.Query["access_token"] is { Count: 1 } token ? token.ToString() : null;

    protected override async Task<AuthenticateResult> Authenticate(string token)
    {
        if (Options.OperatorKey is { Length: > 0 } operatorKey && ApiKeyTokens.TextMatches(operatorKey, token))
        {
            return Success([new Claim(ClaimTypes.Name, "operator"), new Claim(RealtimeAuthentication.OperatorClaim, "true")]);
        }

        if (!ApiKeyTokens.TryParse(token, out var parsed))
        {
            return AuthenticateResult.Fail("The key is not a Realtime API key.");
        }

        var key = await grains.GetGrain<IApiKeyGrain>(parsed.KeyId).Verify(parsed.Secret);
        if (key is null) return AuthenticateResult.Fail("The key is unknown or has been revoked.");
        return Success(new Caller(key.Id, key.Name, key.OrganizationId, key.Role, key.LocationIds).ToClaims());
    }
}
