using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Realtime.Api.Errors;
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
    IGrainFactory grains) : AuthenticationHandler<ApiKeyAuthenticationOptions>(options, logger, encoder)
{
    private const string BearerPrefix = "Bearer ";

    /// <summary>Browsers cannot set headers on WebSockets, so SignalR sends the key as <c>access_token</c>, on hub paths only.</summary>
    private string? HubToken() =>
        Request.Path.StartsWithSegments("/hubs") && Request.Query["access_token"] is { Count: 1 } token ? token.ToString() : null;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? authorization = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(authorization) && HubToken() is { } hubToken) authorization = BearerPrefix + hubToken;
        if (string.IsNullOrEmpty(authorization)) return AuthenticateResult.NoResult();
        if (!authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("The Authorization header must be 'Bearer <key>'.");
        }

        var token = authorization[BearerPrefix.Length..].Trim();
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

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.Headers.WWWAuthenticate = result.Failure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        var detail = result.Failure?.Message ?? "This needs an API key: send 'Authorization: Bearer <key>'.";
        await Problems.Create(StatusCodes.Status401Unauthorized, Problems.Unauthorized, detail).ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.Create(StatusCodes.Status403Forbidden, Problems.Forbidden, "This key may not do that.").ExecuteAsync(Context);

    private AuthenticateResult Success(IEnumerable<Claim> claims) =>
        AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name)), Scheme.Name));
}
