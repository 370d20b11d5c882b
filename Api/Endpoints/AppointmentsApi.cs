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
        appointments.MapGet("/{id:guid}", Get);
        appointments.MapPatch("/{id:guid}", Update).Idempotent();
        appointments.MapDelete("/{id:guid}", Delete).RequireAuthorization(Policies.Admin);
        appointments.MapPost("/{id:guid}/reschedule", Reschedule).Idempotent();
        appointments.MapPost("/{id:guid}/seats", TakeSeat).Idempotent();
        appointments.MapDelete("/{id:guid}/seats/{clientId:guid}", (Guid id, Guid clientId, HttpContext http, IGrainFactory grains) =>
            Act(id, http, grains, (a, caller) => a.LeaveSeat(clientId, caller.Actor)));
        appointments.MapPost("/{id:guid}/confirm", (Guid id, HttpContext http, IGrainFactory grains) =>
            Act(id, http, grains, (a, caller) => a.Confirm(caller.Actor, http.IdempotentId()))).Idempotent();
        appointments.MapPost("/{id:guid}/unconfirm", (Guid id, HttpContext http, IGrainFactory grains) =>
            Act(id, http, grains, (a, caller) => a.Unconfirm(caller.Actor, http.IdempotentId()))).Idempotent();
        appointments.MapPost("/{id:guid}/arrive", (Guid id, HttpContext http, IGrainFactory grains) =>
            Act(id, http, grains, (a, caller) => a.Arrive(caller.Actor, http.IdempotentId()))).Idempotent();
        appointments.MapPost("/{id:guid}/restore", (Guid id, RestoreRequest? body, HttpContext http, IGrainFactory grains) =>
            Act(id, http, grains, (a, caller) => a.Restore(caller.Actor, body?.OverrideWorkingHours ?? false, http.IdempotentId()))).Idempotent();
        appointments.MapPost("/{id:guid}/undo-completion", (Guid id, HttpContext http, IGrainFactory grains) =>
            Act(id, http, grains, (a, caller) => a.UndoCompletion(caller.Actor, http.IdempotentId()))).Idempotent();
        appointments.MapPost("/{id:guid}/no-show", (Guid id, NoShowRequest? body, HttpContext http, IGrainFactory grains) =>
            Act(id, http, grains, (a, caller) => a.MarkNoShow(new MarkNoShow(body?.Blacklist ?? false, caller.Actor, http.IdempotentId())))).Idempotent();
        appointments.MapPost("/{id:guid}/complete", (Guid id, CompleteRequest? body, HttpContext http, IGrainFactory grains) =>
            Act(id, http, grains, (a, caller) => a.Complete(new CompleteAppointment(
                body?.ServiceIds, body?.DurationMinutes, body?.TotalPrice, body?.Label, body?.Comment, body?.NextVisit?.ToRequest(), caller.Actor,
                http.IdempotentId())))).Idempotent();
        appointments.MapPost("/{id:guid}/cancel", (Guid id, CancelRequest? body, HttpContext http, IGrainFactory grains) =>
            Act(id, http, grains, (a, caller) => a.Cancel(new CancelAppointment(
                body?.CancellationReason ?? CancellationReason.Business, body?.Message, body?.NotifyClient ?? false, body?.NotifyResource ?? false,
                body?.NextVisit?.ToRequest(), caller.Actor, http.IdempotentId())))).Idempotent();
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

    private static async Task<Results<Ok<AppointmentView>, ProblemHttpResult>> Get(Guid id, HttpContext http, IGrainFactory grains) =>
        await grains.Appointment(Caller.From(http.User), id) is { } view ? TypedResults.Ok(view) : Problems.NotFound("The appointment");

    private static Task<Results<Ok<AppointmentView>, ProblemHttpResult>> Update(
        Guid id, UpdateAppointmentRequest body, HttpContext http, IGrainFactory grains) =>
        Act(id, http, grains, (a, caller) => a.Update(new UpdateAppointment(
            body.Labels, body.Comment, body.Price, body.Notes, body.ServiceIds, body.DurationMinutes, body.PaymentDue,
            body.FirstConsultation, body.Asap, caller.Actor, body.OverrideWorkingHours ?? false, http.IdempotentId())));

    private static async Task<Results<Ok<AppointmentView>, ProblemHttpResult>> Reschedule(
        Guid id, RescheduleRequest body, HttpContext http, IGrainFactory grains)
    {
        var fields = new RequestFields();
        var start = fields.Required(body.Start, "start");
        if (!fields.Valid) return fields.Problem;
        return await Act(id, http, grains, (a, caller) => a.Reschedule(new RescheduleAppointment(
            start, body.ResourceIds, body.OverrideWorkingHours ?? false, body.NotifyClient ?? false, caller.Actor, http.IdempotentId())));
    }

    /// <summary>A seat for a client in a group appointment (staff are not bound by the client policy).</summary>
    private static async Task<Results<Ok<AppointmentView>, ProblemHttpResult>> TakeSeat(
        Guid id, SeatRequest body, HttpContext http, IGrainFactory grains)
    {
        var fields = new RequestFields();
        var clientId = fields.Required(body.ClientId, "clientId");
        if (!fields.Valid) return fields.Problem;
        return await Act(id, http, grains, (a, caller) => a.TakeSeat(clientId, caller.Actor, http.IdempotentId()));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, HttpContext http, IGrainFactory grains)
    {
        var caller = Caller.From(http.User);
        if (await grains.Appointment(caller, id) is null) return Problems.NotFound("The appointment");
        var deleted = await grains.GetGrain<IAppointmentGrain>(id).Delete(caller.Actor);
        return deleted.IsSuccess ? TypedResults.NoContent() : Problems.From(deleted.Error!);
    }

    /// <summary>An action on an appointment the caller may see; anything else is not found.</summary>
    private static async Task<Results<Ok<T>, ProblemHttpResult>> Act<T>(
        Guid id, HttpContext http, IGrainFactory grains, Func<IAppointmentGrain, Caller, Task<Result<T>>> action)
    {
        var caller = Caller.From(http.User);
        if (await grains.Appointment(caller, id) is null) return Problems.NotFound("The appointment");
        var result = await action(grains.GetGrain<IAppointmentGrain>(id), caller);
        return result.IsSuccess ? TypedResults.Ok(result.Value!) : Problems.From(result.Error!);
    }
}
