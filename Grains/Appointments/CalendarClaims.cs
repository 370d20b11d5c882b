using Microsoft.Extensions.Logging;
using Realtime.Grains.Domain.Calendars;
using Realtime.Grains.Interfaces.Calendars;

namespace Realtime.Grains.Appointments;

/// <summary>
/// The appointment's side of the correctness principle: take calendar time before the appointment records it,
/// release it only after. What the appointment claims is answered from what is durable plus what it is taking
/// right now, never from state that is still being written. A hold (see <c>AppointmentGrain.Holds</c>) is claimed in
/// memory only, until it expires.
/// </summary>
internal sealed class CalendarClaims(IGrainFactory grains, Guid appointmentId, ILogger logger)
{
    // Arrays, not sets: an appointment claims one interval on a resource or two, and every one of the tens of thousands
    // in memory keeps its claims (three empty sets and one of a claim came to about 470 bytes an appointment).
    private (Guid ResourceId, TimeRange Occupied)[] pending = [];
    private (Guid ResourceId, TimeRange Occupied)[] durable = [];
    private (Guid ResourceId, TimeRange Occupied)[] held = [];
    private DateTimeOffset heldUntil;

    /// <summary>Null if the interval is not claimed; <see cref="DateTimeOffset.MaxValue"/> until a change releases it; a hold's expiry.</summary>
    public DateTimeOffset? ClaimedUntil(Guid resourceId, TimeRange occupied, DateTimeOffset now) =>
        pending.Contains((resourceId, occupied)) || durable.Contains((resourceId, occupied)) ? DateTimeOffset.MaxValue
        : now < heldUntil && held.Contains((resourceId, occupied)) ? heldUntil
        : null;

    /// <summary>Takes every partition of every resource in one fixed order, all or none.</summary>
    public async Task<DomainError?> Take(Occupancy wanted)
    {
        var missing = wanted.Claims.Where(claim => !durable.Contains(claim)).Select(claim => claim.ResourceId).ToList();
        pending = [.. pending.Union(wanted.Claims)];
        var reservation = new Reservation(appointmentId, wanted.Occupied);
        var taken = new List<string>();
        foreach (var (resourceId, key) in CalendarPartitions.For(missing, wanted.Occupied))
        {
            var outcome = await grains.GetGrain<IResourceCalendarGrain>(key).Reserve(reservation);
            if (!outcome.Reserved)
            {
                pending = [];
                await ReleasePartitions(taken, reservation);

                return ReservationConflicts.Taken(resourceId, outcome.ConflictingAppointmentId);
            }

            taken.Add(key);
        }

        return null;
    }

    /// <summary>After a durable write: what is claimed now, and the release of what no longer is (a hold included).</summary>
    public Task Committed(Occupancy? now)
    {
        var before = durable.Concat(held).ToList();
        durable = now is null ? [] : [.. now.Claims];
        held = [];
        pending = [];
        return Release(before.Where(claim => !durable.Contains(claim)).Distinct());
    }

    /// <summary>After a successful <see cref="Take"/> for a hold: claimed in memory until <paramref name="until"/>.</summary>
    public void Held(Occupancy occupancy, DateTimeOffset until)
    {
        held = [.. occupancy.Claims];
        heldUntil = until;
        pending = [];
    }

    /// <summary>Gives back held time that nothing durable claims.</summary>
    public Task ReleaseHeld()
    {
        var released = held.Where(claim => !durable.Contains(claim)).ToList();
        held = [];
        return Release(released);
    }

    public void Loaded(Occupancy? occupancy) => durable = occupancy is null ? [] : [.. occupancy.Claims];

    private async Task Release(IEnumerable<(Guid ResourceId, TimeRange Occupied)> claims)
    {
        foreach (var group in claims.GroupBy(c => c.Occupied))
        {
            var keys = CalendarPartitions.For(group.Select(c => c.ResourceId), group.Key).Select(p => p.Key);
            await ReleasePartitions(keys, new Reservation(appointmentId, group.Key));
        }
    }

    private async Task ReleasePartitions(IEnumerable<string> keys, Reservation reservation)
    {
        foreach (var key in keys)
        {
            try
            {
                await grains.GetGrain<IResourceCalendarGrain>(key).Release(reservation);
            }
            catch (Exception ex)
            {
                // An unreleased reservation is an orphan that the calendar frees when a request conflicts with it.
                logger.LogWarning(ex, "Could not release {Calendar} for appointment {AppointmentId}", key, appointmentId);
            }
        }
    }
}
