using Microsoft.AspNetCore.Http.HttpResults;
using Realtime.Api.Auth;
using Realtime.Api.Contracts;
using Realtime.Api.Endpoints.Support;
using Realtime.Api.Errors;
using Realtime.Api.Idempotency;
using Realtime.Grains.Domain.Organizations;
using Realtime.Grains.Interfaces.Organizations;

namespace Realtime.Api.Endpoints;

public static class ServicesApi
{
    public static IEndpointRouteBuilder MapServicesApi(this IEndpointRouteBuilder app)
    {
        var services = app.MapGroup("/api/services").WithTags("Services").RequireAuthorization(Policies.Staff);
        services.MapPost("/", Create).RequireAuthorization(Policies.Admin).Idempotent();
        services.MapGet("/", List);
        services.MapGet("/{id:guid}", Get);
        services.MapPut("/{id:guid}", Update).RequireAuthorization(Policies.Admin);
        return app;
    }

    private static async Task<Results<Created<ServiceResponse>, ProblemHttpResult>> Create(
        ServiceRequest body, HttpContext http, IGrainFactory grains)
    {
        var caller = Caller.From(http.User);
        var fields = Fields(body);
        if (!fields.Valid) return fields.Problem;
        var definition = Definition(body);
        // Checked before the directory records the id: a refused service leaves nothing behind.
        if (ConfigurationRules.Validate(definition) is { Length: > 0 } invalid) return Problems.Validation(invalid);
        var id = http.IdempotentId() ?? Guid.NewGuid();
        await grains.GetGrain<IOrganizationGrain>(caller.OrganizationId).Register(DirectoryKind.Service, id);
        var created = await grains.GetGrain<IServiceGrain>(id).Create(caller.OrganizationId, definition)
            .OrEarlierAttempts(http, () => grains.GetGrain<IServiceGrain>(id).Get());
        return created.IsSuccess
            ? TypedResults.Created($"/api/services/{id}", ServiceResponse.From(created.Value!))
            : Problems.From(created.Error!);
    }

    private static async Task<Ok<ServiceResponse[]>> List(HttpContext http, IGrainFactory grains)
    {
        var caller = Caller.From(http.User);
        var all = await grains.All(caller, d => d.ServiceIds, id => grains.Service(caller, id));
        return TypedResults.Ok(all.OrderBy(s => s.Definition.Name).Select(ServiceResponse.From).ToArray());
    }

    private static async Task<Results<Ok<ServiceResponse>, ProblemHttpResult>> Get(Guid id, HttpContext http, IGrainFactory grains) =>
        await grains.Service(Caller.From(http.User), id) is { } view
            ? TypedResults.Ok(ServiceResponse.From(view))
            : Problems.NotFound("The service");

    private static async Task<Results<Ok<ServiceResponse>, ProblemHttpResult>> Update(
        Guid id, ServiceRequest body, HttpContext http, IGrainFactory grains)
    {
        if (await grains.Service(Caller.From(http.User), id) is null) return Problems.NotFound("The service");
        var fields = Fields(body);
        if (!fields.Valid) return fields.Problem;
        var updated = await grains.GetGrain<IServiceGrain>(id).Update(Definition(body));
        return updated.IsSuccess ? TypedResults.Ok(ServiceResponse.From(updated.Value!)) : Problems.From(updated.Error!);
    }

    private static RequestFields Fields(ServiceRequest body)
    {
        var fields = new RequestFields();
        fields.Required(body.Name, "name");
        fields.Required(body.DurationMinutes, "durationMinutes");
        return fields;
    }

    private static ServiceDefinition Definition(ServiceRequest body) => new(
        body.Name!, body.DurationMinutes!.Value, body.Price ?? 0, body.BufferBeforeMinutes ?? 0, body.BufferAfterMinutes ?? 0,
        body.Capacity ?? 1, body.RequiredResourceKinds ?? [], body.Policy?.ToPolicy(ClientPolicy.Default));
}
