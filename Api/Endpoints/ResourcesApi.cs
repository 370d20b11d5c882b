using Microsoft.AspNetCore.Http.HttpResults;
using Realtime.Api.Auth;
using Realtime.Api.Contracts;
using Realtime.Api.Endpoints.Support;
using Realtime.Api.Errors;
using Realtime.Api.Idempotency;
using Realtime.Grains.Domain.Organizations;
using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Interfaces.Organizations;
using Realtime.Grains.Interfaces.Resources;

namespace Realtime.Api.Endpoints;

public static class ResourcesApi
{
    public static IEndpointRouteBuilder MapResourcesApi(this IEndpointRouteBuilder app)
    {
        var resources = app.MapGroup("/api/resources").WithTags("Resources").RequireAuthorization(Policies.Staff);
        resources.MapPost("/", Create).RequireAuthorization(Policies.Admin).Idempotent();
        resources.MapGet("/", List);
        resources.MapGet("/{id:guid}", Get);
        resources.MapPut("/{id:guid}/working-hours", SetWorkingHours).RequireAuthorization(Policies.Admin)
            .WithSummary("Replaces the resource's weekly working hours.")
            .WithDescription(VisitsToRebookDescription);
        resources.MapPost("/{id:guid}/exceptions", AddException).RequireAuthorization(Policies.Admin).Idempotent()
            .WithSummary("Adds a dated exception: time off (the whole day without start and end) or extra hours.")
            .WithDescription(
                "Time off is taken even over booked visits: nothing is cancelled or moved by itself. " + VisitsToRebookDescription);
        resources.MapDelete("/{id:guid}/exceptions/{exceptionId:guid}", RemoveException).RequireAuthorization(Policies.Admin)
            .WithSummary("Removes a dated exception.")
            .WithDescription(VisitsToRebookDescription);
        return app;
    }

    private const string VisitsToRebookDescription =
        "The answer is the resource with visitsToRebook: its booked or arrived visits, from now on, that the change leaves " +
        "outside its working time (id, locationId, start, durationMinutes, status, clientId, clientName, services, reason: " +
        "timeOff with the time off's note, or outsideWorkingHours), for the desk to rebook or cancel. They are read from " +
        "the appointment list, which follows bookings shortly after their answers (eventually consistent): a visit booked " +
        "a moment before the change may be missing here, and the calendar snapshot's conflicts show it too.";

    private static async Task<Results<Created<ResourceResponse>, ProblemHttpResult>> Create(
        ResourceRequest body, HttpContext http, IGrainFactory grains)
    {
        var caller = Caller.From(http.User);
        var fields = new RequestFields();
        var name = fields.Required(body.Name, "name");
        var kind = fields.Required(body.Kind, "kind");
        var hours = await WorkingHours(body.WorkingHours ?? [], "workingHours", caller, grains, fields);
        if (!fields.Valid) return fields.Problem;
        var definition = new ResourceDefinition(name, kind, hours);
        // Checked before the directory records the id: a refused resource leaves nothing behind.
        if (ConfigurationRules.Validate(definition) is { Length: > 0 } invalid) return Problems.Validation(invalid);

        var id = http.IdempotentId() ?? Guid.NewGuid();
        await grains.GetGrain<IOrganizationGrain>(caller.OrganizationId).Register(DirectoryKind.Resource, id);
        var created = await grains.GetGrain<IResourceGrain>(id).Create(caller.OrganizationId, definition)
            .OrEarlierAttempts(http, () => grains.GetGrain<IResourceGrain>(id).Get());
        return created.IsSuccess
            ? TypedResults.Created($"/api/resources/{id}", ResourceResponse.From(created.Value!))
            : Problems.From(created.Error!);
    }

    private static async Task<Ok<ResourceResponse[]>> List(HttpContext http, IGrainFactory grains)
    {
        var caller = Caller.From(http.User);
        var all = await grains.All(caller, d => d.ResourceIds, id => grains.Resource(caller, id));
        return TypedResults.Ok(all.OrderBy(r => r.Name).Select(ResourceResponse.From).ToArray());
    }

    private static async Task<Results<Ok<ResourceResponse>, ProblemHttpResult>> Get(Guid id, HttpContext http, IGrainFactory grains) =>
        await grains.Resource(Caller.From(http.User), id) is { } view
            ? TypedResults.Ok(ResourceResponse.From(view))
            : Problems.NotFound("The resource");

    private static async Task<Results<Ok<ScheduleChangeResponse>, ProblemHttpResult>> SetWorkingHours(
        Guid id, WorkingHoursRequest[] body, HttpContext http, IGrainFactory grains, [AsParameters] Rebooking rebooking)
    {
        var caller = Caller.From(http.User);
        if (await grains.Resource(caller, id) is null) return Problems.NotFound("The resource");
        var fields = new RequestFields();
        var hours = await WorkingHours(body, "", caller, grains, fields);
        if (!fields.Valid) return fields.Problem;
        return await rebooking.Answer(await grains.GetGrain<IResourceGrain>(id).SetWorkingHours(hours), caller, Rebooking.FromNowOn);
    }

    private static async Task<Results<Ok<ScheduleChangeResponse>, ProblemHttpResult>> AddException(
        Guid id, ScheduleExceptionRequest body, HttpContext http, IGrainFactory grains, [AsParameters] Rebooking rebooking)
    {
        var caller = Caller.From(http.User);
        if (await grains.Resource(caller, id) is null) return Problems.NotFound("The resource");
        var fields = new RequestFields();
        var locationId = fields.Required(body.LocationId, "locationId");
        var date = fields.Required(body.Date, "date");
        var kind = fields.Required(body.Kind, "kind");
        if (body.LocationId is not null && !await OwnsLocation(grains, caller, locationId)) fields.Add("locationId", "Unknown location.");
        if (!fields.Valid) return fields.Problem;
        var exception = new ScheduleException(http.IdempotentId() ?? Guid.NewGuid(), locationId, date, kind, body.Start, body.End, body.Note);
        var added = await grains.GetGrain<IResourceGrain>(id).AddException(exception);
        // Only time off takes working time away.
        return await rebooking.Answer(added, caller, kind == ScheduleExceptionKind.TimeOff ? await rebooking.During(exception) : null);
    }

    private static async Task<Results<Ok<ScheduleChangeResponse>, ProblemHttpResult>> RemoveException(
        Guid id, Guid exceptionId, HttpContext http, IGrainFactory grains, [AsParameters] Rebooking rebooking)
    {
        var caller = Caller.From(http.User);
        if (await grains.Resource(caller, id) is not { } before) return Problems.NotFound("The resource");
        var removed = await grains.GetGrain<IResourceGrain>(id).RemoveException(exceptionId);
        // Only extra hours taken back take working time away.
        var extra = before.Exceptions.FirstOrDefault(e => e.Id == exceptionId && e.Kind == ScheduleExceptionKind.ExtraHours);
        return await rebooking.Answer(removed, caller, extra is null ? null : await rebooking.During(extra));
    }

    /// <summary>Each entry complete and at a location of the caller's organisation.</summary>
    private static async Task<WeeklyHours[]> WorkingHours(
        WorkingHoursRequest?[] entries, string prefix, Caller caller, IGrainFactory grains, RequestFields fields)
    {
        var hours = new List<WeeklyHours>();
        foreach (var (entry, i) in entries.Select((e, i) => (e, i)))
        {
            var at = $"{prefix}[{i}]";
            if (entry is null)
            {
                fields.Add(at, "Required.");
                continue;
            }

            var locationId = fields.Required(entry.LocationId, $"{at}.locationId");
            var day = fields.Required(entry.DayOfWeek, $"{at}.dayOfWeek");
            var start = fields.Required(entry.Start, $"{at}.start");
            var end = fields.Required(entry.End, $"{at}.end");
            if (entry.LocationId is not null && !await OwnsLocation(grains, caller, locationId)) fields.Add($"{at}.locationId", "Unknown location.");
            hours.Add(new WeeklyHours(locationId, day, start, end));
        }

        return [.. hours];
    }

    private static async Task<bool> OwnsLocation(IGrainFactory grains, Caller caller, Guid locationId) =>
        (await grains.GetGrain<ILocationGrain>(locationId).Get())?.OrganizationId == caller.OrganizationId;
}
