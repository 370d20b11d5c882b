using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using Realtime.Api.Auth;
using Realtime.Api.Errors;
using Realtime.Grains.Domain.Access;
using Realtime.Grains.Interfaces.Common;

namespace Realtime.Api.Idempotency;

/// <summary>
/// Runs a request at most once per <c>Idempotency-Key</c> of its caller's scope (<see cref="IdempotentEndpoints.Idempotent"/>).
/// The first request's final answer (2xx or 4xx: status, body, <c>Location</c>, <c>ETag</c>) is stored for 24 hours and sent again,
/// with <c>Idempotency-Replayed: true</c>, to every retry of the same request; the same key with another request is
/// refused with <c>idempotency_key_reused</c> (422). A retry that arrives while the first attempt runs waits for its
/// answer for up to <see cref="MaxWait"/>, then gets 409 <c>idempotency_request_in_progress</c> with <c>Retry-After</c>.
/// A 5xx answer or an exception is not stored: the key is freed for the retry.
/// </summary>
/// <remarks>
/// "The same request" is the same method, path and query, the same staff key (or client, or the operator) and the same
/// body as the API reads it (bound, then serialised again: whitespace, property order and unknown properties do not
/// count), so a stored answer goes back only to whoever caused it. Stored bodies are encrypted with the data-protection
/// key ring: some hold secrets shown once (a new API key, a webhook's secret).
/// </remarks>
public sealed partial class IdempotentRequests(
    IGrainFactory grains, IDataProtectionProvider protection, IOptions<JsonOptions> json, TimeProvider time, IServiceProvider services,
    ILogger<IdempotentRequests> logger)
{
    public const string HeaderName = IdempotencyKeys.HeaderName;

    /// <summary>How long a retry waits for the attempt that holds its key before it is told to try again.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromMilliseconds(250);

    private readonly IDataProtector protector = protection.CreateProtector("Realtime.Idempotency.v1");

    // The API node's own silo, when it hosts one: an attempt of a node the cluster declares dead is taken over at once.
    private readonly SiloAddress? silo = services.GetService<ILocalSiloDetails>()?.SiloAddress;

    /// <summary>Called only for requests that carry the header: those without it pay nothing but the header lookup.</summary>
    public async ValueTask<object?> Run(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var values = http.Request.Headers[HeaderName];
        var key = values.Count == 1 ? values[0] : null;
        if (IdempotencyKeys.Validate(key) is { Length: > 0 } invalid) return Problems.Validation(invalid);

        var (scope, principal) = ScopeOf(http.User);
        var grain = grains.GetGrain<IIdempotencyGrain>(IdempotencyKeys.GrainKey(scope, key!));
        var attempt = Guid.NewGuid();
        var claim = await Claim(grain, Fingerprint(context, principal), attempt, http.RequestAborted);
        switch (claim.Decision)
        {
            case IdempotencyDecision.Replay:
                return new ReplayedResult(claim.Response! with { Body = protector.Unprotect(claim.Response.Body) });
            case IdempotencyDecision.KeyReused:
                return Problems.From(DomainError.Of(
                    AccessErrorCodes.IdempotencyKeyReused,
                    "This Idempotency-Key was already used for another request (method, path, body or caller) within the last 24 hours."));
            case IdempotencyDecision.InProgress:
                http.Response.Headers.RetryAfter = "1";
                return Problems.Create(
                    StatusCodes.Status409Conflict, Problems.IdempotencyInProgress,
                    "A request with this Idempotency-Key is still running. Send it again in a moment to get its answer.");
        }

        http.Features.Set(new IdempotentRequest(claim.RequestId));
        object? result;
        try
        {
            result = await next(context);
        }
        catch (Exception ex)
        {
            await AbandonQuietly(grain, attempt, ex);
            throw;
        }

        return new StoringResult(this, grain, attempt, result as IResult ?? TypedResults.Ok(result));
    }

    /// <summary>Claims the key, or waits (polling, with back-off) while another attempt holds it, for up to <see cref="MaxWait"/>.</summary>
    private async Task<IdempotencyClaim> Claim(IIdempotencyGrain grain, string fingerprint, Guid attempt, CancellationToken aborted)
    {
        var waited = TimeSpan.Zero;
        var poll = FirstPoll;
        while (true)
        {
            var claim = await grain.Begin(fingerprint, attempt, silo);
            if (claim.Decision != IdempotencyDecision.InProgress || waited >= MaxWait) return claim;
            await Task.Delay(poll, time, aborted);
            waited += poll;
            poll = TimeSpan.FromTicks(Math.Min(poll.Ticks * 2, LongestPoll.Ticks));
        }
    }

    /// <summary>Staff keys share their organisation's keys, a client has keys of their own, the operator too.</summary>
    private static (string Scope, string Principal) ScopeOf(ClaimsPrincipal user)
    {
        if (user.HasClaim(RealtimeAuthentication.OperatorClaim, "true")) return (IdempotencyKeys.OperatorScope, "operator");
        if (user.HasClaim(c => c.Type == ClientCaller.ClientClaim))
        {
            var client = ClientCaller.From(user);
            return (IdempotencyKeys.ClientScope(client.OrganizationId, client.ClientId), $"client {client.ClientId:N}");
        }

        var staff = Caller.From(user);
        return (IdempotencyKeys.OrganizationScope(staff.OrganizationId), $"key {staff.KeyId:N}");
    }

    /// <summary>Lowercase hex SHA-256 of the request line, the caller and the bound body serialised again.</summary>
    private string Fingerprint(EndpointFilterInvocationContext context, string principal)
    {
        var request = context.HttpContext.Request;
        var bodyType = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        var body = bodyType is null ? null : context.Arguments.FirstOrDefault(argument => argument?.GetType() == bodyType);
        return Fingerprint(
            $"{request.Method} {request.Path}{request.QueryString}", principal,
            JsonSerializer.SerializeToUtf8Bytes(body, bodyType ?? typeof(object), json.Value.SerializerOptions));
    }

    public static string Fingerprint(string requestLine, string principal, ReadOnlySpan<byte> canonicalBody)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{requestLine}\n{principal}\n"));
        hash.AppendData(canonicalBody);
        return Convert.ToHexStringLower(hash.GetCurrentHash());
    }

    private async Task AbandonQuietly(IIdempotencyGrain grain, Guid attempt, Exception failure)
    {
        try
        {
            await grain.Abandon(attempt);
        }
        catch (Exception ex)
        {
            // The request's own failure is what the caller must see; the key is freed when the lease runs out.
            LogAbandonFailed(ex, failure.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not free an Idempotency-Key after the request failed ({Failure}); it is freed when its lease runs out.")]
    private partial void LogAbandonFailed(Exception ex, string failure);

    /// <summary>
    /// Writes the endpoint's answer into memory, stores it if it is final (else frees the key), and only then sends it:
    /// a caller that got an answer gets the same one on every retry.
    /// </summary>
    private sealed class StoringResult(IdempotentRequests owner, IIdempotencyGrain grain, Guid attempt, IResult inner) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            var sent = http.Features.Get<IHttpResponseBodyFeature>()!;
            using var buffer = new MemoryStream();
            http.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(buffer));
            try
            {
                await inner.ExecuteAsync(http);
            }
            catch (Exception ex)
            {
                await owner.AbandonQuietly(grain, attempt, ex);
                throw;
            }
            finally
            {
                http.Features.Set(sent);
            }

            var response = http.Response;
            if (IdempotencyKeys.IsFinal(response.StatusCode))
            {
                await grain.Complete(attempt, new StoredResponse(
                    response.StatusCode, response.ContentType, response.Headers.Location.FirstOrDefault(), owner.protector.Protect(buffer.ToArray()),
                    response.Headers.ETag.FirstOrDefault()));
            }
            else
            {
                await grain.Abandon(attempt);
            }

            buffer.Position = 0;
            await buffer.CopyToAsync(response.Body, http.RequestAborted);
        }
    }

    private sealed class ReplayedResult(StoredResponse stored) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            var response = http.Response;
            response.StatusCode = stored.StatusCode;
            response.ContentType = stored.ContentType;
            if (stored.Location is not null) response.Headers.Location = stored.Location;
            if (stored.ETag is not null) response.Headers.ETag = stored.ETag;
            response.Headers[IdempotencyKeys.ReplayedHeaderName] = "true";
            return response.Body.WriteAsync(stored.Body, http.RequestAborted).AsTask();
        }
    }
}

/// <summary>The request id of a keyed request's claim (<see cref="IdempotencyClaim.RequestId"/>).</summary>
public sealed record IdempotentRequest(Guid RequestId);

public static class IdempotentEndpoints
{
    /// <summary>
    /// Honours <c>Idempotency-Key</c> on this route (<see cref="IdempotentRequests"/>) and documents the header in the
    /// OpenAPI document. For routes that require a caller (staff, client or operator): keys are scoped to them.
    /// </summary>
    public static RouteHandlerBuilder Idempotent(this RouteHandlerBuilder route) =>
        route
            .AddEndpointFilter(static (context, next) =>
                context.HttpContext.Request.Headers.ContainsKey(IdempotentRequests.HeaderName)
                    ? context.HttpContext.RequestServices.GetRequiredService<IdempotentRequests>().Run(context, next)
                    : next(context))
            .WithMetadata(IdempotentMetadata.Instance);

    /// <summary>
    /// The id to create a new thing under: with an Idempotency-Key, the same for every attempt of the key (so a retry
    /// after a failure midway finds what the first attempt made rather than making another); without one, null.
    /// </summary>
    public static Guid? IdempotentId(this HttpContext http) => http.Features.Get<IdempotentRequest>()?.RequestId;

    /// <summary>
    /// A keyed creation refused as existing was made under the key's id by an earlier attempt of the same request (one that
    /// failed before its answer was stored): that creation is this attempt's answer too.
    /// </summary>
    public static Task<Result<T>> OrEarlierAttempts<T>(this Task<Result<T>> creating, HttpContext http, Func<Task<T?>> made)
        where T : class =>
        http.IdempotentId() is null ? creating : creating.OrMadeBefore(made);

    public static IServiceCollection AddRealtimeIdempotency(this IServiceCollection services) =>
        services.AddSingleton<IdempotentRequests>().AddSingleton<IdempotentBookings>();
}

/// <summary>Marks a route that honours <c>Idempotency-Key</c>.</summary>
public sealed class IdempotentMetadata
{
    public static readonly IdempotentMetadata Instance = new();

    private IdempotentMetadata()
    {
    }
}
