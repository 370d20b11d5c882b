using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using Realtime.Grains.Domain.Appointments;
using Realtime.Grains.Domain.Notifications;
using Realtime.Grains.Domain.Waitlist;
using Realtime.Grains.Holds;
using Realtime.Grains.Hosting;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Clients;
using Realtime.Grains.Interfaces.Holds;
using Realtime.Grains.Interfaces.Organizations;
using Realtime.Grains.Interfaces.Waitlist;

namespace Realtime.Grains.Waitlist;

public sealed class WaitlistState
{
    public List<WaitlistEntry> Entries { get; set; } = [];
    public List<SlotOffer> Offers { get; set; } = [];

    /// <summary>
    /// Where the ids of the offers' holds come from (<see cref="WaitlistRules.OfferHoldId"/>): drawn with the state, so it
    /// is stored with the first entry, whose write comes before any offer.
    /// </summary>
    public Guid OfferSecret { get; set; } = Guid.NewGuid();
}

/// <summary>
/// One service's waitlist at one location. News from appointments is stored in an inbox of its own (a second state, so
/// that taking news in, which interleaves, never writes the entries and offers that another call may be changing) and
/// acted on in turns of the waitlist's own, oldest first, until done. An offer holds the freed slot through a business
/// hold (no holder client) on the appointment id the booking will take, so nobody else can book it meanwhile; that id
/// comes from the news and the waitlist's secret, so acting on news again never makes a second offer of it. The
/// calendars stay the only truth, so however many accept, the slot is booked at most once.
/// </summary>
public sealed class WaitlistGrain(
    [PersistentState("waitlist", StorageNames.Default)] IPersistentState<WaitlistState> state,
    [PersistentState(WaitlistGrain.InboxStateName, StorageNames.Default)] IPersistentState<WaitlistInbox> inbox,
    OfferNotices notices,
    IOptions<HoldSettings> holds,
    TimeProvider time,
    ILogger<WaitlistGrain> logger) : Grain, IWaitlistGrain
{
    /// <summary>The inbox's name in storage; the recovery of news left by dead silos looks for it.</summary>
    public const string InboxStateName = "waitlist-inbox";

    private static readonly Actor WaitlistActor = new(ActorKind.System, "waitlist", "Waitlist");
    private static readonly RetryPolicy InboxRetries = new(int.MaxValue, TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(1));
    private readonly SemaphoreSlim inboxWrites = new(1, 1);
    private IGrainTimer? inboxTimer;
    private int failedInboxRuns;

    private WaitlistRef Ref => WaitlistRules.Parse(this.GetPrimaryKeyString());

    private List<WaitlistEntry> Waiting => state.State.Entries;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (inbox.State.Pending.Count > 0) ScheduleInbox(TimeSpan.Zero);
        return Task.CompletedTask;
    }

    public async Task Hear(WaitlistNews news)
    {
        if (!WaitlistRules.MayMatter(news, Waiting, inbox.State.Pending.Count > 0, Ref)) return;
        if (await ChangeInbox(() => inbox.State.TakeIn(news))) ScheduleInbox(TimeSpan.Zero);
    }

    public async Task<Result<WaitlistEntry>> Join(JoinWaitlist command)
    {
        var now = time.GetUtcNow();
        if (WaitlistRules.Validate(command, now) is { Length: > 0 } invalid) return DomainError.Validation(invalid);
        if (await Refusal(command) is { } refused) return refused;
        // Written away with the new entry; until then they only take up memory, as they took up storage.
        var lapsed = Waiting.Where(e => WaitlistRules.Lapsed(e, now)).ToList();
        Waiting.RemoveAll(e => WaitlistRules.Lapsed(e, now));
        if (Waiting.Any(e => e.ClientId == command.ClientId && e.AppointmentId is null))
        {
            return DomainError.Of(ErrorCodes.AlreadyExists, "The client is on this waiting list already.");
        }

        if (Waiting.Count >= WaitlistRules.MaxEntries) return DomainError.Validation(new FieldError("serviceId", "The waiting list is full."));
        var entry = new WaitlistEntry(Guid.NewGuid(), Ref.LocationId, Ref.ServiceId, command.ClientId, command.From, command.To, null, null, now);
        Waiting.Add(entry);
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IClientWaitlistsGrain>(command.ClientId).Joined(Ref);
        await Task.WhenAll(lapsed.Select(e => e.ClientId).Distinct().Select(ForgetIfGone));
        return entry;
    }

    public async Task<bool> Leave(Guid entryId, Guid? clientId)
    {
        if (Waiting.Find(e => e.Id == entryId && e.AppointmentId is null && (clientId is null || e.ClientId == clientId)) is not { } entry) return false;
        Waiting.Remove(entry);
        await state.WriteStateAsync();
        await ForgetIfGone(entry.ClientId);
        return true;
    }

    public Task<WaitlistEntry[]> Entries() => Task.FromResult(Waiting.OrderBy(e => e.AddedAt).ToArray());

    /// <summary>Acts on the news in the inbox, oldest first; what fails stays there and is tried again later.</summary>
    private async Task ActOnInbox()
    {
        while (inbox.State.Pending.FirstOrDefault() is { } news)
        {
            try
            {
                if (news.Asap is { } asap) await SyncAsap(asap.Appointment, asap.Deleted);
                if (news.Freed is { } freed)
                {
                    await WithdrawSeatOffers(freed.AppointmentId);
                    await OfferFreed(freed, WaitlistRules.OfferHoldId(state.State.OfferSecret, news));
                }

                if (news.Seat is { } seat) await OfferSeat(seat, WaitlistRules.OfferHoldId(state.State.OfferSecret, news));
                await ChangeInbox(() => inbox.State.Done(news));
            }
            catch (Exception ex)
            {
                // A refused write of the entries and offers may have landed or not, and memory holds it either way (an offer
                // its candidates can see but never accept): act again on what is stored.
                if (ex is InconsistentStateException) await ReadAgain(state, "entries and offers");
                failedInboxRuns++;
                var delay = InboxRetries.BaseDelay(failedInboxRuns);
                logger.LogWarning(ex, "News of {AppointmentId} v{Version} not acted on by waitlist {Waitlist}; retrying in {Delay}",
                    news.AppointmentId, news.Version, this.GetPrimaryKeyString(), delay);
                ScheduleInbox(delay);
                return;
            }

            failedInboxRuns = 0;
        }
    }

    /// <summary>
    /// One change of the inbox at a time, written before it counts: news is taken in while other calls run. After a failed
    /// write, whose outcome is unknown, the inbox is read again, so that news heard again is not taken for stored; if
    /// that fails too, the activation goes and the next one reads it.
    /// </summary>
    private async Task<bool> ChangeInbox(Func<bool> change)
    {
        await inboxWrites.WaitAsync();
        try
        {
            if (!change()) return false;
            await inbox.WriteStateAsync();
            return true;
        }
        catch
        {
            await ReadAgain(inbox, "inbox");
            throw;
        }
        finally
        {
            inboxWrites.Release();
        }
    }

    private async Task ReadAgain<T>(IPersistentState<T> stored, string what)
    {
        try
        {
            await stored.ReadStateAsync();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Waitlist {Waitlist} could not read its {What} again; deactivating", this.GetPrimaryKeyString(), what);
            DeactivateOnIdle();
        }
    }

    /// <summary>
    /// Acts on the inbox after <paramref name="dueTime"/>. A run already planned stands, unless this one backs off. It keeps
    /// the activation alive, as news still to act on must not wait for the waitlist's next call.
    /// </summary>
    private void ScheduleInbox(TimeSpan dueTime)
    {
        if (inboxTimer is not null)
        {
            if (dueTime == TimeSpan.Zero) return;
            inboxTimer.Dispose();
        }

        inboxTimer = this.RegisterGrainTimer(
            async () =>
            {
                inboxTimer?.Dispose();
                inboxTimer = null;
                await ActOnInbox();
            },
            new GrainTimerCreationOptions(dueTime, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    private async Task SyncAsap(AppointmentView appointment, bool deleted)
    {
        var index = Waiting.FindIndex(e => e.AppointmentId == appointment.Id);
        var known = index >= 0 ? Waiting[index] : null;
        if (!WaitlistRules.WaitsAsap(appointment, deleted, Ref))
        {
            if (known is null) return;
            Waiting.RemoveAt(index);
            await state.WriteStateAsync();
            await ForgetIfGone(known.ClientId);
            return;
        }

        if (known?.AppointmentStart == appointment.Start) return;
        if (known is null)
        {
            var clientId = appointment.ClientId!.Value;
            Waiting.Add(new WaitlistEntry(
                Guid.NewGuid(), Ref.LocationId, Ref.ServiceId, clientId, null, null, appointment.Id, appointment.Start, time.GetUtcNow()));
            await GrainFactory.GetGrain<IClientWaitlistsGrain>(clientId).Joined(Ref);
        }
        else
        {
            Waiting[index] = known with { AppointmentStart = appointment.Start };
        }

        await state.WriteStateAsync();
    }

    private async Task OfferFreed(FreedSlot slot, Guid holdId)
    {
        var now = time.GetUtcNow();
        if (await MadeAlready(o => o.AppointmentId == holdId, now)) return;

        var service = await GrainFactory.GetGrain<IServiceGrain>(Ref.ServiceId).Get();
        if (service is null || service.OrganizationId != slot.OrganizationId) return;
        var timing = BookingRules.Timing([service.Definition], null);
        if (WaitlistRules.OfferStart(slot, timing, now) is not { } start) return;
        var end = start.AddMinutes(timing.DurationMinutes);
        var candidates = await Bookable(WaitlistRules.Candidates(Waiting, start, end, slot.ClientId));
        if (candidates.Length == 0) return;

        var held = await GrainFactory.GetGrain<IAppointmentGrain>(holdId).Hold(new HoldSlot(
            slot.OrganizationId, Ref.LocationId, slot.ResourceIds, [Ref.ServiceId], start, null, holds.Value.Lifetime, WaitlistActor));
        if (held.Error is { } error)
        {
            logger.LogInformation("Freed time at {Start} not offered from waitlist {Waitlist}: {Code}", start, this.GetPrimaryKeyString(), error.Code);
            return;
        }

        await MakeOffer(new SlotOffer(
            Guid.NewGuid(), holdId, slot.OrganizationId, Ref.LocationId, Ref.ServiceId, slot.ResourceIds, start, end,
            held.Value!.ExpiresAt, candidates, OfferStatus.Open, null, null));
    }

    /// <summary>
    /// A seat given up in a class still ahead is offered to the waiting clients who could take it, for as long as an offer
    /// of time is held; nothing is held, as the class keeps its time anyway.
    /// </summary>
    private async Task OfferSeat(FreedSeat seat, Guid offerId)
    {
        var now = time.GetUtcNow();
        if (await MadeAlready(o => o.Id == offerId, now)) return;

        if (seat.Start <= now) return;
        var candidates = await Bookable(WaitlistRules.SeatCandidates(Waiting, seat));
        if (candidates.Length == 0) return;
        await MakeOffer(new SlotOffer(
            offerId, seat.AppointmentId, seat.OrganizationId, Ref.LocationId, Ref.ServiceId, seat.ResourceIds, seat.Start, seat.End,
            now + holds.Value.Lifetime, candidates, OfferStatus.Open, null, null, OfSeat: true));
    }

    /// <summary>An offer made before the news could be dropped: its messages are queued again (only what is missing is).</summary>
    private async Task<bool> MadeAlready(Predicate<SlotOffer> isIt, DateTimeOffset now)
    {
        if (state.State.Offers.Find(isIt) is not { } made) return false;
        if (WaitlistRules.IsOpen(made, now)) await Tell(made, OfferMessages.OfferedKind);
        return true;
    }

    private Task Tell(SlotOffer offer, string kind) => notices.Queue(offer, offer.CandidateClientIds, kind, holds.Value.Lifetime);

    private async Task MakeOffer(SlotOffer offer)
    {
        var now = time.GetUtcNow();
        state.State.Offers.RemoveAll(o => !WaitlistRules.IsOpen(o, now) && o.ExpiresAt < now - WaitlistRules.ClosedOfferMemory);
        state.State.Offers.Add(offer);
        await state.WriteStateAsync();
        await Tell(offer, OfferMessages.OfferedKind);
    }

    public Task<SlotOffer[]> OpenOffers(Guid clientId)
    {
        var now = time.GetUtcNow();
        return Task.FromResult(state.State.Offers.Where(o => WaitlistRules.IsOpen(o, now) && o.CandidateClientIds.Contains(clientId)).ToArray());
    }

    public async Task<Result<AppointmentView>> Accept(Guid offerId, Guid clientId, Guid? requestId = null)
    {
        var index = state.State.Offers.FindIndex(o => o.Id == offerId && o.CandidateClientIds.Contains(clientId));
        if (index < 0) return DomainError.NotFound("The offer");
        var offer = state.State.Offers[index];
        if (offer is { Status: OfferStatus.Accepted, BookedAppointmentId: { } accepted } && offer.AcceptedBy == clientId
            && await MadeUnder(accepted, requestId) is { } repeated)
        {
            // The attempt that took the offer may have died right after writing it: what follows that write is done again.
            await AfterTaken(offer, clientId);
            return repeated;
        }

        if (!WaitlistRules.IsOpen(offer, time.GetUtcNow())) return Gone();

        var actor = new Actor(ActorKind.Client, clientId.ToString(), "client");
        var entry = WaitlistRules.EntryFor(Waiting, clientId, offer.Start, offer.End);
        var taken = offer.OfSeat
            ? await TakeSeat(offer, clientId, actor, requestId)
            : entry?.AppointmentId is { } asap
            ? await MoveEarlier(offer, asap, clientId, requestId)
            : await GrainFactory.GetGrain<IAppointmentGrain>(offer.AppointmentId).Book(new BookAppointment(
                offer.OrganizationId, offer.LocationId, offer.ResourceIds, [offer.ServiceId], clientId, offer.Start, null,
                AppointmentKind.Appointment, FirstConsultation: false, Asap: false, Source: "waitlist", Notes: null, Price: null, Labels: [],
                OverrideWorkingHours: false, NotifyClient: true, actor, requestId)).OrMadeBefore(() => MadeUnder(offer.AppointmentId, requestId));
        if (taken.Error is { Code: ErrorCodes.SlotTaken or ErrorCodes.AlreadyExists or ErrorCodes.GroupFull or ErrorCodes.InvalidTransition }) return Gone();
        if (taken.Error is { } refused) return refused;

        state.State.Offers[index] = offer with { Status = OfferStatus.Accepted, AcceptedBy = clientId, BookedAppointmentId = taken.Value!.Id };
        Waiting.RemoveAll(e => e.ClientId == clientId && e.AppointmentId is null);
        await state.WriteStateAsync();
        await AfterTaken(offer, clientId);
        return taken;
    }

    /// <summary>
    /// What follows the write of an offer taken by a client: off their index if they wait nowhere else here, and the other
    /// candidates told the slot is gone (queued at most once per client, as the outbox keys each message).
    /// </summary>
    private async Task AfterTaken(SlotOffer offer, Guid clientId)
    {
        await ForgetIfGone(clientId);
        await notices.Queue(offer, [.. offer.CandidateClientIds.Where(c => c != clientId)], OfferMessages.GoneKind, holds.Value.Lifetime);
    }

    /// <summary>
    /// The appointment, if an earlier attempt of the keyed request booked, moved or seated it (an accept that landed but
    /// whose answer, or whose own write of the offer, was lost); the booking of a held slot keeps the hold's id, so it is
    /// the request id it records that tells it from another's.
    /// </summary>
    private async Task<AppointmentView?> MadeUnder(Guid appointmentId, Guid? requestId) =>
        requestId is not null && await GrainFactory.GetGrain<IAppointmentGrain>(appointmentId).Get() is { } made
            && AppointmentChanges.MadeUnder(made.History, requestId)
            ? made
            : null;

    public Task OfferWithdrawn(Guid holdId) => Withdraw(o => o.AppointmentId == holdId && !o.OfSeat);

    /// <summary>A class that gave its time up (cancelled, moved, deleted) has no seat left to offer where it was.</summary>
    private Task WithdrawSeatOffers(Guid classId) => Withdraw(o => o.AppointmentId == classId && o.OfSeat);

    /// <summary>Closes the open offers that match, and tells their candidates the slot is gone while the offers stood.</summary>
    private async Task Withdraw(Predicate<SlotOffer> matches)
    {
        var now = time.GetUtcNow();
        var withdrawn = new List<SlotOffer>();
        for (var i = 0; i < state.State.Offers.Count; i++)
        {
            if (state.State.Offers[i] is not { Status: OfferStatus.Open } open || !matches(open)) continue;
            state.State.Offers[i] = open with { Status = OfferStatus.Withdrawn };
            withdrawn.Add(open);
        }

        if (withdrawn.Count == 0) return;
        await state.WriteStateAsync();
        foreach (var offer in withdrawn.Where(o => o.ExpiresAt > now))
        {
            await Tell(offer, OfferMessages.GoneKind);
        }
    }

    /// <summary>A seat in the class as it was offered: one that has moved since, or is over, is gone.</summary>
    private async Task<Result<AppointmentView>> TakeSeat(SlotOffer offer, Guid clientId, Actor actor, Guid? requestId)
    {
        var @class = GrainFactory.GetGrain<IAppointmentGrain>(offer.AppointmentId);
        return await @class.Get() is { Status: AppointmentStatus.Booked } now && now.Start == offer.Start
            ? await @class.TakeSeat(clientId, actor, requestId)
            : Gone();
    }

    /// <summary>
    /// The held time is let go just before the ASAP appointment takes it: the appointment has its own id, and the calendars
    /// refuse it if anyone else got there in between. The move is the business's offer, accepted by the client, so the
    /// waitlist makes it (on the offered resources, which a client could not choose) and it does not count against the
    /// client's reschedules.
    /// </summary>
    private async Task<Result<AppointmentView>> MoveEarlier(SlotOffer offer, Guid appointmentId, Guid clientId, Guid? requestId)
    {
        var actor = WaitlistActor with { Id = $"waitlist:{clientId}", Name = "Waitlist offer accepted by the client" };
        await GrainFactory.GetGrain<IAppointmentGrain>(offer.AppointmentId).ReleaseHold(null);
        return await GrainFactory.GetGrain<IAppointmentGrain>(appointmentId).Reschedule(
            new RescheduleAppointment(offer.Start, offer.ResourceIds, OverrideWorkingHours: false, NotifyClient: true, actor, requestId));
    }

    /// <summary>The waiting clients who could book the slot: not blacklisted since they joined, nor deleted.</summary>
    private async Task<Guid[]> Bookable(Guid[] candidates)
    {
        var clients = await Task.WhenAll(candidates.Select(id => GrainFactory.GetGrain<IClientGrain>(id).Get()));
        return [.. candidates.Where((_, i) => clients[i] is { Blacklist: null })];
    }

    private Task ForgetIfGone(Guid clientId) =>
        Waiting.Any(e => e.ClientId == clientId) ? Task.CompletedTask : GrainFactory.GetGrain<IClientWaitlistsGrain>(clientId).Left(Ref);

    /// <summary>What the entry refers to must exist; a blacklisted client cannot put themselves on it, as they cannot book.</summary>
    private async Task<DomainError?> Refusal(JoinWaitlist command)
    {
        var location = GrainFactory.GetGrain<ILocationGrain>(Ref.LocationId).Get();
        var service = GrainFactory.GetGrain<IServiceGrain>(Ref.ServiceId).Get();
        var client = GrainFactory.GetGrain<IClientGrain>(command.ClientId).Get();
        await Task.WhenAll(location, service, client);
        var missing = new List<FieldError>();
        if (location.Result?.OrganizationId != command.OrganizationId) missing.Add(new("locationId", "Unknown location."));
        if (service.Result?.OrganizationId != command.OrganizationId) missing.Add(new("serviceId", "Unknown service."));
        if (client.Result?.OrganizationId != command.OrganizationId) missing.Add(new("clientId", "Unknown client."));
        return missing.Count > 0
            ? new DomainError(ErrorCodes.NotFound, "Something the entry refers to does not exist.", [.. missing])
            : ClientPolicyRules.CheckBlacklist(command.Actor.Kind, client.Result!.Blacklist is not null);
    }

    private static DomainError Gone() => DomainError.Of(ErrorCodes.OfferGone, "The slot has been taken by someone else or the offer has expired.");
}
