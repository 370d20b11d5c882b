using Realtime.Grains.Domain.Access;
using Realtime.Grains.Hosting;
using Realtime.Grains.Interfaces.Access;

namespace Realtime.Grains.Access;

public sealed class IdempotencyState
{
    /// <summary>What the key was first used for (see the API's fingerprint); null when the key is unused (or forgotten).</summary>
    public string? Fingerprint { get; set; }

    public DateTimeOffset FirstSeenAt { get; set; }

    /// <summary>See <see cref="IdempotencyClaim.RequestId"/>.</summary>
    public Guid RequestId { get; set; }

    /// <summary>The attempt that holds the key, until <see cref="LeaseUntil"/>; null when none does.</summary>
    public Guid? Attempt { get; set; }

    public DateTimeOffset LeaseUntil { get; set; }

    /// <summary>The silo of the API node running <see cref="Attempt"/> (<see cref="SiloAddress.ToParsableString"/>), if it has one.</summary>
    public string? Runner { get; set; }

    /// <summary>The answer every retry gets; null until an attempt completes.</summary>
    public StoredResponse? Response { get; set; }
}

/// <summary>
/// One key: lets one attempt at a time run its request and keeps the final answer. Both the claim and the answer are
/// written before they are acknowledged, so neither a retry on another node nor a reactivation after a failure runs the
/// request a second time while an attempt holds the key; an attempt whose node died is taken over once the cluster
/// declares its silo dead, or after <see cref="IdempotencyKeys.Lease"/>.
/// </summary>
public sealed class IdempotencyGrain(
    [PersistentState(IdempotencyGrain.StateName, StorageNames.Default)] IPersistentState<IdempotencyState> state,
    IClusterMembershipService membership,
    TimeProvider time) : Grain, IIdempotencyGrain
{
    /// <summary>A new name for the general mechanism: rows of the booking-only grain ("idempotency") are not read again.</summary>
    public const string StateName = "idempotent-request";

    /// <summary>The booking-only grain's state, still deleted by the retention job until the last such row is past its retention.</summary>
    public const string FormerStateName = "idempotency";

    public async Task<IdempotencyClaim> Begin(string fingerprint, Guid attempt, SiloAddress? runner)
    {
        ArgumentException.ThrowIfNullOrEmpty(fingerprint);
        var now = time.GetUtcNow();
        var current = state.State;
        if (current.Fingerprint is null || IdempotencyKeys.IsExpired(current.FirstSeenAt, now))
        {
            current = state.State = new IdempotencyState { Fingerprint = fingerprint, FirstSeenAt = now, RequestId = Guid.CreateVersion7(now) };
        }
        else if (!string.Equals(current.Fingerprint, fingerprint, StringComparison.Ordinal))
        {
            return new IdempotencyClaim(IdempotencyDecision.KeyReused, current.RequestId, null);
        }
        else if (current.Response is { } stored)
        {
            return new IdempotencyClaim(IdempotencyDecision.Replay, current.RequestId, stored);
        }
        else if (current.Attempt is { } running && running != attempt && IsAlive(current, now))
        {
            return new IdempotencyClaim(IdempotencyDecision.InProgress, current.RequestId, null);
        }

        current.Attempt = attempt;
        current.LeaseUntil = now + IdempotencyKeys.Lease;
        current.Runner = runner?.ToParsableString();
        await state.WriteStateAsync();
        return new IdempotencyClaim(IdempotencyDecision.Run, current.RequestId, null);
    }

    public async Task Complete(Guid attempt, StoredResponse response)
    {
        if (state.State.Attempt != attempt || state.State.Response is not null) return;
        state.State.Response = response;
        state.State.Attempt = null;
        await state.WriteStateAsync();
    }

    public async Task Abandon(Guid attempt)
    {
        if (state.State.Attempt != attempt) return;
        // The fingerprint and request id stay: a retry of the same request continues under the same id.
        state.State.Attempt = null;
        state.State.Runner = null;
        await state.WriteStateAsync();
    }

    private bool IsAlive(IdempotencyState running, DateTimeOffset now) =>
        IdempotencyKeys.StillHolds(running.LeaseUntil, RunnerDead(running.Runner), now);

    private bool RunnerDead(string? runner) =>
        runner is not null && membership.CurrentSnapshot.GetSiloStatus(SiloAddress.FromParsableString(runner)) == SiloStatus.Dead;
}
