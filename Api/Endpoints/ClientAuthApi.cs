using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Realtime.Api.Auth;
using Realtime.Api.Contracts;
using Realtime.Api.Endpoints.Support;
using Realtime.Api.Errors;
using Realtime.Api.Hosting;
using Realtime.Grains.Access;

namespace Realtime.Api.Endpoints;

/// <summary>
/// Client sign-in: a link by e-mail (<c>POST /api/client/auth/link</c>), exchanged once for a session
/// (<c>POST /api/client/auth/session</c>); manage links from confirmation e-mails are exchanged the same way.
/// </summary>
public static class ClientAuthApi
{
    private const int MaxEmailLength = 254;
    private const int MaxTokenLength = 4096;

    public static IEndpointRouteBuilder MapClientAuthApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/client/auth").WithTags("Client sign-in").AllowAnonymous().RequireRateLimiting(RateLimits.ClientSignIn);
        auth.MapPost("/link", RequestLink);
        auth.MapPost("/session", OpenSession);
        return app;
    }

    /// <summary>
    /// Always 202 with the same body for a well-formed request: whether the organisation exists, the address is a
    /// client's, or the client was deleted is never told. Only for a client does a link go out.
    /// </summary>
    private static async Task<Results<Accepted<ClientLinkAccepted>, ProblemHttpResult>> RequestLink(
        ClientLinkRequest body, HttpContext http, SignInEmailLimiter limiter, SignInLinks links, CancellationToken ct)
    {
        var fields = new RequestFields();
        var organizationId = fields.Required(body.OrganizationId, "organizationId");
        var email = fields.Required(body.Email, "email");
        if (email.Length > MaxEmailLength) fields.Add("email", $"At most {MaxEmailLength} characters.");
        if (!fields.Valid) return fields.Problem;
        if (limiter.Refusal(organizationId, email) is { } retryAfter) return RateLimits.Rejected(http, retryAfter);

        await links.Send(organizationId, email, ct);
        return TypedResults.Accepted((string?)null, ClientLinkAccepted.Instance);
    }

    /// <summary>
    /// Exchanges a sign-in or manage link for a session: 400 <c>link_invalid</c> (not a link of ours, altered, or its
    /// client or appointment is gone), 410 <c>link_expired</c>, 410 <c>link_used</c>.
    /// </summary>
    private static async Task<Results<Ok<ClientSessionResponse>, ProblemHttpResult>> OpenSession(
        ClientSessionRequest body, ClientLinks links, ClientSessions sessions, IOptions<ClientAuthOptions> options)
    {
        var fields = new RequestFields();
        var token = fields.Required(body.Token, "token").Trim();
        if (token.Length > MaxTokenLength) fields.Add("token", $"At most {MaxTokenLength} characters.");
        if (!fields.Valid) return fields.Problem;

        var redeemed = await links.Redeem(token);
        if (redeemed.Value is not { } grant) return Problems.From(redeemed.Error!);
        var caller = new ClientCaller(Guid.NewGuid(), grant.OrganizationId, grant.ClientId, grant.AppointmentId);
        var (sessionToken, expiresAt) = sessions.Issue(caller, options.Value.SessionLifetime);
        return TypedResults.Ok(new ClientSessionResponse(sessionToken, expiresAt, grant.ClientId, grant.AppointmentId));
    }
}
