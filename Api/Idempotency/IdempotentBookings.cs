using Realtime.Grains.Caching;
using Realtime.Grains.Calendars;
using Realtime.Grains.Domain.Appointments;
using Realtime.Grains.Domain.Holds;
using Realtime.Grains.Telemetry;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Common;

namespace Realtime.Api.Idempotency;

/// <summary>
/// Books an appointment. Without an Idempotency-Key, under a new id, refused early when the time is surely taken. With
/// one (<see cref="IdempotentRequests"/> runs one attempt at a time and keeps the answer), under the key's request id, so
/// that an attempt retried after a failure midway books the same appointment, never a second one.
/// </summary>
public sealed class IdempotentBookings(IGrainFactory grains, DefinitionCache definitions, RealtimeMetrics metrics, TimeProvider time)
{
    /// <param name="requestId">The key's request id (<see cref="IdempotentEndpoints.IdempotentId"/>), or null without a key.</param>
    public Task<Result<AppointmentView>> BookAsync(BookAppointment command, Guid? requestId) =>
        // Under a key, not refused early: its retries must get the answer the key stores.
        requestId is { } id ? grains.GetGrain<IAppointmentGrain>(id).BookUnderKey(command) : BookUnderNewId(command);

    /// <summary>
    /// A new booking under a new id, refused before any appointment is activated for it if a live appointment claims its
    /// time (under contention, most attempts end here).
    /// </summary>
    private async Task<Result<AppointmentView>> BookUnderNewId(BookAppointment command)
    {
        if (BookingRules.Validate(command, time.GetUtcNow()).Length == 0
            && await TakenTime.Find(grains, definitions, command.OrganizationId, command.LocationId, command.ResourceIds, SurelyOccupied(command), HoldRules.TakesOfferHolds(command.Actor)) is { } taken)
        {
            metrics.Conflict();
            return taken;
        }

        return await grains.GetGrain<IAppointmentGrain>(AppointmentIds.New(time.GetUtcNow())).BookUnderNewId(command);
    }

    /// <summary>Time the booking occupies whatever its services: its given duration from its start, or a minute (buffers only add).</summary>
    private static TimeRange SurelyOccupied(BookAppointment command) => TimeRange.FromMinutes(command.Start, command.DurationMinutes ?? 1);
}
