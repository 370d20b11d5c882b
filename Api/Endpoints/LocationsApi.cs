using Microsoft.AspNetCore.Http.HttpResults;
using Realtime.Api.Auth;
using Realtime.Api.Contracts;
using Realtime.Api.Endpoints.Support;
using Realtime.Api.Errors;
using Realtime.Api.Idempotency;
using Realtime.Grains.Domain.Organizations;
using Realtime.Grains.Interfaces.Organizations;

namespace Realtime.Api.Endpoints;

public static class LocationsApi
{
    public static IEndpointRouteBuilder MapLocationsApi(this IEndpointRouteBuilder app)
    {
        var locations = app.MapGroup("/api/locations").WithTags("Locations").RequireAuthorization(Policies.Staff);
        locations.MapPost("/", Create).RequireAuthorization(Policies.Admin).Idempotent();
        locations.MapGet("/", List);
        locations.MapGet("/{id:guid}", Get);
        locations.MapPut("/{id:guid}", Update).RequireAuthorization(Policies.Admin);
        return app;
    }

    private static async Task<Results<Created<LocationResponse>, ProblemHttpResult>> Create(
        LocationRequest body, HttpContext http, IGrainFactory grains)
    {
        var caller = Caller.From(http.User);
        if (Definition(body, LocationPolicy.Default) is not { } definition) return Invalid(body);
        // Checked before the directory records the id: a refused location leaves nothing behind.
        if (ConfigurationRules.Validate(definition) is { Length: > 0 } invalid) return Problems.Validation(invalid);
        var id = http.IdempotentId() ?? Guid.NewGuid();
        await grains.GetGrain<IOrganizationGrain>(caller.OrganizationId).Register(DirectoryKind.Location, id);
        var created = await grains.GetGrain<ILocationGrain>(id).Create(caller.OrganizationId, definition)
            .OrEarlierAttempts(http, () => grains.GetGrain<ILocationGrain>(id).Get());
        return created.IsSuccess
            ? TypedResults.Created($"/api/locations/{id}", LocationResponse.From(created.Value!))
            : Problems.From(created.Error!);
    }

    private static async Task<Ok<LocationResponse[]>> List(HttpContext http, IGrainFactory grains)
    {
        var caller = Caller.From(http.User);
        var all = await grains.All(caller, d => d.LocationIds, id => grains.Location(caller, id));
        return TypedResults.Ok(all.OrderBy(l => l.Definition.Name).Select(LocationResponse.From).ToArray());
    }

    private static async Task<Results<Ok<LocationResponse>, ProblemHttpResult>> Get(Guid id, HttpContext http, IGrainFactory grains) =>
        await grains.Location(Caller.From(http.User), id) is { } view
            ? TypedResults.Ok(LocationResponse.From(view))
            : Problems.NotFound("The location");

    private static async Task<Results<Ok<LocationResponse>, ProblemHttpResult>> Update(
        Guid id, LocationRequest body, HttpContext http, IGrainFactory grains)
    {
        if (await grains.Location(Caller.From(http.User), id) is not { } current) return Problems.NotFound("The location");
        if (Definition(body, current.Definition.Policy) is not { } definition) return Invalid(body);
        var updated = await grains.GetGrain<ILocationGrain>(id).Update(definition);
        return updated.IsSuccess ? TypedResults.Ok(LocationResponse.From(updated.Value!)) : Problems.From(updated.Error!);
    }

    private static LocationDefinition? Definition(LocationRequest body, LocationPolicy policyDefaults) =>
        Fields(body).Valid
            ? new LocationDefinition(body.Name!, body.Address, body.TimeZone!, body.Policies?.ToPolicy(policyDefaults) ?? policyDefaults)
            : null;

    private static ProblemHttpResult Invalid(LocationRequest body) => Fields(body).Problem;

    private static RequestFields Fields(LocationRequest body)
    {
        var fields = new RequestFields();
        fields.Required(body.Name, "name");
        fields.Required(body.TimeZone, "timeZone");
        return fields;
    }
}
