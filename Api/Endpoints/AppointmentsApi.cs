using Microsoft.AspNetCore.Http.HttpResults;
using Realtime.Api.Auth;
using Realtime.Api.Contracts;
using Realtime.Api.Endpoints.Support;
using Realtime.Api.Errors;
using Realtime.Api.Idempotency;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Projections;

namespace Realtime.Api.Endpoints;

public static class AppointmentsApi
{
    public static IEndpointRouteBuilder MapAppointmentsApi(this IEndpointRouteBuilder app)
    {
        var appointments = app.MapGroup("/api/appointments").WithTags("Appointments").RequireAuthorization(Policies.Staff);
        appointments.MapPost("/", Book).Idempotent();
        appointments.MapGet("/", List);
        appointments.MapGet("/{id:guid}", Get)
            .WithSummary("One appointment with its history; its version is the ETag, for the If-Match of a change made on what it shows.");
        appointments.MapPatch("/{id:guid}", Update).Idempotent().OnVersion();
        appointments.MapDelete("/{id:guid}", Delete).RequireAuthorization(Policies.Admin).OnVersion();
        appointments.MapPost("/{id:guid}/reschedule", Reschedule).Idempotent().OnVersion();
        appointments.MapPost("/{id:guid}/seats", TakeSeat).Idempotent();
        appointments.MapDelete("/{id:guid}/seats/{clientId:guid}", (Guid id, Guid clientId, HttpContext http, IGrainFactory grains) =>
            Act(id, http, grains, (a, caller) => a.LeaveSeat(clientId, caller.Actor), view => view));
        appointments.MapPost("/{id:guid}/confirm", (Guid id, HttpContext http, IGrainFactory grains) =>
            Change(id, http, grains, (a, caller, version) => a.Confirm(caller.Actor, http.IdempotentId(), version))).Idempotent().OnVersion();
        appointments.MapPost("/{id:guid}/unconfirm", (Guid id, HttpContext http, IGrainFactory grains) =>
            Change(id, http, grains, (a, caller, version) => a.Unconfirm(caller.Actor, http.IdempotentId(), version))).Idempotent().OnVersion();
        appointments.MapPost("/{id:guid}/arrive", (Guid id, HttpContext http, IGrainFactory grains) =>
            Change(id, http, grains, (a, caller, version) => a.Arrive(caller.Actor, http.IdempotentId(), version))).Idempotent().OnVersion()
            .WithDescription(
                "From the visit's day at its location on (its start's date on the location's clock is today or earlier); earlier it is "
                + "refused with 409 `visit_not_started`, naming `start`.");
        appointments.MapPost("/{id:guid}/restore", (Guid id, RestoreRequest? body, HttpContext http, IGrainFactory grains) =>
            Change(id, http, grains, (a, caller, version) => a.Restore(caller.Actor, body?.OverrideWorkingHours ?? false, http.IdempotentId(), version)))
            .Idempotent().OnVersion();
        appointments.MapPost("/{id:guid}/undo-completion", (Guid id, HttpContext http, IGrainFactory grains) =>
            Change(id, http, grains, (a, caller, version) => a.UndoCompletion(caller.Actor, http.IdempotentId(), version))).Idempotent().OnVersion();
        appointments.MapPost("/{id:guid}/no-show", (Guid id, NoShowRequest? body, HttpContext http, IGrainFactory grains) =>
            Change(id, http, grains, (a, caller, version) => a.MarkNoShow(new MarkNoShow(body?.Blacklist ?? false, caller.Actor, http.IdempotentId(), version))))
            .Idempotent().OnVersion().WithDescription("Refused until the visit has begun with 409 `visit_not_started`, naming `start`: a visit called off ahead is cancelled.");
        appointments.MapPost("/{id:guid}/complete", (Guid id, CompleteRequest? body, HttpContext http, IGrainFactory grains) =>
            Change(id, http, grains, (a, caller, version) => a.Complete(new CompleteAppointment(
                body?.ServiceIds, body?.DurationMinutes, body?.TotalPrice, body?.Label, body?.Comment, body?.NextVisit?.ToRequest(), caller.Actor,
                http.IdempotentId(), version)))).Idempotent().OnVersion()
            .WithDescription(
                "From the visit's day at its location on (its start's date on the location's clock is today or earlier), or at any time "
                + "once the client has arrived; earlier it is refused with 409 `visit_not_started`, naming `start`.");
        appointments.MapPost("/{id:guid}/cancel", (Guid id, CancelRequest? body, HttpContext http, IGrainFactory grains) =>
            Change(id, http, grains, (a, caller, version) => a.Cancel(new CancelAppointment(
                body?.CancellationReason ?? CancellationReason.Business, body?.Message, body?.NotifyClient ?? false, body?.NotifyResource ?? false,
                body?.NextVisit?.ToRequest(), caller.Actor, http.IdempotentId(), version)))).Idempotent().OnVersion();
        return app;
    }

    private static async Task<Results<Created<AppointmentView>, ProblemHttpResult>> Book(
        BookAppointmentRequest body, HttpContext http, IdempotentBookings bookings)
    {
        var caller = Caller.From(http.User);
        var fields = new RequestFields();
        var locationId = fields.Required(body.LocationId, "locationId");
        var resourceIds = fields.Required(body.ResourceIds, "resourceIds");
        var start = fields.Required(body.Start, "start");
        if (!fields.Valid) return fields.Problem;
        if (!caller.CanAccess(locationId)) return Problems.NotFound("The location");

        var command = new BookAppointment(
            caller.OrganizationId, locationId, resourceIds, body.ServiceIds ?? [], body.ClientId, start, body.DurationMinutes,
            body.Kind ?? AppointmentKind.Appointment, body.FirstConsultation ?? false, body.Asap ?? false, body.Source, body.Notes,
            body.Price, body.Labels ?? [], body.OverrideWorkingHours ?? false, body.NotifyClient ?? false, caller.Actor);
        var booked = await bookings.BookAsync(command, http.IdempotentId());
        return booked.IsSuccess
            ? TypedResults.Created($"/api/appointments/{booked.Value!.Id}", booked.Value)
            : Problems.From(booked.Error!);
    }

    /// <summary>From the read model: current within moments of each change, never a grain call per row.</summary>
    private static async Task<Results<Ok<AppointmentPage>, ProblemHttpResult>> List(
        string? locationId, string? from, string? to, string? status, string? resourceId, string? clientId, string? page, string? pageSize,
        HttpContext http, IAppointmentReadModel readModel, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        var fields = new RequestFields();
        var query = new AppointmentQuery(caller.OrganizationId)
        {
            LocationId = fields.Id(locationId, "locationId"),
            From = fields.Instant(from, "from"),
            To = fields.Instant(to, "to"),
            Statuses = fields.Enums<AppointmentStatus>(status, "status"),
            ResourceId = fields.Id(resourceId, "resourceId"),
            ClientId = fields.Id(clientId, "clientId"),
            AllowedLocationIds = caller.LocationIds,
            Page = fields.Number(page, "page") ?? 1,
            PageSize = fields.Number(pageSize, "pageSize") ?? AppointmentQuery.DefaultPageSize,
        };
        foreach (var error in query.Validate()) fields.Add(error.Field, error.Message);
        if (!fields.Valid) return fields.Problem;
        return TypedResults.Ok(await readModel.Query(query, ct));
    }

    /// <summary>With its version as the <c>ETag</c>, for the <c>If-Match</c> of a change made on what this shows.</summary>
    private static async Task<Results<Ok<AppointmentView>, ProblemHttpResult>> Get(Guid id, HttpContext http, IGrainFactory grains)
    {
        if (await grains.Appointment(Caller.From(http.User), id) is not { } view) return Problems.NotFound("The appointment");
        http.Response.Headers.ETag = AppointmentVersions.ETagOf(view.Version);
        return TypedResults.Ok(view);
    }

    private static Task<Results<Ok<AppointmentView>, ProblemHttpResult>> Update(
        Guid id, UpdateAppointmentRequest body, HttpContext http, IGrainFactory grains) =>
        Change(id, http, grains, (a, caller, version) => a.Update(new UpdateAppointment(
            body.Labels, body.Comment, body.Price, body.Notes, body.ServiceIds, body.DurationMinutes, body.PaymentDue,
            body.FirstConsultation, body.Asap, caller.Actor, body.OverrideWorkingHours ?? false, http.IdempotentId(), version)));

    private static async Task<Results<Ok<AppointmentView>, ProblemHttpResult>> Reschedule(
        Guid id, RescheduleRequest body, HttpContext http, IGrainFactory grains)
    {
        var fields = new RequestFields();
        var start = fields.Required(body.Start, "start");
        if (!fields.Valid) return fields.Problem;
        return await Change(id, http, grains, (a, caller, version) => a.Reschedule(new RescheduleAppointment(
            start, body.ResourceIds, body.OverrideWorkingHours ?? false, body.NotifyClient ?? false, caller.Actor, http.IdempotentId(), version)));
    }

    /// <summary>A seat for a client in a group appointment (staff are not bound by the client policy).</summary>
    private static async Task<Results<Ok<AppointmentView>, ProblemHttpResult>> TakeSeat(
        Guid id, SeatRequest body, HttpContext http, IGrainFactory grains)
    {
        var fields = new RequestFields();
        var clientId = fields.Required(body.ClientId, "clientId");
        if (!fields.Valid) return fields.Problem;
        return await Act(id, http, grains, (a, caller) => a.TakeSeat(clientId, caller.Actor, http.IdempotentId()), view => view);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, HttpContext http, IGrainFactory grains)
    {
        if (!AppointmentVersions.TryReadIfMatch(http.Request, out var version, out var malformed)) return malformed!;
        var caller = Caller.From(http.User);
        if (await grains.Appointment(caller, id) is null) return Problems.NotFound("The appointment");
        var deleted = await grains.GetGrain<IAppointmentGrain>(id).Delete(caller.Actor, version);
        return deleted.IsSuccess ? TypedResults.NoContent() : AppointmentVersions.Refusal(http.Response, deleted.Error!);
    }

    /// <summary>
    /// A staff change, made only on the version an <c>If-Match</c> names, if it names one: the grain checks it, as the
    /// appointment's single writer (a check here, before the call, would race another desk's change).
    /// </summary>
    private static Task<Results<Ok<AppointmentView>, ProblemHttpResult>> Change(
        Guid id, HttpContext http, IGrainFactory grains, Func<IAppointmentGrain, Caller, long?, Task<Result<AppointmentView>>> change) =>
        Change(id, http, grains, change, view => view);

    private static Task<Results<Ok<TransitionOutcome>, ProblemHttpResult>> Change(
        Guid id, HttpContext http, IGrainFactory grains, Func<IAppointmentGrain, Caller, long?, Task<Result<TransitionOutcome>>> change) =>
        Change(id, http, grains, change, outcome => outcome.Appointment);

    private static async Task<Results<Ok<T>, ProblemHttpResult>> Change<T>(
        Guid id, HttpContext http, IGrainFactory grains, Func<IAppointmentGrain, Caller, long?, Task<Result<T>>> change,
        Func<T, AppointmentView> appointmentOf)
    {
        if (!AppointmentVersions.TryReadIfMatch(http.Request, out var version, out var malformed)) return malformed!;
        return await Act(id, http, grains, (a, caller) => change(a, caller, version), appointmentOf);
    }

    /// <summary>An action on an appointment the caller may see (anything else is not found), answered with its new version's <c>ETag</c>.</summary>
    private static async Task<Results<Ok<T>, ProblemHttpResult>> Act<T>(
        Guid id, HttpContext http, IGrainFactory grains, Func<IAppointmentGrain, Caller, Task<Result<T>>> action, Func<T, AppointmentView> appointmentOf)
    {
        var caller = Caller.From(http.User);
        if (await grains.Appointment(caller, id) is null) return Problems.NotFound("The appointment");
        var result = await action(grains.GetGrain<IAppointmentGrain>(id), caller);
        if (result.Error is { } error) return AppointmentVersions.Refusal(http.Response, error);
        http.Response.Headers.ETag = AppointmentVersions.ETagOf(appointmentOf(result.Value!).Version);
        return TypedResults.Ok(result.Value!);
    }
}
