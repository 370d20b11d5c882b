using Microsoft.Extensions.Logging;
using Realtime.Grains.Domain.Calendars;
using Realtime.Grains.Hosting;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Calendars;
using Realtime.Grains.Projections;

namespace Realtime.Grains.Calendars;

public sealed class ResourceCalendarState
{
    public List<Reservation> Reservations { get; set; } = [];
}

/// <summary>
/// The occupied time of one resource on one UTC day. It may hold time no live appointment uses (an orphan: a hold lost
/// with its silo, or left by a crash between reserving and recording, or a release that failed); such a reservation is
/// freed when a conflicting booking finds that its appointment no longer claims it, and by a sweep that searches set off,
/// as they never offer reserved time and so never make that booking.
/// </summary>
public sealed class ResourceCalendarGrain(
    [PersistentState("resource-calendar", StorageNames.Default)] IPersistentState<ResourceCalendarState> state,
    TimeProvider time,
    IAppointmentReadModel appointments,
    ILogger<ResourceCalendarGrain> logger) : Grain, IResourceCalendarGrain
{
    /// <summary>Holders a sweep asks at once, so that a full day does not activate all its appointments together.</summary>
    private const int SweepConcurrency = 4;

    private readonly ClaimConfirmations confirmations = new(TimeSpan.FromSeconds(1));

    /// <summary>
    /// Once a minute at most: a hold lost with its silo stays hidden about that long after its expiry. A booking's holder
    /// that the list does not vouch for is asked again after an hour: each question brings the appointment back into
    /// memory for a quarter of an hour.
    /// </summary>
    private readonly OrphanSweeps sweeps = new(TimeSpan.FromMinutes(1), TimeSpan.FromHours(1));
    private IGrainTimer? sweepTimer;

    private Guid ResourceId => CalendarPartitions.ResourceOf(this.GetPrimaryKeyString());

    public async Task<ReservationOutcome> Reserve(Reservation reservation)
    {
        var held = state.State.Reservations;
        if (held.Contains(reservation)) return ReservationOutcome.Success;

        var (claimed, orphans) = await AskHolders(Overlapping(reservation));
        Free(orphans);

        if (claimed.Count > 0)
        {
            if (orphans.Count > 0) await state.WriteStateAsync();
            return new ReservationOutcome(false, new ClaimedTime(claimed[0].Reservation, claimed[0].Claim));
        }

        // Newest first: the stored row then changes only at the front of the day, and PostgreSQL logs an update kept on its
        // page without the unchanged end (schema script 0011), rather than the whole day again.
        held.Insert(0, reservation);
        await state.WriteStateAsync();
        return ReservationOutcome.Success;
    }

    /// <summary>A look only: a holder's recent answer will do (<see cref="ClaimConfirmations"/>).</summary>
    public async Task<ClaimedTime?> ClaimedConflict(Reservation candidate, bool takesOfferHolds)
    {
        var overlapping = Overlapping(candidate);
        var now = time.GetUtcNow();
        foreach (var reservation in overlapping)
        {
            if (confirmations.Trusted(reservation, now) is { } trusted && trusted.Refuses(takesOfferHolds)) return new ClaimedTime(reservation, trusted);
        }

        var asked = await AskHolders(overlapping.Where(r => confirmations.Trusted(r, now) is null).ToList());
        return asked.Claimed.Where(c => c.Claim.Refuses(takesOfferHolds)).Select(c => new ClaimedTime(c.Reservation, c.Claim)).FirstOrDefault();
    }

    public async Task Release(Reservation reservation)
    {
        Forget(reservation);
        if (state.State.Reservations.Remove(reservation)) await state.WriteStateAsync();
    }

    public Task<Reservation[]> GetReservations()
    {
        ScheduleSweep();
        return Task.FromResult(state.State.Reservations.ToArray());
    }

    /// <summary>
    /// A sweep runs as a turn of its own after the read (a timer does not interleave): a booking of this day waits for it
    /// as for another booking, so no holder can take the time again between its answer and the freeing. Bookings make no
    /// call or write more for it.
    /// </summary>
    private void ScheduleSweep()
    {
        if (sweepTimer is not null || !sweeps.Start(time.GetUtcNow())) return;
        sweepTimer = this.RegisterGrainTimer(FreeOrphans, new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
    }

    /// <summary>
    /// Asks the holders that neither a recent answer (<see cref="OrphanSweeps.ToAsk"/>) nor the appointment list, read
    /// once (<see cref="OrphanSweeps.NotVouchedFor"/>), vouches for, a few at a time, and frees the reservations that no
    /// appointment claims.
    /// </summary>
    private async Task FreeOrphans()
    {
        sweepTimer?.Dispose();
        sweepTimer = null;
        var toAsk = sweeps.ToAsk(state.State.Reservations, time.GetUtcNow());
        if (toAsk.Count == 0) return;
        var listed = await appointments.Occupancies([.. toAsk.Select(r => r.AppointmentId).Distinct()], CancellationToken.None);
        var orphans = new List<Reservation>();
        foreach (var batch in OrphanSweeps.NotVouchedFor(toAsk, ResourceId, listed).Chunk(SweepConcurrency))
        {
            orphans.AddRange((await AskHolders([.. batch])).Orphans);
        }

        Free(orphans);
        if (orphans.Count > 0) await state.WriteStateAsync();
    }

    private void Free(List<Reservation> orphans)
    {
        if (orphans.Count == 0) return;
        logger.LogWarning(
            "Freeing {Count} orphaned reservations on {Calendar}: {Appointments}",
            orphans.Count, this.GetPrimaryKeyString(), string.Join(", ", orphans.Select(o => o.AppointmentId)));
        state.State.Reservations.RemoveAll(orphans.Contains);
        orphans.ForEach(Forget);
    }

    private List<Reservation> Overlapping(Reservation candidate) => ReservationConflicts.With(state.State.Reservations, candidate).ToList();

    /// <summary>The conflicts whose appointments still claim them (those that do not give way to staff first), and those no appointment claims.</summary>
    private async Task<(List<(Reservation Reservation, ReservationClaim Claim)> Claimed, List<Reservation> Orphans)> AskHolders(List<Reservation> conflicts)
    {
        if (conflicts.Count == 0) return ([], []);
        var claims = await Task.WhenAll(conflicts.Select(Ask));
        return (
            [.. conflicts.Zip(claims).Where(c => c.Second is not null).Select(c => (c.First, c.Second!.Value)).OrderBy(c => c.Item2.GivesWayToStaff)],
            conflicts.Where((_, i) => claims[i] is null).ToList());
    }

    private async Task<ReservationClaim?> Ask(Reservation reservation)
    {
        var claim = await GrainFactory.GetGrain<IAppointmentGrain>(reservation.AppointmentId).Claim(ResourceId, reservation.Occupied);
        if (claim is { } held)
        {
            var now = time.GetUtcNow();
            confirmations.Confirm(reservation, held, now);
            sweeps.Answered(reservation, held, now);
        }

        return claim;
    }

    private void Forget(Reservation reservation)
    {
        confirmations.Forget(reservation);
        sweeps.Forget(reservation);
    }
}
