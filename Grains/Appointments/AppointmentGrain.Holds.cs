using Microsoft.Extensions.Logging;
using Realtime.Grains.Domain.Holds;
using Realtime.Grains.Domain.Waitlist;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Feeds;
using Realtime.Grains.Interfaces.Holds;
using Realtime.Grains.Interfaces.Waitlist;

namespace Realtime.Grains.Appointments;

/// <summary>
/// The slot hold: the appointment before it is booked. Its calendar time is reserved like a booking's but claimed only
/// in memory, until it expires (by the clock, so an expired hold is an orphan for any conflicting request even before
/// the timer frees it). Nothing is persisted: an activation leaving memory gives its hold's time back, and if it dies
/// (its silo killed) the hold is simply gone, and the calendars free its time at the next conflict or the next sweep
/// that a search sets off.
/// </summary>
public sealed partial class AppointmentGrain
{
    private HoldView? hold;
    private IGrainTimer? holdTimer;

    public async Task<Result<HoldView>> Hold(HoldSlot command)
    {
        var now = time.GetUtcNow();
        if (Current.Version > 0) return DomainError.Of(ErrorCodes.AlreadyExists, "The appointment exists already.");
        if (hold is { } live && HoldRules.IsLive(live, now))
        {
            if (HoldRules.Repeats(live, command)) return live;
            return DomainError.Of(ErrorCodes.AlreadyExists, "The slot is held already.");
        }

        if (HoldRules.Validate(command, now) is { Length: > 0 } invalid) return DomainError.Validation(invalid);

        var loaded = await LoadForNewBooking(
            command.OrganizationId, command.LocationId, command.ResourceIds, command.ServiceIds, command.ClientId, command.Actor, command.Start, now);
        if (loaded.Error is { } refused) return refused;
        var context = loaded.Value!;
        var timing = context.Timing(null);
        if (CheckWorkingHours(AppointmentKind.Appointment, command.Start, timing, false, context, now) is { } outside) return outside;
        if (await CheckClientFree(command.Actor, command.OrganizationId, TimeRange.FromMinutes(command.Start, timing.DurationMinutes)) is { } busy) return busy;

        await DropHold();
        var expiresAt = now + command.Lifetime;
        if (command.ClientId is { } holder && !await GrainFactory.GetGrain<IClientHoldsGrain>(holder).Admit(Id, expiresAt)) return HoldRules.TooMany();
        var occupancy = new Occupancy(command.ResourceIds, timing.Occupied(command.Start));
        if (await claims.Take(occupancy, takesOfferHolds: false, command.LocationId) is { } taken)
        {
            await CountedOut(command.ClientId);
            return taken;
        }

        claims.Held(occupancy, expiresAt);
        hold = new HoldView(
            Id, command.OrganizationId, command.LocationId, command.ClientId, command.ResourceIds, command.ServiceIds,
            command.Start.ToUniversalTime(), command.Start.ToUniversalTime().AddMinutes(timing.DurationMinutes), occupancy.Occupied, expiresAt);
        holdTimer = this.RegisterGrainTimer(
            DropHold, new GrainTimerCreationOptions(command.Lifetime, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        await PublishHold(hold, released: false);
        return hold;
    }

    public async Task<bool> ReleaseHold(Guid? clientId)
    {
        if (hold is null || hold.ClientId != clientId) return false;
        await DropHold();
        return true;
    }

    /// <summary>
    /// A hold lives in memory only, so it ends when its activation does (a silo shutting down, the grain moved): its time
    /// is given back rather than left for a conflicting booking to free, as searches never offer time a calendar holds.
    /// </summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (hold is not null && claims.Settled) await DropHold();
    }

    private bool HeldForOffer => hold is { } held && HoldRules.IsOffer(held.ClientId);

    public async Task<bool> GiveWayToStaff()
    {
        if (!HeldForOffer) return false;
        var offered = hold!;
        await DropHold();
        // The offer's waitlist is its one service's at its location.
        await GrainFactory.GetGrain<IWaitlistGrain>(WaitlistRules.Key(offered.LocationId, offered.ServiceIds[0])).OfferWithdrawn(Id);
        return true;
    }

    private DomainError? RefuseHeld(BookAppointment command) =>
        hold is { } held && HoldRules.IsLive(held, time.GetUtcNow()) && !HoldRules.MayBook(held, command.Actor, command.ClientId)
            ? new DomainError(ErrorCodes.SlotTaken, "The slot is held for another client.", [new FieldError("start", "Held for another client.")])
            : null;

    private bool HasHold => hold is not null;

    /// <summary>Booked: the calendars already moved the held time over (see <see cref="CalendarClaims.Committed"/>).</summary>
    private async Task HoldBooked()
    {
        if (hold is not { } booked) return;
        hold = null;
        holdTimer?.Dispose();
        holdTimer = null;
        await CountedOut(booked.ClientId);
        await PublishHold(booked, released: true);
    }

    private async Task DropHold()
    {
        if (hold is not { } dropped) return;
        hold = null;
        holdTimer?.Dispose();
        holdTimer = null;
        await claims.ReleaseHeld();
        await CountedOut(dropped.ClientId);
        await PublishHold(dropped, released: true);
    }

    /// <summary>The holder's count of live holds (<see cref="IClientHoldsGrain"/>) no longer has this one.</summary>
    private async Task CountedOut(Guid? holder)
    {
        if (holder is not { } clientId) return;
        try
        {
            await GrainFactory.GetGrain<IClientHoldsGrain>(clientId).Released(Id);
        }
        catch (Exception ex)
        {
            // The count lets the hold go at its expiry by itself.
            logger.LogWarning(ex, "Could not tell client {ClientId} that hold {HoldId} ended", clientId, Id);
        }
    }

    private async Task PublishHold(HoldView view, bool released)
    {
        try
        {
            await GrainFactory.GetGrain<ILocationFeedGrain>(view.LocationId).PublishHold(view, released);
        }
        catch (Exception ex)
        {
            // The desks miss this one change; the hold itself stands or goes by the calendars either way.
            logger.LogWarning(ex, "Could not publish hold {HoldId} to the feed of location {LocationId}", view.Id, view.LocationId);
        }
    }
}
