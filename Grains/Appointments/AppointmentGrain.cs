using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using Orleans.Storage;
using Realtime.Grains.Appointments.Effects;
using Realtime.Grains.Caching;
using Realtime.Grains.Domain.Appointments;
using Realtime.Grains.Domain.Clients;
using Realtime.Grains.Domain.Holds;
using Realtime.Grains.Domain.Notifications;
using Realtime.Grains.Domain.Schedules;
using Realtime.Grains.Domain.Scheduling;
using Realtime.Grains.Hosting;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Calendars;
using Realtime.Grains.Interfaces.Clients;
using Realtime.Grains.Projections;
using Realtime.Grains.Scheduling;
using Realtime.Grains.Telemetry;

namespace Realtime.Grains.Appointments;

public sealed partial class AppointmentGrain(
    [FromKeyedServices(StorageNames.Default)] IGrainStorage storage,
    AppointmentEffects effects,
    AppointmentJobsEffect jobs,
    IAppointmentReadModel appointmentList,
    DefinitionCache definitions,
    TimeProvider time,
    RealtimeMetrics metrics,
    ILogger<AppointmentGrain> logger) : Grain, IAppointmentGrain, IIncomingGrainCallFilter
{
    /// <summary>The state's name in storage; the recovery of outboxes left by dead silos looks for it.</summary>
    public const string StateName = "appointment";
    /// <summary>Who gives up the place of a client deleted before the appointment became theirs: the appointment itself.</summary>
    private static readonly Actor DeletedClientActor = new(ActorKind.System, "client-deleted", "Client deletion");
    private static readonly RetryPolicy DispatchRetries = new(int.MaxValue, TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(1));
    private readonly GrainState<AppointmentState> state = new(new AppointmentState());
    private Task? reading;
    private CalendarClaims claims = null!;
    private IGrainTimer? dispatchTimer;
    private int failedDispatches;
    private int storedOutboxLength;

    private Guid Id => this.GetPrimaryKey();

    private AppointmentState Current => state.State!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        claims = new CalendarClaims(GrainFactory, definitions, Id, logger);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The state is read before the first call runs, not at activation, so that a booking under a just-made-up id
    /// (<see cref="BookUnderNewId"/>) skips a read that could only find nothing.
    /// </summary>
    public async Task Invoke(IIncomingGrainCallContext call)
    {
        await (reading ??= call.ImplementationMethod.Name == nameof(BookUnderNewId) ? Task.CompletedTask : ReadState());
        // The finished read's task is its whole state machine, which every appointment in memory would otherwise keep.
        reading = Task.CompletedTask;
        await call.Invoke();
    }

    private async Task ReadState()
    {
        try
        {
            await storage.ReadStateAsync(StateName, this.GetGrainId(), state);
        }
        catch
        {
            reading = null;
            DeactivateOnIdle();
            throw;
        }

        claims.Loaded(Current.Occupancy);
        storedOutboxLength = Current.Outbox.Length;
        if (Current.Outbox.Length == 0) return;
        if (Current.ListVouchesForOutbox && Current.OutboxHandedOn(await ListedVersion())) state.State = Current with { Outbox = [] };
        else ScheduleDispatch(TimeSpan.Zero);
    }

    /// <summary>
    /// Handing a change on forgets it in memory only: the stored outbox goes with the next change's write. Until then a
    /// new activation asks the list whether it was handed on; if the list cannot say, it is handed on again.
    /// </summary>
    private async Task<long?> ListedVersion()
    {
        try
        {
            return await appointmentList.ListedVersion(Id, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not ask the appointment list about {AppointmentId}; handing its stored changes on again", Id);
            return null;
        }
    }

    private Task WriteState() => storage.WriteStateAsync(StateName, this.GetGrainId(), state);

    public Task<Result<AppointmentView>> BookUnderNewId(BookAppointment command) => Book(command);

    public async Task<Result<AppointmentView>> Book(BookAppointment command)
    {
        var booked = await BookNew(command);
        // Nothing to keep: under contention every refused attempt would otherwise leave an empty activation behind.
        if (!booked.IsSuccess && Current.Version == 0 && !HasHold) DeactivateOnIdle();
        return booked;
    }

    private async Task<Result<AppointmentView>> BookNew(BookAppointment command)
    {
        if (Current.Version > 0) return DomainError.Of(ErrorCodes.AlreadyExists, "The appointment exists already.");
        if (RefuseHeld(command) is { } held) return held;
        var now = time.GetUtcNow();
        if (BookingRules.Validate(command, now) is { Length: > 0 } invalid) return DomainError.Validation(invalid);

        var loaded = await LoadForNewBooking(
            command.OrganizationId, command.LocationId, command.ResourceIds, command.ServiceIds, command.ClientId, command.Actor, command.Start, now);
        if (loaded.Error is { } refused) return refused;
        var context = loaded.Value!;
        if (ClientPolicyRules.CheckClientOptions(command) is { Length: > 0 } staffOnly) return DomainError.Validation(staffOnly);

        var timing = context.Timing(command.DurationMinutes);
        if (timing.DurationMinutes > BookingRules.MaxDurationMinutes)
        {
            return DomainError.Validation(new FieldError("serviceIds", $"The services last longer than {BookingRules.MaxDurationMinutes} minutes."));
        }

        if (CheckWorkingHours(command.Kind, command.Start, timing, command.OverrideWorkingHours, context, now) is { } outside) return outside;
        if (await CheckClientFree(command.Actor, command.OrganizationId, TimeRange.FromMinutes(command.Start, timing.DurationMinutes)) is { } busy) return busy;

        var policy = context.Location.Definition.Policy;
        var insideReminderWindow = AppointmentJobPlan.InsideWindow(command.Start, policy, now);
        var next = new AppointmentState
        {
            Id = Id,
            OrganizationId = command.OrganizationId,
            LocationId = command.LocationId,
            Kind = command.Kind,
            Status = AppointmentStatus.Booked,
            ResourceIds = command.ResourceIds,
            ServiceIds = command.ServiceIds,
            ClientId = command.ClientId,
            Seats = GroupSeats.Initial(command.ClientId),
            Capacity = context.Capacity,
            Start = command.Start,
            Timing = timing,
            Confirmed = command.Kind == AppointmentKind.Appointment && insideReminderWindow && policy.AutoConfirmInsideReminderWindow,
            InsideReminderWindow = insideReminderWindow,
            Price = command.Price ?? (context.Services.Length > 0 ? context.Services.Sum(s => s.Definition.Price) : null),
            Labels = [.. command.Labels.Select(l => l.Trim()).Distinct()],
            Notes = command.Notes,
            FirstConsultation = command.FirstConsultation,
            Asap = command.Asap,
            Source = command.Source,
        };
        var booked = await Record(
            next, AppointmentChangeKind.Booked, command.Actor, details: null, notifyClient: command.NotifyClient, requestId: command.RequestId);
        if (booked.IsSuccess && HasHold)
        {
            // Desks see the booking before the hold it replaces goes, so the time never looks free in between.
            await DispatchOutbox();
            await HoldBooked();
        }
        return booked;
    }

    public async Task<Result<AppointmentView>> Reschedule(RescheduleAppointment command)
    {
        if (Repeats(command.RequestId)) return Current.ToView();
        if (ChangedSince(command.ExpectedVersion) is { } changed) return changed;
        var to = Transition(AppointmentAction.Reschedule);
        if (to.Error is { } refused) return refused;
        var now = time.GetUtcNow();
        if (BookingRules.Validate(command, now) is { Length: > 0 } invalid) return DomainError.Validation(invalid);
        if (ClientPolicyRules.CheckClientOptions(command) is { Length: > 0 } staffOnly) return DomainError.Validation(staffOnly);

        var resourceIds = command.ResourceIds ?? Current.ResourceIds;
        // A move to where it already is changes nothing: no history entry, no message, no client move counted.
        if (to.Value == Current.Status && command.Start == Current.Start && AppointmentChanges.SameResources(resourceIds, Current.ResourceIds)) return Current.ToView();
        var loaded = await BookingContext.Load(
            GrainFactory, definitions, Current.OrganizationId, Current.LocationId, resourceIds, Current.ServiceIds, Current.ClientId);
        if (loaded.Error is { } notFound) return notFound;
        var context = loaded.Value!;
        if (context.CheckRequiredKinds() is { Length: > 0 } missingKinds) return DomainError.Validation(missingKinds);
        var move = new RescheduleFacts(
            Current.Start, command.Start, Current.ClientReschedules,
            GroupSeats.OthersThan(Current.Seats, Current.Capacity, ClientPolicyRules.ClientOf(command.Actor)), Current.Status);
        if ((ClientPolicyRules.CheckBlacklist(command.Actor.Kind, context.ClientBlacklisted)
            ?? ClientPolicyRules.CheckReschedule(command.Actor.Kind, context.ClientPolicy, move, now)) is { } notAllowed) return notAllowed;
        if (CheckWorkingHours(Current.Kind, command.Start, Current.Timing, command.OverrideWorkingHours, context, now) is { } outside) return outside;
        if (await CheckClientFree(command.Actor, Current.OrganizationId, TimeRange.FromMinutes(command.Start, Current.Timing.DurationMinutes)) is { } busy)
        {
            return busy;
        }

        var next = Current with
        {
            Status = to.Value,
            Start = command.Start,
            ResourceIds = resourceIds,
            Cancellation = null,
            ClientReschedules = Current.ClientReschedules + (command.Actor.Kind == ActorKind.Client ? 1 : 0),
            InsideReminderWindow = AppointmentJobPlan.AfterMove(Current.InsideReminderWindow, command.Start, context.Location.Definition.Policy, now),
        };
        return await Record(
            next, AppointmentChangeKind.Rescheduled, command.Actor,
            AppointmentChanges.DescribeMove(Current.Start, Current.ResourceIds, command.Start, resourceIds), notifyClient: command.NotifyClient,
            requestId: command.RequestId);
    }

    /// <summary>In a class a client confirms their own seat (<see cref="GroupSeats.ConfirmedBy"/>); the class's flag is the staff's.</summary>
    public Task<Result<AppointmentView>> Confirm(Actor actor, Guid? requestId = null, long? expectedVersion = null) =>
        Current.Capacity > 1 && ClientPolicyRules.ClientOf(actor) is { } seatHolder
            ? Transit(AppointmentAction.Confirm, AppointmentChangeKind.Confirmed, actor, s => s, details: GroupSeats.SeatDetails(seatHolder), requestId: requestId,
                expectedVersion: expectedVersion)
            : Transit(AppointmentAction.Confirm, AppointmentChangeKind.Confirmed, actor, s => s with { Confirmed = true }, requestId: requestId,
                expectedVersion: expectedVersion);

    public Task<Result<AppointmentView>> Unconfirm(Actor actor, Guid? requestId = null, long? expectedVersion = null) =>
        Transit(AppointmentAction.Unconfirm, AppointmentChangeKind.Unconfirmed, actor, s => s with { Confirmed = false }, requestId: requestId,
            expectedVersion: expectedVersion);

    public async Task<Result<AppointmentView>> Arrive(Actor actor, Guid? requestId = null, long? expectedVersion = null)
    {
        if (Repeats(requestId)) return Current.ToView();
        if (ChangedSince(expectedVersion) is { } changed) return changed;
        if (Transition(AppointmentAction.Arrive).Error is null
            && await CheckVisitDay(AppointmentTransitions.CheckArrivalTime) is { } early)
        {
            return early;
        }

        return await Transit(AppointmentAction.Arrive, AppointmentChangeKind.Arrived, actor, s => s, requestId: requestId, expectedVersion: expectedVersion);
    }

    public Task<Result<AppointmentView>> UndoCompletion(Actor actor, Guid? requestId = null, long? expectedVersion = null) =>
        Transit(AppointmentAction.UndoCompletion, AppointmentChangeKind.CompletionUndone, actor, s => s, requestId: requestId,
            expectedVersion: expectedVersion);

    public Task<Result<AppointmentView>> MarkPast(Actor actor) =>
        Transit(AppointmentAction.MarkPast, AppointmentChangeKind.MarkedPast, actor, s => s);

    public async Task<Result<AppointmentView>> Restore(Actor actor, bool overrideWorkingHours = false, Guid? requestId = null, long? expectedVersion = null)
    {
        if (Repeats(requestId)) return Current.ToView();
        if (ChangedSince(expectedVersion) is { } changed) return changed;
        var to = Transition(AppointmentAction.Restore);
        if (to.Error is { } refused) return refused;
        // The time comes back as a booking's would: in working hours, unless staff say otherwise.
        if (await CheckWorkingHours(Current, overrideWorkingHours) is { } outside) return outside;
        return await Record(Current with { Status = to.Value, Cancellation = null }, AppointmentChangeKind.Restored, actor, null, requestId: requestId);
    }

    public async Task<Result<AppointmentView>> MarkNoShow(MarkNoShow command)
    {
        if (Repeats(command.RequestId)) return Current.ToView();
        if (ChangedSince(command.ExpectedVersion) is { } changed) return changed;
        if (Transition(AppointmentAction.NoShow).Error is null && AppointmentTransitions.CheckNoShowTime(Current.Start, time.GetUtcNow()) is { } early)
        {
            return early;
        }

        return await Transit(
            AppointmentAction.NoShow, AppointmentChangeKind.NoShow, command.Actor, s => s, blacklist: command.Blacklist,
            details: AppointmentChanges.NoShowDetails(command.Blacklist), requestId: command.RequestId);
    }

    public async Task<Result<TransitionOutcome>> Complete(CompleteAppointment command)
    {
        if (Repeats(command.RequestId)) return await RepeatedWithNextVisit(command.NextVisit, command.Actor, command.RequestId!.Value);
        if (ChangedSince(command.ExpectedVersion) is { } changed) return changed;
        var to = Transition(AppointmentAction.Complete);
        if (to.Error is { } refused) return refused;
        if (await CheckVisitDay((start, now, zone) => AppointmentTransitions.CheckCompletionTime(Current.Status, start, now, zone)) is { } early) return early;
        if (BookingRules.Validate(command) is { Length: > 0 } invalid) return DomainError.Validation(invalid);
        var retimed = await Retime(command.ServiceIds, command.DurationMinutes);
        if (retimed.Error is { } notRetimed) return notRetimed;

        var next = Current with
        {
            Status = to.Value,
            ServiceIds = retimed.Value.ServiceIds,
            Timing = retimed.Value.Timing,
            Capacity = retimed.Value.Capacity,
            Price = command.TotalPrice ?? Current.Price,
            Labels = command.Label is { } label ? [.. Current.Labels.Append(label.Trim()).Distinct()] : Current.Labels,
            Comments = WithComment(command.Comment, command.Actor),
            Cancellation = null,
        };
        var details = AppointmentChanges.Describe(Current.ToView(), next.ToView());
        return await WithNextVisit(
            await Record(next, AppointmentChangeKind.Completed, command.Actor, details, requestId: command.RequestId), command.NextVisit, command.Actor,
            command.RequestId);
    }

    public async Task<Result<TransitionOutcome>> Cancel(CancelAppointment command)
    {
        if (Repeats(command.RequestId)) return await RepeatedWithNextVisit(command.NextVisit, command.Actor, command.RequestId!.Value);
        if (ChangedSince(command.ExpectedVersion) is { } changed) return changed;
        var to = Transition(AppointmentAction.Cancel);
        if (to.Error is { } refused) return refused;
        if (BookingRules.Validate(command) is { Length: > 0 } invalid) return DomainError.Validation(invalid);
        if (ClientPolicyRules.ClientOf(command.Actor) is { } clientId && GroupSeats.OthersThan(Current.Seats, Current.Capacity, clientId) > 0)
        {
            // Others keep the class: the client leaves their seat instead.
            var left = await FreeSeat(clientId, command.Actor, command.Message, command.RequestId);
            return left.Error is { } notLeft ? notLeft : new TransitionOutcome(left.Value!, null);
        }

        if (await CheckClientCancel(command.Actor) is { } notAllowed) return notAllowed;

        var nextVisitId = command.NextVisit is null ? (Guid?)null : command.RequestId ?? AppointmentIds.New(time.GetUtcNow());
        var next = Current with
        {
            Status = to.Value,
            Cancellation = new Cancellation(
                command.Reason, command.Message, time.GetUtcNow(), command.Actor, ClientTold: command.NotifyClient || command.Actor.Kind == ActorKind.Client,
                nextVisitId),
        };
        var recorded = await Record(
            next, AppointmentChangeKind.Cancelled, command.Actor, AppointmentChanges.CancelledDetails(command.Reason),
            notifyClient: command.NotifyClient, notifyResource: command.NotifyResource, message: command.Message, requestId: command.RequestId);
        return await WithNextVisit(recorded, command.NextVisit, command.Actor, command.RequestId, nextVisitId);
    }

    public async Task<Result<AppointmentView>> Update(UpdateAppointment command)
    {
        if (Repeats(command.RequestId)) return Current.ToView();
        if (ChangedSince(command.ExpectedVersion) is { } changed) return changed;
        var to = Transition(AppointmentAction.Update);
        if (to.Error is { } refused) return refused;
        if (BookingRules.Validate(command, Current.Kind) is { Length: > 0 } invalid) return DomainError.Validation(invalid);
        var retimed = await Retime(command.ServiceIds, command.DurationMinutes);
        if (retimed.Error is { } notRetimed) return notRetimed;

        var next = Current with
        {
            ServiceIds = retimed.Value.ServiceIds,
            Timing = retimed.Value.Timing,
            Capacity = retimed.Value.Capacity,
            Labels = command.Labels is { } labels ? [.. labels.Select(l => l.Trim()).Distinct()] : Current.Labels,
            Comments = WithComment(command.Comment, command.Actor),
            Price = command.Price ?? Current.Price,
            Notes = command.Notes ?? Current.Notes,
            PaymentDue = command.PaymentDue ?? Current.PaymentDue,
            FirstConsultation = command.FirstConsultation ?? Current.FirstConsultation,
            Asap = command.Asap ?? Current.Asap,
        };
        // Only the length or the services changed the visit's time: the refusal names the one that did.
        var retimedBy = command.DurationMinutes is not null ? "durationMinutes" : "serviceIds";
        if (next.Timing != Current.Timing && await CheckWorkingHours(next, command.OverrideWorkingHours, retimedBy) is { } outside) return outside;
        // An edit that changes nothing is not a change: no history entry, no new version.
        return AppointmentChanges.Describe(Current.ToView(), next.ToView()) is { } details
            ? await Record(next, AppointmentChangeKind.Updated, command.Actor, details, requestId: command.RequestId)
            : Current.ToView();
    }

    public async Task<Result<AppointmentView>> TakeSeat(Guid clientId, Actor actor, Guid? requestId = null)
    {
        if (Repeats(requestId)) return Current.ToView();
        if (!Current.Exists) return DomainError.NotFound("The appointment");
        if (ClientPolicyRules.ClientOf(actor) is { } self && self != clientId) return DomainError.NotFound("The client");
        // The client first: an unknown client is not found, whether or not a seat is free.
        var loaded = await BookingContext.Load(GrainFactory, definitions, Current.OrganizationId, Current.LocationId, [], Current.ServiceIds, clientId);
        if (loaded.Error is { } notFound) return notFound;
        var context = loaded.Value!;
        var seats = GroupSeats.Take(Current.Status, Current.Seats, Current.Capacity, clientId);
        if (seats.Error is { } refused) return refused;
        if (seats.Value!.SequenceEqual(Current.Seats)) return Current.ToView();

        if ((ClientPolicyRules.CheckBlacklist(actor.Kind, context.ClientBlacklisted)
            ?? ClientPolicyRules.CheckBooking(actor.Kind, context.ClientPolicy, Current.Start, time.GetUtcNow())) is { } notAllowed) return notAllowed;
        if (await CheckClientFree(actor, Current.OrganizationId, TimeRange.FromMinutes(Current.Start, Current.Timing.DurationMinutes), field: null) is { } busy)
        {
            return busy;
        }


        var next = Current with { Seats = seats.Value!, ClientId = GroupSeats.ClientOf(seats.Value!) };
        return await Record(next, AppointmentChangeKind.SeatTaken, actor, GroupSeats.SeatDetails(clientId), requestId: requestId);
    }

    public Task<Result<AppointmentView>> LeaveSeat(Guid clientId, Actor actor) => FreeSeat(clientId, actor, message: null);

    /// <summary>The client's seat given up, with the message they (or staff) left for the others to read.</summary>
    private async Task<Result<AppointmentView>> FreeSeat(Guid clientId, Actor actor, string? message, Guid? requestId = null)
    {
        if (!Current.Exists) return DomainError.NotFound("The appointment");
        if (ClientPolicyRules.ClientOf(actor) is { } self && self != clientId) return DomainError.NotFound("The client's seat");
        var seats = GroupSeats.Leave(Current.Status, Current.Seats, Current.Capacity, clientId);
        if (seats.Error is { } refused) return refused;
        if (await CheckClientCancel(actor) is { } notAllowed) return notAllowed;

        var next = Current with { Seats = seats.Value!, ClientId = GroupSeats.ClientOf(seats.Value!) };
        return await Record(next, AppointmentChangeKind.SeatFreed, actor, GroupSeats.SeatDetails(clientId), message: message, requestId: requestId);
    }

    public async Task<Result<bool>> Delete(Actor actor, long? expectedVersion = null)
    {
        var to = Transition(AppointmentAction.Delete);
        if (to.Error is { } refused) return refused;
        if (ChangedSince(expectedVersion) is { } changed) return changed;
        var tombstone = Current with { Deleted = true, Notes = null, Comments = [], Labels = [], Price = null, PaymentDue = false };
        var recorded = await Record(tombstone, AppointmentChangeKind.Deleted, actor, null);
        return recorded.Error is { } error ? error : true;
    }

    public async Task<Result<AppointmentView>> RemindIfDue(long version)
    {
        if (!Current.Exists) return DomainError.NotFound("The appointment");
        var policy = await definitions.LocationPolicy(Current.LocationId);
        var view = Current.ToView();
        if (version != Current.Version || AppointmentJobPlan.ReminderAt(view, policy, time.GetUtcNow()) is null) return view;
        return await Record(Current, AppointmentChangeKind.Reminded, Actor.Scheduler, $"for {Current.Start:O}", notifyClient: true);
    }

    public Task ReplanJobs() => Current.Exists ? jobs.Plan(Current.ToView(), Current.Deleted) : Task.CompletedTask;

    public async Task<Result<AppointmentView>> CloseIfEnded(long version)
    {
        if (!Current.Exists) return DomainError.NotFound("The appointment");
        var policy = await definitions.LocationPolicy(Current.LocationId);
        var view = Current.ToView();
        if (version != Current.Version || AppointmentJobPlan.AfterEndOutcome(view, policy, time.GetUtcNow()) is not { } outcome) return view;

        var (action, change) = outcome == AppointmentStatus.NoShow
            ? (AppointmentAction.NoShow, AppointmentChangeKind.NoShow)
            : (AppointmentAction.MarkPast, AppointmentChangeKind.MarkedPast);
        var to = AppointmentTransitions.Next(Current.Kind, Current.Status, action, endHasPassed: true);
        if (to.Error is { } refused) return refused;
        return await Record(Current with { Status = to.Value }, change, Actor.Scheduler, null);
    }

    public Task<AppointmentView?> Get() => Task.FromResult(Current.Exists ? Current.ToView() : null);

    public Task<AppointmentView?> Peek() => Get();

    public Task<ReservationClaim?> Claim(Guid resourceId, TimeRange occupied) =>
        Task.FromResult(claims.Claim(resourceId, occupied, time.GetUtcNow(), HeldForOffer));

    private Result<AppointmentStatus> Transition(AppointmentAction action) =>
        Current.Exists
            ? AppointmentTransitions.Next(Current.Kind, Current.Status, action, Current.End <= time.GetUtcNow())
            : DomainError.NotFound("The appointment");

    private async Task<Result<AppointmentView>> Transit(
        AppointmentAction action, AppointmentChangeKind change, Actor actor, Func<AppointmentState, AppointmentState> apply,
        bool blacklist = false, string? details = null, Guid? requestId = null, long? expectedVersion = null)
    {
        if (Repeats(requestId)) return Current.ToView();
        if (ChangedSince(expectedVersion) is { } changed) return changed;
        var to = Transition(action);
        if (to.Error is { } refused) return refused;
        return await Record(apply(Current with { Status = to.Value }), change, actor, details, blacklist: blacklist, requestId: requestId);
    }

    /// <summary>
    /// A keyed command whose request made its change here already (<see cref="IAppointmentGrain"/>'s remarks), checked
    /// before anything else: the appointment may have moved on since, and the repeat must not be refused for that.
    /// </summary>
    private bool Repeats(Guid? requestId) => Current.Exists && AppointmentChanges.MadeUnder(Current.History, requestId);

    /// <summary>
    /// The If-Match of a staff change, checked here by the single writer (a check in the API, before the call, would race
    /// another desk's change); an appointment that is not there is refused as not found by the transition instead.
    /// </summary>
    private DomainError? ChangedSince(long? expectedVersion) =>
        Current.Exists ? AppointmentChanges.CheckUnchangedSince(expectedVersion, Current.Version) : null;

    /// <summary>
    /// Arriving and completing wait for the visit's day at its location (<see cref="AppointmentTransitions.CheckArrivalTime"/>,
    /// <see cref="AppointmentTransitions.CheckCompletionTime"/>): <paramref name="rule"/> gets the start, now and the location's zone.
    /// </summary>
    private async Task<DomainError?> CheckVisitDay(Func<DateTimeOffset, DateTimeOffset, DateTimeZone, DomainError?> rule)
    {
        var location = await definitions.Location(Current.LocationId);
        if (location is null) return DomainError.NotFound("The location");
        return rule(Current.Start, time.GetUtcNow(), TimeZones.Get(location.Definition.TimeZone));
    }

    /// <summary>
    /// Records a change: takes any new calendar time first, writes the state, then releases the time no longer
    /// claimed; the side effects follow the answer. Nothing is acknowledged before the write.
    /// </summary>
    private async Task<Result<AppointmentView>> Record(
        AppointmentState next, AppointmentChangeKind change, Actor actor, string? details,
        bool notifyClient = false, bool notifyResource = false, bool blacklist = false, string? message = null, Guid? requestId = null)
    {
        var now = time.GetUtcNow();
        var version = Current.Version + 1;
        next = next with
        {
            Version = version,
            History = [.. next.History, new HistoryEntry(version, now, actor, AppointmentChanges.ActionName(change), details, message, requestId)],
            Outbox = [.. next.Outbox, new OutboxEntry(
                version, change, notifyClient, notifyResource, blacklist, Occupancy.Freed(Current.Occupancy, next.Occupancy),
                ServicesTakenOff(Current.ServiceIds, next.ServiceIds))],
        };

        using var scope = BeginScope(next);
        var wanted = next.Occupancy;
        var previous = Current;
        try
        {
            if (wanted is not null && await claims.Take(wanted, HoldRules.TakesOfferHolds(actor), next.LocationId) is { } taken)
            {
                metrics.Conflict();
                return taken;
            }

            state.State = next;
            await WriteState();
            storedOutboxLength = next.Outbox.Length;
        }
        catch
        {
            // The outcome is unknown (the write may have landed): keep claiming what was being taken, and let a
            // fresh activation read the truth. Calendars then free whatever it does not claim.
            state.State = previous;
            DeactivateOnIdle();
            throw;
        }

        metrics.Recorded(change);
        await claims.Committed(wanted);
        // The change is durable: answer now; the effects follow in a later turn of this grain, in version order.
        ScheduleDispatch(TimeSpan.Zero);
        return Current.ToView();
    }

    private async Task DispatchOutbox()
    {
        using var scope = BeginScope(Current);
        while (Current.Outbox.Length > 0)
        {
            var entry = Current.Outbox[0];
            try
            {
                await LinkClients(entry);
                var change = new AppointmentChange(Current.ToView(), Current.Deleted, entry, Current.ActorOf(entry.Version));
                foreach (var effect in effects.InOrder) await effect.Apply(change);
            }
            catch (Exception ex)
            {
                failedDispatches++;
                var delay = DispatchRetries.BaseDelay(failedDispatches);
                logger.LogWarning(ex, "Side effects of {AppointmentId} v{Version} failed; retrying in {Delay}", Id, entry.Version, delay);
                ScheduleDispatch(delay);
                return;
            }

            failedDispatches = 0;
            state.State = Current with { Outbox = Current.Outbox[1..] };
        }

        if (storedOutboxLength > 1) await ForgetStoredOutbox();
        // Handed on, a change leaves nothing for this activation to do, and an appointment is seldom touched again soon.
        // Kept for the idle collector's quarter of an hour, every booking's activation would outlive the young
        // collections, whose pauses then grow with the booking rate (bench/limits.md, "Appointments stayed in memory").
        if (!HasHold) DeactivateOnIdle();
    }

    /// <summary>
    /// Makes a booking or a taken seat its clients' (each client's record lists it, seat holders' too), before the other
    /// effects of the change. A client deleted before it got there refuses it, as a booking for them would have been
    /// refused: the appointment gives up that client's place (<see cref="ClientDeletion.PlaceToGiveUp"/>), telling no
    /// one, as a recorded change of its own. Asked again on every dispatch of the change, a refusal gives up nothing twice.
    /// </summary>
    private async Task LinkClients(OutboxEntry entry)
    {
        if (entry.Change is not (AppointmentChangeKind.Booked or AppointmentChangeKind.SeatTaken)) return;
        Guid[] clientIds = [.. Current.Seats.Concat(Current.ClientId is { } booker ? [booker] : []).Distinct()];
        var links = await Task.WhenAll(clientIds.Select(clientId => GrainFactory.GetGrain<IClientGrain>(clientId).LinkAppointment(Id)));
        for (var i = 0; i < clientIds.Length; i++)
        {
            if (links[i] == AppointmentLink.Refused && Current.Exists) await GiveUpPlaceOfDeletedClient(clientIds[i]);
        }
    }

    private async Task GiveUpPlaceOfDeletedClient(Guid clientId)
    {
        var place = ClientDeletion.PlaceToGiveUp(Current.ToView(), clientId);
        if (place == DeletedClientPlace.Seat) await FreeSeat(clientId, DeletedClientActor, message: null);
        if (place != DeletedClientPlace.Appointment || Transition(AppointmentAction.Cancel) is not { IsSuccess: true, Value: var cancelled }) return;

        const CancellationReason reason = CancellationReason.ClientDeleted;
        var next = Current with { Status = cancelled, Cancellation = new Cancellation(reason, null, time.GetUtcNow(), DeletedClientActor) };
        await Record(next, AppointmentChangeKind.Cancelled, DeletedClientActor, AppointmentChanges.CancelledDetails(reason));
    }

    /// <summary>
    /// A stored outbox of more than one change cannot be told handed on by the list (see
    /// <see cref="AppointmentState.OutboxHandedOn"/>), so once all of it is handed on it is written away, rather than
    /// handed on again at every later activation.
    /// </summary>
    private async Task ForgetStoredOutbox()
    {
        try
        {
            await WriteState();
            storedOutboxLength = 0;
        }
        catch (Exception ex)
        {
            // Harmless: the next activation hands the same changes on again, and their effects are idempotent.
            logger.LogDebug(ex, "Could not write away the handed-on outbox of {AppointmentId}", Id);
        }
    }

    /// <summary>Every log line about one appointment carries its ids, whatever logs it here: the grain, its calendar claims, its side effects.</summary>
    private IDisposable? BeginScope(AppointmentState appointment) => logger.BeginScope(new Dictionary<string, object>
    {
        ["AppointmentId"] = Id,
        ["LocationId"] = appointment.LocationId,
        ["OrganizationId"] = appointment.OrganizationId,
    });

    /// <summary>
    /// The timer keeps the activation alive: a timer's turns are not calls, so an appointment retrying its effects with
    /// nothing calling it was collected after the idle quarter of an hour, and its outbox waited for its next call.
    /// </summary>
    private void ScheduleDispatch(TimeSpan dueTime)
    {
        dispatchTimer?.Dispose();
        dispatchTimer = this.RegisterGrainTimer(
            async () =>
            {
                dispatchTimer?.Dispose();
                dispatchTimer = null;
                await DispatchOutbox();
            },
            new GrainTimerCreationOptions(dueTime, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    /// <summary>
    /// The follow-up visit of a cancel or completion. Under a request id it is booked under that id, as a keyed booking
    /// is, so that a repeat of the request (<see cref="RepeatedWithNextVisit"/>) finds it and never books a second one;
    /// else under <paramref name="newId"/> when the change recorded which id it would take, or a new one.
    /// </summary>
    private async Task<Result<TransitionOutcome>> WithNextVisit(
        Result<AppointmentView> recorded, NextVisitRequest? request, Actor actor, Guid? requestId, Guid? newId = null)
    {
        if (recorded.Error is { } error) return error;
        if (request is null) return new TransitionOutcome(recorded.Value!, null);

        var zone = TimeZones.Get((await definitions.Location(Current.LocationId))!.Definition.TimeZone);
        var (booking, bookAtOnce) = NextVisits.Plan(recorded.Value!, request, zone, actor);
        if (NextVisits.CheckTime(booking.Start, time.GetUtcNow()) is { } passed) return new TransitionOutcome(recorded.Value!, new NextVisitOutcome(null, booking, passed));
        if (!bookAtOnce) return new TransitionOutcome(recorded.Value!, new NextVisitOutcome(null, booking, null));
        var booked = requestId is { } id
            ? await GrainFactory.GetGrain<IAppointmentGrain>(id).BookUnderKey(booking)
            : await GrainFactory.GetGrain<IAppointmentGrain>(newId ?? AppointmentIds.New(time.GetUtcNow())).BookUnderNewId(booking);
        var outcome = booked.IsSuccess ? new NextVisitOutcome(booked.Value!.Id, null, null) : new NextVisitOutcome(null, booking, booked.Error);
        return new TransitionOutcome(recorded.Value!, outcome);
    }

    /// <summary>
    /// The follow-up visit of a repeated cancel or completion: the one its first attempt booked; if that attempt died
    /// before booking it, the one it would have booked, planned from what the request asks and the appointment as the
    /// request's change left it, which is the appointment now unless someone changed it since. Then what the first attempt
    /// planned is unknown, and the answer says so rather than plan a visit from what someone else made of the appointment.
    /// </summary>
    private async Task<Result<TransitionOutcome>> RepeatedWithNextVisit(NextVisitRequest? request, Actor actor, Guid requestId)
    {
        var now = Current.ToView();
        if (request is null) return new TransitionOutcome(now, null);
        if (await GrainFactory.GetGrain<IAppointmentGrain>(requestId).Get() is { } booked) return new TransitionOutcome(now, new NextVisitOutcome(booked.Id, null, null));
        return AppointmentChanges.LastMadeUnder(Current.History, requestId)
            ? await WithNextVisit(now, request, actor, requestId)
            : new TransitionOutcome(now, new NextVisitOutcome(null, null, NextVisits.Unknown));
    }

    /// <summary>
    /// New services set the duration to theirs unless one is given; buffers and the number of seats follow the services,
    /// which must seat everyone already holding a seat.
    /// </summary>
    private async Task<Result<(Guid[] ServiceIds, AppointmentTiming Timing, int Capacity)>> Retime(Guid[]? serviceIds, int? durationMinutes)
    {
        if (serviceIds is null)
        {
            return (Current.ServiceIds, Current.Timing with { DurationMinutes = durationMinutes ?? Current.Timing.DurationMinutes }, Current.Capacity);
        }

        var loaded = await BookingContext.Load(GrainFactory, definitions, Current.OrganizationId, Current.LocationId, [], serviceIds, null);
        if (loaded.Error is { } notFound) return notFound;
        var timing = loaded.Value!.Timing(durationMinutes);
        if (timing.DurationMinutes is <= 0 or > BookingRules.MaxDurationMinutes)
        {
            return DomainError.Validation(new FieldError("serviceIds", $"The duration must be between 1 and {BookingRules.MaxDurationMinutes} minutes."));
        }

        var capacity = loaded.Value!.Capacity;
        if (Current.Seats.Length > capacity)
        {
            return DomainError.Of(ErrorCodes.GroupFull, $"The services seat {capacity}, but {Current.Seats.Length} clients hold a seat.");
        }

        return (serviceIds, timing, capacity);
    }

    private AppointmentComment[] WithComment(string? text, Actor author) =>
        string.IsNullOrWhiteSpace(text) ? Current.Comments : [.. Current.Comments, new AppointmentComment(text.Trim(), author, time.GetUtcNow())];

    /// <summary>
    /// The configuration a new booking or hold is checked against, and the checks every new one passes: the kinds of
    /// resources its services need and, for clients, the blacklist and the booking notice and horizon.
    /// </summary>
    private async Task<Result<BookingContext>> LoadForNewBooking(
        Guid organizationId, Guid locationId, Guid[] resourceIds, Guid[] serviceIds, Guid? clientId, Actor actor, DateTimeOffset start,
        DateTimeOffset now)
    {
        var loaded = await BookingContext.Load(GrainFactory, definitions, organizationId, locationId, resourceIds, serviceIds, clientId);
        if (loaded.Error is { } notFound) return notFound;
        var context = loaded.Value!;
        if (context.CheckRequiredKinds() is { Length: > 0 } missingKinds) return DomainError.Validation(missingKinds);
        if (ClientPolicyRules.CheckClientResources(actor.Kind, context.Services.Select(s => s.Definition), resourceIds.Length) is { Length: > 0 } surplus)
        {
            return DomainError.Validation(surplus);
        }

        if ((ClientPolicyRules.CheckBlacklist(actor.Kind, context.ClientBlacklisted)
            ?? ClientPolicyRules.CheckBooking(actor.Kind, context.ClientPolicy, start, now)) is { } notAllowed) return notAllowed;
        return context;
    }

    /// <summary>
    /// A client's own booking, move, hold or seat in a class (a waitlist offer they accept included) may not overlap a
    /// live visit of theirs (<see cref="ClientOverlaps"/>); staff are never bound, and are not checked. The client's
    /// visits come from the appointment list, which follows each change within moments, and the few it finds in the way
    /// are asked themselves: a visit booked or moved within that window (two online bookings of one client racing in the
    /// same second) is not seen, so both may be booked.
    /// </summary>
    /// <param name="field">The request's field that asked for the time, named in the refusal (none for a seat in a class).</param>
    private async Task<DomainError?> CheckClientFree(Actor actor, Guid organizationId, TimeRange visit, string? field = "start")
    {
        if (ClientPolicyRules.ClientOf(actor) is not { } clientId) return null;
        var listed = await appointmentList.Query(
            new AppointmentQuery(organizationId) { ClientId = clientId, From = visit.Start, To = visit.End, Statuses = ClientAgenda.AheadStatuses },
            CancellationToken.None);
        var inTheWay = listed.Items.Where(row => ClientOverlaps.Blocks(row, Id, clientId, visit)).ToList();
        if (inTheWay.Count == 0) return null;
        var current = await Task.WhenAll(inTheWay.Select(row => GrainFactory.GetGrain<IAppointmentGrain>(row.Id).Peek()));
        if (ClientOverlaps.InTheWay(current.OfType<AppointmentView>(), Id, clientId, visit) is not { } busy) return null;
        var location = await definitions.Location(busy.LocationId);
        return ClientOverlaps.Busy(busy, location?.Definition.TimeZone ?? "UTC", field);
    }

    /// <summary>The cancel rules of the services' client policy; loaded for clients only, as staff are never bound.</summary>
    private async Task<DomainError?> CheckClientCancel(Actor actor)
    {
        if (actor.Kind != ActorKind.Client) return null;
        var loaded = await BookingContext.Load(GrainFactory, definitions, Current.OrganizationId, Current.LocationId, [], Current.ServiceIds, null);
        return loaded.Error ?? ClientPolicyRules.CheckCancel(actor.Kind, loaded.Value!.ClientPolicy, Current.Start, time.GetUtcNow());
    }

    /// <summary>The services a change took off; null for nearly every change (a booking, which had none, included).</summary>
    private static Guid[]? ServicesTakenOff(Guid[] before, Guid[] after) =>
        before.Length == 0 || ReferenceEquals(before, after) || before.All(after.Contains) ? null : [.. before.Except(after)];

    /// <summary>
    /// A visit still to run (or running) lies in its resources' working hours; one wholly past is a record of what happened.
    /// A refusal names <paramref name="field"/>: what the change gave the visit its time by.
    /// </summary>
    private static DomainError? CheckWorkingHours(
        AppointmentKind kind, DateTimeOffset start, AppointmentTiming timing, bool overridden, BookingContext context, DateTimeOffset now,
        string field = "start")
    {
        var visit = TimeRange.FromMinutes(start, timing.DurationMinutes);
        return kind == AppointmentKind.Appointment && !overridden && visit.End > now ? context.CheckWorkingHours(visit, field) : null;
    }

    /// <summary>The working hours of the appointment as it would be after a change that gives it time (a restore, a longer visit).</summary>
    private async Task<DomainError?> CheckWorkingHours(AppointmentState next, bool overridden, string field = "start")
    {
        if (next.Kind != AppointmentKind.Appointment || overridden) return null;
        var loaded = await BookingContext.Load(GrainFactory, definitions, next.OrganizationId, next.LocationId, next.ResourceIds, [], null);
        return loaded.Error ?? CheckWorkingHours(next.Kind, next.Start, next.Timing, overridden, loaded.Value!, time.GetUtcNow(), field);
    }
}
