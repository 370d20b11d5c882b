using Microsoft.AspNetCore.Http.HttpResults;
using Realtime.Api.Auth;
using Realtime.Api.Contracts;
using Realtime.Api.Endpoints.Support;
using Realtime.Api.Errors;
using Realtime.Api.Idempotency;
using Realtime.Grains.Caching;
using Realtime.Grains.Domain.Appointments;
using Realtime.Grains.Domain.Availability;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Availability;
using Realtime.Grains.Interfaces.Clients;
using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Interfaces.Organizations;
using Realtime.Grains.Projections;

namespace Realtime.Api.Endpoints;

/// <summary>
/// The client's own appointments (DESIGN.md section 4, client routes): list, read, book, confirm, cancel, reschedule, and
/// join a group. The appointment grain applies the client policy, since the actor is the client. An appointment that is
/// not the caller's — another client's, another organisation's, unknown, or beyond a manage-link session's one
/// appointment — is not found, never forbidden, so ids reveal nothing.
/// </summary>
public static class ClientAppointmentsApi
{
    /// <summary>The source recorded on bookings clients make themselves.</summary>
    public const string OnlineSource = "online";

    /// <summary>The page sizes of the client's list: smaller than the staff's, as a visit ahead on it is asked itself.</summary>
    public const int DefaultPageSize = 20;

    public const int MaxPageSize = 50;

    public static IEndpointRouteBuilder MapClientAppointmentsApi(this IEndpointRouteBuilder app)
    {
        var client = app.MapGroup("/api/client").WithTags("Client").RequireAuthorization(Policies.Client);
        client.MapGet("/availability", Availability)
            .WithDescription(
                "Free times as the staff search finds them, under the services' client policy, less those overlapping a live visit of "
                + "the client's own (booking one would be refused with 409 `client_busy`).");
        client.MapGet("/appointments", List)
            .WithSummary("The client's appointments, cancelled ones included, a page at a time.")
            .WithDescription(
                "when=upcoming: the visits still to come (booked or arrived, not yet ended), the next first. when=past: every " +
                "other (ended, cancelled, missed, and classes the client left, shown cancelled), the latest first. Without when: " +
                "all of them, the latest first. page (from 1) and pageSize (1 to 50, 20 by default) as every list pages; total " +
                "counts them all. The client's seats in classes count as theirs. A visit booked, moved or cancelled a moment " +
                "ago shows as it now is. A session opened from a manage link sees its one appointment.");
        client.MapGet("/appointments/{id:guid}", Get);
        client.MapGet("/appointments/{id:guid}/availability", TimesToMoveTo)
            .WithSummary("The times the client may move one of their appointments to.")
            .WithDescription(
                "from and to as for the availability search (local dates of the location, or instants with an offset). The " +
                "appointment keeps its resources and duration; its own time does not count against it and its current start " +
                "is not offered; the booking notice and horizon of its services apply. A move that would be refused wherever " +
                "it went (its status, a class others hold, the moves left, the notice before its current start, a blacklisted " +
                "client) is refused here with the move's problem.");
        client.MapPost("/appointments", Book).StartsSomethingNew().Idempotent();
        client.MapPost("/appointments/{id:guid}/confirm", (Guid id, HttpContext http, IGrainFactory grains, DefinitionCache definitions, TimeProvider time) =>
            Act(id, http, grains, definitions, time, (a, caller) => a.Confirm(caller.Actor, http.IdempotentId()))).Idempotent();
        client.MapPost("/appointments/{id:guid}/cancel", (
                Guid id, ClientCancelRequest? body, HttpContext http, IGrainFactory grains, DefinitionCache definitions, TimeProvider time) =>
            Act(id, http, grains, definitions, time, async (a, caller) => AppointmentOf(await a.Cancel(new CancelAppointment(
                CancellationReason.Client, body?.Message, NotifyClient: false, NotifyResource: false, NextVisit: null, caller.Actor,
                http.IdempotentId()))))).Idempotent();
        client.MapPost("/appointments/{id:guid}/reschedule", Reschedule).TakesTime().Idempotent();
        client.MapPost("/appointments/{id:guid}/join", Join).TakesTime().Idempotent();
        return app;
    }

    /// <summary>Free slots as the client may book them: the booking notice and horizon of the service apply.</summary>
    /// <summary>
    /// The free times, less those overlapping a live visit of the client's own, which booking them would refuse
    /// (<see cref="ClientOverlaps"/>). The visits are read from the appointment list, as the booking reads them first.
    /// </summary>
    private static async Task<Results<Ok<AvailabilityApi.AvailabilityResponse>, ProblemHttpResult>> Availability(
        string? locationId, string? serviceId, string? resourceId, string? from, string? to, HttpContext http, IGrainFactory grains,
        IAppointmentReadModel appointments, CancellationToken ct)
    {
        var caller = ClientCaller.From(http.User);
        var errors = new List<FieldError>();
        var id = AvailabilityApi.ParseId(locationId, "locationId", required: true, errors);
        if (errors.Count > 0) return Problems.Validation([.. errors]);
        var location = await grains.GetGrain<ILocationGrain>(id!.Value).Get();
        if (location is null || location.OrganizationId != caller.OrganizationId) return Problems.NotFound("The location");
        var found = await AvailabilityApi.Search(grains, location, serviceId, resourceId, from, to, forClient: true);
        if (found.Result is not Ok<AvailabilityApi.AvailabilityResponse> { Value.Slots: { Length: > 0 } slots }) return found;

        var visits = await appointments.Query(new AppointmentQuery(caller.OrganizationId)
        {
            ClientId = caller.ClientId, From = slots.Min(s => s.Start), To = slots.Max(s => s.End), Statuses = ClientAgenda.AheadStatuses,
            PageSize = AppointmentQuery.MaxPageSize,
        }, ct);
        return TypedResults.Ok(new AvailabilityApi.AvailabilityResponse(ClientOverlaps.FreeFor(slots, visits.Items, caller.ClientId)));
    }

    /// <summary>
    /// A page of the client's record from the appointment list, never a grain call per visit of theirs; only what the list's
    /// rows cannot tell is asked of the appointments themselves (<see cref="ClientAgenda.AskItself"/>, <see cref="IAppointmentReadModel.Listed"/>).
    /// </summary>
    private static async Task<Results<Ok<ClientAppointmentPage>, ProblemHttpResult>> List(
        string? when, string? page, string? pageSize, HttpContext http, IGrainFactory grains, IAppointmentReadModel appointments,
        DefinitionCache definitions, TimeProvider time, CancellationToken ct)
    {
        var caller = ClientCaller.From(http.User);
        var now = time.GetUtcNow();
        var fields = new RequestFields();
        var ahead = ParseWhen(fields, when);
        var size = fields.Number(pageSize, "pageSize") ?? DefaultPageSize;
        if (size is < 1 or > MaxPageSize) fields.Add("pageSize", $"The page size must be between 1 and {MaxPageSize}.");
        var query = new AppointmentQuery(caller.OrganizationId)
        {
            Agenda = ahead is { } part ? new ClientAgendaPart(caller.ClientId, now, part) : null,
            Page = fields.Number(page, "page") ?? 1,
        };
        foreach (var error in query.Validate()) fields.Add(error.Field, error.Message);
        if (!fields.Valid) return fields.Problem;

        var client = await grains.GetGrain<IClientGrain>(caller.ClientId).GetRecord();
        if (client?.Client.OrganizationId != caller.OrganizationId) client = null;
        // Every appointment ever the client's (a class they left included), as their record keeps them.
        Guid[] record = caller.AppointmentId is { } only ? [only] : client?.AppointmentIds ?? [];
        query = query with { Ids = record, PageSize = size };
        // Asked before the page, so that a row the list gains in between is on the page or among those not listed yet.
        var heard = await appointments.Listed(record, ct);
        var listed = ahead == true ? await appointments.Query(query, ct) : await appointments.QueryNewestFirst(query, ct);
        var current = await Task.WhenAll(listed.Items.Select(row =>
            ClientAgenda.AskItself(row, caller.ClientId, now) ? grains.GetGrain<IAppointmentGrain>(row.Id).Get() : Task.FromResult<AppointmentView?>(row)));
        var onPage = listed.Items.Select(row => row.Id).ToHashSet();
        var notListed = await Task.WhenAll(record.Where(id => !heard.Contains(id) && !onPage.Contains(id))
            .Select(id => grains.GetGrain<IAppointmentGrain>(id).Get()));

        var shown = ClientAgenda.Current(
            listed, current, notListed.OfType<AppointmentView>(),
            view => IsOnRecord(view, caller) && (ahead is not { } part || ClientAgenda.IsAhead(view, caller.ClientId, now) == part),
            ahead == true ? ClientAgenda.SoonestFirst : ClientAgenda.LatestFirst);
        return TypedResults.Ok(new ClientAppointmentPage(shown.Total, shown.Page, shown.PageSize,
            await ClientAnswers.Of(shown.Items, caller.ClientId, client?.Client.Blacklist is not null, definitions, now)));
    }

    /// <summary>The <c>when</c> parameter: <c>upcoming</c> (the visits ahead), <c>past</c> (the others), or none (all).</summary>
    private static bool? ParseWhen(RequestFields fields, string? when)
    {
        switch (when?.Trim().ToLowerInvariant())
        {
            case null or "":
                return null;
            case "upcoming":
                return true;
            case "past":
                return false;
            default:
                fields.Add("when", "upcoming (the visits still to come) or past (every other); none for all.");
                return null;
        }
    }

    private static async Task<Results<Ok<ClientAppointmentResponse>, ProblemHttpResult>> Get(
        Guid id, HttpContext http, IGrainFactory grains, DefinitionCache definitions, TimeProvider time)
    {
        var caller = ClientCaller.From(http.User);
        return await grains.GetGrain<IAppointmentGrain>(id).Get() is { } view && IsOnRecord(view, caller)
            ? TypedResults.Ok(await ClientAnswers.Of(view, caller.ClientId, grains, definitions, time.GetUtcNow()))
            : Problems.NotFound("The appointment");
    }

    /// <summary>
    /// Booked by and for the caller, from the services' own duration and price. With <c>holdId</c>, the held slot's id
    /// becomes the appointment's.
    /// </summary>
    private static async Task<Results<Created<ClientAppointmentResponse>, ProblemHttpResult>> Book(
        ClientBookingRequest body, HttpContext http, IGrainFactory grains, DefinitionCache definitions, TimeProvider time)
    {
        var caller = ClientCaller.From(http.User);
        var fields = new RequestFields();
        var locationId = fields.Required(body.LocationId, "locationId");
        var serviceIds = fields.Required(body.ServiceIds, "serviceIds");
        var start = fields.Required(body.Start, "start");
        if (body.ServiceIds is { Length: 0 }) fields.Add("serviceIds", "Choose at least one service.");
        if (body.ResourceIds is null && serviceIds.Length > 1) fields.Add("resourceIds", "Required when booking several services.");
        if (body.HoldId == Guid.Empty) fields.Add("holdId", "Not a valid id.");
        if (!fields.Valid) return fields.Problem;

        var resources = body.ResourceIds ?? await FreeResources(grains, definitions, caller, locationId, serviceIds[0], start, time.GetUtcNow());
        if (resources.Error is { } noneFree) return await Refused(noneFree, definitions, locationId, serviceIds);
        var resourceIds = resources.Value!;

        var keyed = http.IdempotentId();
        var id = body.HoldId ?? keyed ?? AppointmentIds.New(time.GetUtcNow());
        var appointment = grains.GetGrain<IAppointmentGrain>(id);
        var command = new BookAppointment(
            caller.OrganizationId, locationId, resourceIds, serviceIds, caller.ClientId, start, DurationMinutes: null,
            AppointmentKind.Appointment, FirstConsultation: false, body.Asap ?? false, OnlineSource, body.Notes, Price: null, Labels: [],
            OverrideWorkingHours: false, NotifyClient: false, caller.Actor);
        var booked = await (body.HoldId is not null ? appointment.Book(command)
            : keyed is not null ? appointment.BookUnderKey(command)
            : appointment.BookUnderNewId(command));
        return booked.IsSuccess
            ? TypedResults.Created(
                $"/api/client/appointments/{id}", await ClientAnswers.Of(booked.Value!, caller.ClientId, grains, definitions, time.GetUtcNow()))
            : await Refused(booked.Error!, definitions, locationId, serviceIds);
    }

    /// <summary>Free times to move an own appointment to (<see cref="Support.MoveTimes"/>); another's is not found.</summary>
    private static async Task<Results<Ok<AvailabilityApi.AvailabilityResponse>, ProblemHttpResult>> TimesToMoveTo(
        Guid id, string? from, string? to, HttpContext http, IGrainFactory grains, DefinitionCache definitions, TimeProvider time)
    {
        var caller = ClientCaller.From(http.User);
        var view = await grains.GetGrain<IAppointmentGrain>(id).Get();
        if (view is null || !IsOwn(view, caller)) return Problems.NotFound("The appointment");
        var location = await definitions.Location(view.LocationId);
        if (location is null) return Problems.NotFound("The appointment's location");

        var errors = new List<FieldError>();
        var start = AvailabilityApi.ParseBound(from, "from", location.Definition.TimeZone, endOfDay: false, errors);
        var end = AvailabilityApi.ParseBound(to, "to", location.Definition.TimeZone, endOfDay: true, errors);
        if (errors.Count == 0 && AvailabilityRules.CheckWidth(start!.Value, end!.Value) is { } width) errors.Add(width);
        if (errors.Count > 0) return Problems.Validation([.. errors]);
        if (await MayNotMove(grains, definitions, view, location, caller, time.GetUtcNow()) is { } notAllowed)
        {
            return await Refused(notAllowed, definitions, view.LocationId, view.ServiceIds);
        }

        var found = await MoveTimes.Find(grains, definitions, view, new TimeRange(start!.Value, end!.Value), time.GetUtcNow());
        return found.IsSuccess ? TypedResults.Ok(new AvailabilityApi.AvailabilityResponse(found.Value!)) : Problems.From(found.Error!);
    }

    /// <summary>
    /// The refusal a move of the appointment would meet wherever it went (its status, a class others hold, the moves left,
    /// the notice before its current start, a blacklisted client): answered before any time is offered.
    /// </summary>
    private static async Task<DomainError?> MayNotMove(
        IGrainFactory grains, DefinitionCache definitions, AppointmentView view, LocationView location, ClientCaller caller, DateTimeOffset now) =>
        ClientActions.CheckReschedule(
            view, caller.ClientId, await ClientPolicies.Effective(definitions, location, view.ServiceIds),
            await ClientAnswers.Blacklisted(grains, caller.ClientId), now);

    private static async Task<Results<Ok<ClientAppointmentResponse>, ProblemHttpResult>> Reschedule(
        Guid id, ClientRescheduleRequest body, HttpContext http, IGrainFactory grains, DefinitionCache definitions, TimeProvider time)
    {
        var fields = new RequestFields();
        var start = fields.Required(body.Start, "start");
        if (!fields.Valid) return fields.Problem;
        return await Act(id, http, grains, definitions, time, (a, caller) => a.Reschedule(new RescheduleAppointment(
            start, ResourceIds: null, OverrideWorkingHours: false, NotifyClient: false, caller.Actor, http.IdempotentId())));
    }

    /// <summary>A seat in a group appointment of the client's organisation; anything but a group is not found.</summary>
    private static async Task<Results<Ok<ClientAppointmentResponse>, ProblemHttpResult>> Join(
        Guid id, HttpContext http, IGrainFactory grains, DefinitionCache definitions, TimeProvider time)
    {
        var caller = ClientCaller.From(http.User);
        var view = await grains.GetGrain<IAppointmentGrain>(id).Get();
        if (view is null || view.OrganizationId != caller.OrganizationId || !caller.Reaches(id) || view.Capacity <= 1)
        {
            return Problems.NotFound("The appointment");
        }

        var joined = await grains.GetGrain<IAppointmentGrain>(id).TakeSeat(caller.ClientId, caller.Actor, http.IdempotentId());
        return joined.IsSuccess
            ? TypedResults.Ok(await ClientAnswers.Of(joined.Value!, caller.ClientId, grains, definitions, time.GetUtcNow()))
            : Problems.From(joined.Error!);
    }

    private static async Task<Results<Ok<ClientAppointmentResponse>, ProblemHttpResult>> Act(
        Guid id, HttpContext http, IGrainFactory grains, DefinitionCache definitions, TimeProvider time,
        Func<IAppointmentGrain, ClientCaller, Task<Result<AppointmentView>>> action)
    {
        var caller = ClientCaller.From(http.User);
        var view = await grains.GetGrain<IAppointmentGrain>(id).Get();
        if (view is null || !IsOnRecord(view, caller)) return Problems.NotFound("The appointment");
        // Unless the class was left by this very request, whose repeat the appointment answers as its attempt that landed.
        if (ClientActions.CheckHeld(view, caller.ClientId) is { } left && !AppointmentChanges.MadeUnder(view.History, http.IdempotentId()))
        {
            return Problems.From(left);
        }

        var result = await action(grains.GetGrain<IAppointmentGrain>(id), caller);
        return result.IsSuccess
            ? TypedResults.Ok(await ClientAnswers.Of(result.Value!, caller.ClientId, grains, definitions, time.GetUtcNow()))
            : await Refused(result.Error!, definitions, view.LocationId, view.ServiceIds);
    }

    /// <summary>
    /// A refusal for the client; one of the client policy's carries the number it rests on (<see cref="ClientPolicies.NumbersOf"/>),
    /// so that a page can word it in the client's language.
    /// </summary>
    private static async Task<ProblemHttpResult> Refused(DomainError error, DefinitionCache definitions, Guid locationId, Guid[] serviceIds)
    {
        if (!error.Code.StartsWith("policy_", StringComparison.Ordinal)) return Problems.From(error);
        var policy = await ClientPolicies.Effective(definitions, await definitions.Location(locationId), serviceIds);
        return Problems.From(error, ClientPolicies.NumbersOf(error.Code, policy));
    }

    /// <summary>The caller's as the booking client or a seat holder, and within the session's reach.</summary>
    private static bool IsOwn(AppointmentView view, ClientCaller caller) =>
        InReach(view, caller) && GroupSeats.HeldBy(view, caller.ClientId);

    /// <summary>Own, or a class the caller left: on their record to read (as cancelled), no longer to change.</summary>
    private static bool IsOnRecord(AppointmentView view, ClientCaller caller) =>
        InReach(view, caller) && (GroupSeats.HeldBy(view, caller.ClientId) || GroupSeats.LeftBy(view, caller.ClientId) is not null);

    private static bool InReach(AppointmentView view, ClientCaller caller) =>
        view.OrganizationId == caller.OrganizationId && caller.Reaches(view.Id);

    /// <summary>
    /// The resources of a free slot of the service starting exactly then. Found without the client policy, so that a time
    /// the policy forbids is refused with the policy's own reason by the appointment; when no slot starts then, the
    /// policy's reason is given here, before the plain "nothing is free".
    /// </summary>
    private static async Task<Result<Guid[]>> FreeResources(
        IGrainFactory grains, DefinitionCache definitions, ClientCaller caller, Guid locationId, Guid serviceId, DateTimeOffset start, DateTimeOffset now)
    {
        var query = new AvailabilityQuery(caller.OrganizationId, locationId, serviceId, null, start, start.AddMinutes(1), ApplyClientPolicy: false);
        var found = await grains.GetGrain<IAvailabilityGrain>(IAvailabilityGrain.Key).Find(query);
        if (found.Error is { } error) return error;
        if (found.Value!.FirstOrDefault(slot => slot.Start == start) is { } slot) return slot.ResourceIds;

        var policy = await ClientPolicies.Effective(definitions, await definitions.Location(locationId), [serviceId]);
        return ClientPolicyRules.CheckBooking(ActorKind.Client, policy, start, now)
            ?? new DomainError(ErrorCodes.SlotTaken, "No one is free for this service at that time: it is taken, or outside working hours.",
                [new FieldError("start", "Choose a time the availability offers.")]);
    }

    private static Result<AppointmentView> AppointmentOf(Result<TransitionOutcome> outcome) =>
        outcome.Error is { } error ? error : outcome.Value!.Appointment;
}
