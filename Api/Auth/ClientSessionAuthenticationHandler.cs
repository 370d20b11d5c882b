using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Realtime.Api.Auth;

/// <summary><c>Authorization: Bearer &lt;session token&gt;</c> on the client routes.</summary>
public sealed class ClientSessionAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ClientSessions sessions) : BearerAuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override string CredentialName => "session token";

    protected override string MissingDetail => "This needs a client session: send 'Authorization: Bearer <session token>'.";

    protected override Task<AuthenticateResult> Authenticate(string token) => Task.FromResult(
        sessions.Read(token) is { } caller
            ? Success(caller.ToClaims())
            : AuthenticateResult.Fail("The session is unknown or has expired; ask for a new sign-in link."));
}
