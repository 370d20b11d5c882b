using Orleans.Runtime;

namespace Realtime.Grains.Interfaces.Access;

/// <summary>
/// One Idempotency-Key of one caller scope (key <c>"{scope}/{idempotency key}"</c>, see <c>IdempotencyKeys.GrainKey</c>):
/// lets the first request with that key run, one attempt at a time, and keeps its final answer for every retry. The
/// request itself runs where it arrived (an API node); this grain only decides and remembers.
/// </summary>
[Alias("realtime.idempotency")]
public interface IIdempotencyGrain : IGrainWithStringKey
{
    /// <summary>
    /// Claims the key for <paramref name="attempt"/> (run by <paramref name="runner"/>, the API node's silo when it
    /// hosts one), or says why not: the answer is stored, another attempt is running, or the key came with another
    /// request (<paramref name="fingerprint"/>). A running attempt whose lease ran out, or whose runner the cluster
    /// declared dead, is taken over.
    /// </summary>
    [Alias("begin")]
    Task<IdempotencyClaim> Begin(string fingerprint, Guid attempt, SiloAddress? runner);

    /// <summary>Stores the final answer of the attempt that holds the key; an attempt that was taken over is ignored.</summary>
    [Alias("complete")]
    Task Complete(Guid attempt, StoredResponse response);

    /// <summary>Frees the key without an answer (the attempt failed in a way worth retrying, e.g. 5xx).</summary>
    [Alias("abandon")]
    Task Abandon(Guid attempt);
}

public enum IdempotencyDecision
{
    /// <summary>This attempt holds the key: run the request, then complete or abandon.</summary>
    Run,

    /// <summary>The key's answer is stored: send it back.</summary>
    Replay,

    /// <summary>Another attempt holds the key and has not finished.</summary>
    InProgress,

    /// <summary>The key was first used with another request.</summary>
    KeyReused,
}

/// <param name="RequestId">
/// Fixed when the key is first seen and the same for every attempt of it: the id a request creates its thing under, so
/// that an attempt retried after a failure midway finds what the first one made instead of making another.
/// </param>
/// <param name="Response">The stored answer, for <see cref="IdempotencyDecision.Replay"/>.</param>
[GenerateSerializer, Immutable, Alias("realtime.idempotency-claim")]
public sealed record IdempotencyClaim(IdempotencyDecision Decision, Guid RequestId, StoredResponse? Response);

/// <summary>
/// An HTTP answer as it is replayed: status, the headers that matter (<see cref="ETag"/>: the version of the appointment
/// a change left, for the next If-Match), and the body (as the API stored it).
/// </summary>
[GenerateSerializer, Immutable, Alias("realtime.stored-response")]
public sealed record StoredResponse(int StatusCode, string? ContentType, string? Location, byte[] Body, string? ETag = null);
