using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Realtime.Api.Errors;

namespace Realtime.Api.Auth;

/// <summary><c>Authorization: Bearer &lt;session token&gt;</c> on the client routes; failures answer problem details.</summary>
public sealed class ClientSessionAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ClientSessions sessions) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string BearerPrefix = "Bearer ";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? authorization = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(authorization)) return Task.FromResult(AuthenticateResult.NoResult());
        if (!authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.Fail("The Authorization header must be 'Bearer <session token>'."));
        }

        if (sessions.Read(authorization[BearerPrefix.Length..].Trim()) is not { } caller)
        {
            return Task.FromResult(AuthenticateResult.Fail("The session is unknown or has expired; ask for a new sign-in link."));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(caller.ToClaims(), Scheme.Name));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.Headers.WWWAuthenticate = result.Failure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        var detail = result.Failure?.Message ?? "This needs a client session: send 'Authorization: Bearer <session token>'.";
        await Problems.Create(StatusCodes.Status401Unauthorized, Problems.Unauthorized, detail).ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.Create(StatusCodes.Status403Forbidden, Problems.Forbidden, "This session may not do that.").ExecuteAsync(Context);
}
