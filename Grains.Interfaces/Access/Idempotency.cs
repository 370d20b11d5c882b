using Realtime.Grains.Interfaces.Appointments;

namespace Realtime.Grains.Interfaces.Access;

/// <summary>
/// One Idempotency-Key of one organisation (key <c>"{organizationId:N}/{idempotency key}"</c>): runs a booking at
/// most once and answers every retry with the stored outcome, success or refusal. Retries that arrive while the
/// first is running wait for it (the grain handles one call at a time).
/// </summary>
[Alias("realtime.idempotency")]
public interface IIdempotencyGrain : IGrainWithStringKey
{
    /// <summary>
    /// Books once per key; the same key with another <paramref name="fingerprint"/> (request body) is refused with
    /// <see cref="AccessErrorCodes.IdempotencyKeyReused"/>. Outcomes older than 24 hours are forgotten when next asked.
    /// </summary>
    [Alias("book")]
    Task<Result<AppointmentView>> Book(string fingerprint, BookAppointment command);
}
