using Microsoft.Extensions.Logging;
using Realtime.Grains.Domain.Calendars;
using Realtime.Grains.Hosting;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Calendars;

namespace Realtime.Grains.Calendars;

public sealed class ResourceCalendarState
{
    public List<Reservation> Reservations { get; set; } = [];
}

/// <summary>
/// The occupied time of one resource on one UTC day. It may hold time no live appointment uses (an orphan
/// left by a crash between reserving and recording); such a reservation is freed when a conflicting request
/// finds that its appointment no longer claims it.
/// </summary>
public sealed class ResourceCalendarGrain(
    [PersistentState("resource-calendar", StorageNames.Default)] IPersistentState<ResourceCalendarState> state,
    TimeProvider time,
    ILogger<ResourceCalendarGrain> logger) : Grain, IResourceCalendarGrain
{
    private readonly ClaimConfirmations confirmations = new(TimeSpan.FromSeconds(1));

    private Guid ResourceId => CalendarPartitions.ResourceOf(this.GetPrimaryKeyString());

    public async Task<ReservationOutcome> Reserve(Reservation reservation)
    {
        var held = state.State.Reservations;
        if (held.Contains(reservation)) return ReservationOutcome.Success;

        var (claimed, orphans) = await AskHolders(Overlapping(reservation));
        if (orphans.Count > 0)
        {
            logger.LogWarning(
                "Freeing {Count} orphaned reservations on {Calendar}: {Appointments}",
                orphans.Count, this.GetPrimaryKeyString(), string.Join(", ", orphans.Select(o => o.AppointmentId)));
            held.RemoveAll(orphans.Contains);
            orphans.ForEach(confirmations.Forget);
        }

        if (claimed is not null)
        {
            if (orphans.Count > 0) await state.WriteStateAsync();
            return new ReservationOutcome(false, claimed);
        }

        // Newest first: the stored row then changes only at the front of the day, and PostgreSQL logs an update kept on its
        // page without the unchanged end (schema script 0011), rather than the whole day again.
        held.Insert(0, reservation);
        await state.WriteStateAsync();
        return ReservationOutcome.Success;
    }

    /// <summary>A look only: a holder's recent answer will do (<see cref="ClaimConfirmations"/>).</summary>
    public async Task<Guid?> ClaimedConflict(Reservation candidate)
    {
        var overlapping = Overlapping(candidate);
        var now = time.GetUtcNow();
        return overlapping.Find(r => confirmations.Confirmed(r, now))?.AppointmentId ?? (await AskHolders(overlapping)).Claimed;
    }

    public async Task Release(Reservation reservation)
    {
        confirmations.Forget(reservation);
        if (state.State.Reservations.Remove(reservation)) await state.WriteStateAsync();
    }

    public Task<Reservation[]> GetReservations() => Task.FromResult(state.State.Reservations.ToArray());

    private List<Reservation> Overlapping(Reservation candidate) => ReservationConflicts.With(state.State.Reservations, candidate).ToList();

    /// <summary>The first of the conflicts whose appointment still claims it, and those no appointment claims.</summary>
    private async Task<(Guid? Claimed, List<Reservation> Orphans)> AskHolders(List<Reservation> conflicts)
    {
        if (conflicts.Count == 0) return (null, []);
        var claimed = await Task.WhenAll(conflicts.Select(IsClaimed));
        return (
            conflicts.Where((_, i) => claimed[i]).Select(c => (Guid?)c.AppointmentId).FirstOrDefault(),
            conflicts.Where((_, i) => !claimed[i]).ToList());
    }

    private async Task<bool> IsClaimed(Reservation reservation)
    {
        var until = await GrainFactory.GetGrain<IAppointmentGrain>(reservation.AppointmentId).ClaimedUntil(ResourceId, reservation.Occupied);
        if (until is { } claimedUntil) confirmations.Confirm(reservation, claimedUntil, time.GetUtcNow());
        return until is not null;
    }
}
