using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Realtime.Api.Hosting;
using Realtime.Grains.Caching;
using Realtime.Grains.Domain.Access;

namespace Realtime.Api.Auth;

public sealed class ApiKeyAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>The operator's system key (<c>Realtime:OperatorKey</c>); null or empty: no operator access.</summary>
    public string? OperatorKey { get; set; }
}

/// <summary>
/// <c>Authorization: Bearer &lt;token&gt;</c>: the operator key from configuration, or a staff key verified by its grain
/// through this node's <see cref="DefinitionCache"/>, which a revocation empties on every node before it is answered.
/// Failures answer problem details. On the dashboard the key may come as HTTP Basic's password instead.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<ApiKeyAuthenticationOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    DefinitionCache definitions) : BearerAuthenticationHandler<ApiKeyAuthenticationOptions>(options, logger, encoder)
{
    protected override string CredentialName => "key";

    protected override string MissingDetail => "This needs an API key: send 'Authorization: Bearer <key>'.";

    /// <summary>
    /// Browsers cannot set headers on WebSockets, so SignalR sends the key as <c>access_token</c>, on hub paths only. Nor
    /// can a person opening the dashboard: there the key is the password of HTTP Basic, which the browser asks for and
    /// then sends with the page's own requests too.
    /// </summary>
    protected override string? TokenSentOtherwise(string authorization)
    {
        if (authorization.Length == 0)
        {
            return Request.Path.StartsWithSegments("/hubs") && Request.Query["access_token"] is { Count: 1 } token ? token.ToString() : null;
        }

        return IsDashboard ? BasicCredentials.Password(authorization) : null;
    }

    protected override string[] OtherChallenges() => IsDashboard ? [BasicCredentials.Challenge(DashboardRealm)] : [];

    private const string DashboardRealm = "Realtime dashboard";

    private bool IsDashboard => Request.Path.StartsWithSegments(ApiTelemetry.DashboardPath);

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

        var key = await definitions.VerifiedKey(parsed.KeyId, parsed.Secret);
        if (key is null) return AuthenticateResult.Fail("The key is unknown or has been revoked.");
        return Success(new Caller(key.Id, key.Name, key.OrganizationId, key.Role, key.LocationIds).ToClaims());
    }
}
