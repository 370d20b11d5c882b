using Realtime.Grains.Domain.Access;
using Realtime.Grains.Domain.Appointments;
using Realtime.Grains.Hosting;
using Realtime.Grains.Interfaces.Access;
using Realtime.Grains.Interfaces.Appointments;

namespace Realtime.Grains.Access;

public sealed class IdempotencyState
{
    /// <summary>SHA-256 of the request the key was first used with; null when the key is unused (or forgotten).</summary>
    public string? Fingerprint { get; set; }

    /// <summary>The appointment the key books: fixed before booking, so a retry after a failure books the same one.</summary>
    public Guid AppointmentId { get; set; }

    public DateTimeOffset FirstSeenAt { get; set; }

    /// <summary>The answer every retry gets; null while the first attempt has not finished.</summary>
    public Result<AppointmentView>? Outcome { get; set; }
}

/// <summary>
/// Runs a booking at most once per key. The first request writes which appointment id it books (so an attempt that
/// failed midway — a timeout, a dead silo — is retried on the same appointment, never doubled), books, and stores
/// the outcome, success or refusal. Orleans hands this grain one call at a time, so concurrent retries simply wait.
/// </summary>
public sealed class IdempotencyGrain(
    [PersistentState(IdempotencyGrain.StateName, StorageNames.Default)] IPersistentState<IdempotencyState> state,
    TimeProvider time) : Grain, IIdempotencyGrain
{
    public const string StateName = "idempotency";

    public async Task<Result<AppointmentView>> Book(string fingerprint, BookAppointment command)
    {
        ArgumentException.ThrowIfNullOrEmpty(fingerprint);
        var now = time.GetUtcNow();
        if (state.State.Fingerprint is not null && IdempotencyKeys.IsExpired(state.State.FirstSeenAt, now))
        {
            state.State = new IdempotencyState(); // forgotten: overwritten by the write below
        }

        if (state.State.Fingerprint is { } first)
        {
            if (!string.Equals(first, fingerprint, StringComparison.Ordinal))
            {
                return DomainError.Of(
                    AccessErrorCodes.IdempotencyKeyReused,
                    "This Idempotency-Key was already used with a different request body within the last 24 hours.");
            }

            if (state.State.Outcome is { } stored) return stored;
        }
        else
        {
            state.State = new IdempotencyState { Fingerprint = fingerprint, AppointmentId = AppointmentIds.New(now), FirstSeenAt = now };
            await state.WriteStateAsync();
        }

        var appointment = GrainFactory.GetGrain<IAppointmentGrain>(state.State.AppointmentId);
        var outcome = await appointment.Book(command);
        if (outcome.Error?.Code == ErrorCodes.AlreadyExists && await appointment.Get() is { } booked)
        {
            outcome = booked; // an earlier attempt of this key booked it and failed before recording that
        }

        state.State.Outcome = outcome;
        await state.WriteStateAsync();
        return outcome;
    }
}
