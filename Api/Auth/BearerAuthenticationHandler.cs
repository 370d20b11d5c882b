using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Realtime.Api.Errors;

namespace Realtime.Api.Auth;

/// <summary>
/// <c>Authorization: Bearer &lt;token&gt;</c> for the API's schemes: reads the token, and answers a missing, refused or
/// insufficient credential with problem details (401 with <c>WWW-Authenticate</c>, 403).
/// </summary>
public abstract class BearerAuthenticationHandler<TOptions>(IOptionsMonitor<TOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<TOptions>(options, logger, encoder)
    where TOptions : AuthenticationSchemeOptions, new()
{
    private const string BearerPrefix = "Bearer ";

    /// <summary>What the credential is called in messages, e.g. "key".</summary>
    protected abstract string CredentialName { get; }

    /// <summary>The detail of a 401 when no credential came, saying what to send.</summary>
    protected abstract string MissingDetail { get; }

    /// <summary>
    /// A token sent another way than a bearer header (null: none), given the Authorization header (empty when none came).
    /// </summary>
    protected virtual string? TokenSentOtherwise(string authorization) => null;

    /// <summary>The challenges a 401 offers besides <c>Bearer</c>.</summary>
    protected virtual string[] OtherChallenges() => [];

    protected sealed override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var authorization = Request.Headers.Authorization.ToString();
        if (authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)) return Authenticate(authorization[BearerPrefix.Length..].Trim());
        if (TokenSentOtherwise(authorization) is { } token) return Authenticate(token);
        return Task.FromResult(authorization.Length == 0
            ? AuthenticateResult.NoResult()
            : AuthenticateResult.Fail($"The Authorization header must be 'Bearer <{CredentialName}>'."));
    }

    protected abstract Task<AuthenticateResult> Authenticate(string token);

    protected AuthenticateResult Success(IEnumerable<Claim> claims) =>
        AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name)), Scheme.Name));

    protected sealed override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.Headers.WWWAuthenticate = new StringValues([result.Failure is null ? "Bearer" : "Bearer error=\"invalid_token\"", .. OtherChallenges()]);
        var detail = result.Failure?.Message ?? MissingDetail;
        await Problems.Create(StatusCodes.Status401Unauthorized, Problems.Unauthorized, detail).ExecuteAsync(Context);
    }

    protected sealed override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.Create(StatusCodes.Status403Forbidden, Problems.Forbidden, $"This {CredentialName} may not do that.").ExecuteAsync(Context);
}
