using Microsoft.Extensions.Logging;
using Realtime.Grains.Caching;
using Realtime.Grains.Calendars;
using Realtime.Grains.Domain.Calendars;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Calendars;

namespace Realtime.Grains.Appointments;

/// <summary>
/// The appointment's side of the correctness principle: take calendar time before the appointment records it,
/// release it only after. What the appointment claims is answered from what is durable plus what it is taking
/// right now, never from state that is still being written. A hold (see <c>AppointmentGrain.Holds</c>) is claimed in
/// memory only, until it expires.
/// </summary>
internal sealed class CalendarClaims(IGrainFactory grains, DefinitionCache definitions, Guid appointmentId, ILogger logger)
{
    /// <summary>Overlapping offers of one freed slot, one per waitlist of its services: a few at most.</summary>
    private const int MaxHoldsTaken = 8;

    // Arrays, not sets: an appointment claims one interval on a resource or two, and every one of the tens of thousands
    // in memory keeps its claims (three empty sets and one of a claim came to about 470 bytes an appointment).
    private (Guid ResourceId, TimeRange Occupied)[] pending = [];
    private (Guid ResourceId, TimeRange Occupied)[] durable = [];
    private (Guid ResourceId, TimeRange Occupied)[] held = [];
    private DateTimeOffset heldUntil;

    /// <summary>
    /// No change is taking time: none is under way, and none whose outcome is unknown is still claimed (see
    /// <c>AppointmentGrain.Record</c>), so held time that nothing durable claims is the hold's alone.
    /// </summary>
    public bool Settled => pending.Length == 0;

    /// <summary>Null if the interval is not claimed; a hold's claim gives way to staff if the hold is an offer's (<paramref name="heldForOffer"/>).</summary>
    public ReservationClaim? Claim(Guid resourceId, TimeRange occupied, DateTimeOffset now, bool heldForOffer) =>
        pending.Contains((resourceId, occupied)) || durable.Contains((resourceId, occupied)) ? new ReservationClaim(DateTimeOffset.MaxValue, false)
        : now < heldUntil && held.Contains((resourceId, occupied)) ? new ReservationClaim(heldUntil, heldForOffer)
        : null;

    /// <summary>
    /// Takes every partition of every resource in one fixed order, all or none. A change that
    /// <paramref name="takesOfferHolds"/> has waitlist offers' holds give their time up, but only once every other
    /// partition is taken: an offer is never withdrawn for a change that another resource's time refuses anyway. A
    /// refusal tells the time in the appointment's location's (<paramref name="locationId"/>).
    /// </summary>
    public async Task<DomainError?> Take(Occupancy wanted, bool takesOfferHolds, Guid locationId)
    {
        var missing = wanted.Claims.Where(claim => !durable.Contains(claim)).Select(claim => claim.ResourceId).ToList();
        pending = [.. pending.Union(wanted.Claims)];
        var reservation = new Reservation(appointmentId, wanted.Occupied);
        var taken = new List<string>();
        var heldForOffers = new List<(Guid ResourceId, string Key)>();
        foreach (var (resourceId, key) in CalendarPartitions.For(missing, wanted.Occupied))
        {
            var outcome = await grains.GetGrain<IResourceCalendarGrain>(key).Reserve(reservation);
            if (!outcome.Reserved && takesOfferHolds && outcome.ConflictGivesWayToStaff)
            {
                heldForOffers.Add((resourceId, key));
                continue;
            }
            if (!outcome.Reserved) return await Refuse(resourceId, outcome, taken, reservation, locationId);
            taken.Add(key);
        }

        foreach (var (resourceId, key) in heldForOffers)
        {
            var outcome = await TakeFromOffers(key, reservation);
            if (!outcome.Reserved) return await Refuse(resourceId, outcome, taken, reservation, locationId);
            taken.Add(key);
        }

        return null;
    }

    private async Task<DomainError> Refuse(
        Guid resourceId, ReservationOutcome outcome, List<string> taken, Reservation reservation, Guid locationId)
    {
        pending = [];
        await ReleasePartitions(taken, reservation);
        return await TakenTime.Refusal(definitions, resourceId, locationId, outcome.Conflict!);
    }

    /// <summary>
    /// The partition names a conflict that does not give way first, so a hold is asked to give way only when every
    /// conflict there would; each one that does frees its time, and the partition is asked again. Only a holder that said
    /// it gives way is asked: an appointment busy with a change of its own is never waited on (two staff moves into each
    /// other's time would wait on each other).
    /// </summary>
    private async Task<ReservationOutcome> TakeFromOffers(string key, Reservation reservation)
    {
        var calendar = grains.GetGrain<IResourceCalendarGrain>(key);
        var outcome = await calendar.Reserve(reservation);
        for (var given = 0; given < MaxHoldsTaken && outcome is { ConflictGivesWayToStaff: true, ConflictingAppointmentId: { } holder }; given++)
        {
            if (!await grains.GetGrain<IAppointmentGrain>(holder).GiveWayToStaff()) break;
            outcome = await calendar.Reserve(reservation);
        }

        return outcome;
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
                // An unreleased reservation is an orphan that the calendar frees when a booking conflicts with it or a search sets off a sweep.
                logger.LogWarning(ex, "Could not release {Calendar} for appointment {AppointmentId}", key, appointmentId);
            }
        }
    }
}
