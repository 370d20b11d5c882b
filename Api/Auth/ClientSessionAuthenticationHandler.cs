using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Realtime.Grains.Interfaces.Clients;

namespace Realtime.Api.Auth;

/// <summary><c>Authorization: Bearer &lt;session token&gt;</c> on the client routes.</summary>
public sealed class ClientSessionAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ClientSessions sessions,
    IGrainFactory grains) : BearerAuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override string CredentialName => "session token";

    protected override string MissingDetail => "This needs a client session: send 'Authorization: Bearer <session token>'.";

    /// <summary>A valid token of a client who still exists: a deleted client's sessions end with them.</summary>
    protected override async Task<AuthenticateResult> Authenticate(string token) =>
        sessions.Read(token) is { } caller && (await grains.GetGrain<IClientGrain>(caller.ClientId).Get())?.OrganizationId == caller.OrganizationId
            ? Success(caller.ToClaims())
            : AuthenticateResult.Fail("The session is unknown or has expired; ask for a new sign-in link.");
}
