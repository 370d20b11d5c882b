using System.Security.Cryptography;
using System.Text.Json;
using Realtime.Api.Auth;
using Realtime.Grains.Caching;
using Realtime.Grains.Calendars;
using Realtime.Grains.Domain.Access;
using Realtime.Grains.Domain.Appointments;
using Realtime.Grains.Domain.Holds;
using Realtime.Grains.Telemetry;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Common;

namespace Realtime.Api.Idempotency;

/// <summary>
/// Books an appointment, at most once per <c>Idempotency-Key</c> of the caller's organisation. Without a key every call
/// books a new appointment. With a key the first request's outcome (success or refusal) is stored for 24 hours and
/// returned to every retry with the same body; the same key with another body is refused with
/// <c>idempotency_key_reused</c> (422); a malformed key with <c>validation_failed</c> on field <c>Idempotency-Key</c>.
/// </summary>
public sealed class IdempotentBookings(IGrainFactory grains, DefinitionCache definitions, RealtimeMetrics metrics, TimeProvider time)
{
    public const string HeaderName = IdempotencyKeys.HeaderName;

    /// <param name="idempotencyKey">The header's value, or null when the request has none (<see cref="ReadKey"/>).</param>
    /// <param name="requestFingerprint">
    /// Identifies the request body, e.g. <see cref="Fingerprint{T}"/> of the bound request; asked for only when there is a key.
    /// </param>
    public async Task<Result<AppointmentView>> BookAsync(
        Caller caller, string? idempotencyKey, Func<string> requestFingerprint, BookAppointment command)
    {
        if (command.OrganizationId != caller.OrganizationId)
        {
            throw new ArgumentException("The booking must be for the caller's organisation.", nameof(command));
        }

        if (idempotencyKey is null) return await BookUnderNewId(command);
        if (IdempotencyKeys.Validate(idempotencyKey) is { Length: > 0 } invalid) return DomainError.Validation(invalid);
        var fingerprint = requestFingerprint();
        ArgumentException.ThrowIfNullOrEmpty(fingerprint);
        return await grains.GetGrain<IIdempotencyGrain>(IdempotencyKeys.GrainKey(caller.OrganizationId, idempotencyKey))
            .Book(fingerprint, command);
    }

    /// <summary>
    /// A new booking under a new id, refused before any appointment is activated for it if a live appointment claims its
    /// time (under contention, most attempts end here). A keyed booking is not refused early: its retries must get the
    /// answer its key stored.
    /// </summary>
    private async Task<Result<AppointmentView>> BookUnderNewId(BookAppointment command)
    {
        if (BookingRules.Validate(command, time.GetUtcNow()).Length == 0
            && await TakenTime.Find(grains, definitions, command.OrganizationId, command.ResourceIds, SurelyOccupied(command), HoldRules.TakesOfferHolds(command.Actor)) is { } taken)
        {
            metrics.Conflict();
            return taken;
        }

        return await grains.GetGrain<IAppointmentGrain>(AppointmentIds.New(time.GetUtcNow())).BookUnderNewId(command);
    }

    /// <summary>Time the booking occupies whatever its services: its given duration from its start, or a minute (buffers only add).</summary>
    private static TimeRange SurelyOccupied(BookAppointment command) => TimeRange.FromMinutes(command.Start, command.DurationMinutes ?? 1);

    /// <summary>The <c>Idempotency-Key</c> header, or null when absent (several values are joined, and then refused).</summary>
    public static string? ReadKey(HttpRequest request) =>
        request.Headers.TryGetValue(HeaderName, out var values) ? values.ToString() : null;

    /// <summary>Lowercase hex SHA-256 of bytes, e.g. the raw request body.</summary>
    public static string Fingerprint(ReadOnlySpan<byte> body) => Convert.ToHexStringLower(SHA256.HashData(body));

    /// <summary>
    /// Lowercase hex SHA-256 of the bound request serialised again with the API's JSON options: a canonical form, so
    /// whitespace, property order and unknown properties of the original body do not matter.
    /// </summary>
    public static string Fingerprint<T>(T request, JsonSerializerOptions options) =>
        Fingerprint(JsonSerializer.SerializeToUtf8Bytes(request, options));
}

public static class IdempotencyExtensions
{
    /// <summary>Registers <see cref="IdempotentBookings"/> for the appointment endpoint.</summary>
    public static IServiceCollection AddRealtimeIdempotency(this IServiceCollection services) =>
        services.AddSingleton<IdempotentBookings>();
}
