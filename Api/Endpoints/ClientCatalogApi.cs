using Microsoft.AspNetCore.Http.HttpResults;
using Realtime.Api.Auth;
using Realtime.Grains.Caching;
using Realtime.Grains.Interfaces.Organizations;
using Realtime.Grains.Interfaces.Resources;

namespace Realtime.Api.Endpoints;

/// <summary>
/// What a client reads their appointments by and chooses from (<c>GET /api/client/catalog</c>): the business's name, its
/// locations, services, staff and rooms, and nothing of the staff's (no working hours, policies, buffers or notes).
/// </summary>
public static class ClientCatalogApi
{
    public sealed record CatalogLocation(Guid Id, string Name, string? Address, string TimeZone);

    public sealed record CatalogService(Guid Id, string Name, int DurationMinutes, decimal Price, int Capacity);

    public sealed record CatalogResource(Guid Id, string Name, ResourceKind Kind);

    public sealed record ClientCatalog(string Business, CatalogLocation[] Locations, CatalogService[] Services, CatalogResource[] Resources);

    public static IEndpointRouteBuilder MapClientCatalogApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/client").WithTags("Client").RequireAuthorization(Policies.Client).MapGet("/catalog", Catalog);
        return app;
    }

    private static async Task<Ok<ClientCatalog>> Catalog(HttpContext http, IGrainFactory grains, DefinitionCache definitions)
    {
        var organization = grains.GetGrain<IOrganizationGrain>(ClientCaller.From(http.User).OrganizationId);
        var (view, directory) = (await organization.Get(), await organization.GetDirectory());
        var locations = await Task.WhenAll(directory.LocationIds.Select(definitions.Location));
        var services = await Task.WhenAll(directory.ServiceIds.Select(definitions.Service));
        var resources = await Task.WhenAll(directory.ResourceIds.Select(definitions.Resource));
        return TypedResults.Ok(new ClientCatalog(
            view?.Name ?? "",
            [.. locations.OfType<LocationView>().Select(l => new CatalogLocation(l.Id, l.Definition.Name, l.Definition.Address, l.Definition.TimeZone)).OrderBy(l => l.Name)],
            [.. services.OfType<ServiceView>().Select(s => new CatalogService(s.Id, s.Definition.Name, s.Definition.DurationMinutes, s.Definition.Price, s.Definition.Capacity)).OrderBy(s => s.Name)],
            [.. resources.OfType<ResourceView>().Select(r => new CatalogResource(r.Id, r.Name, r.Kind)).OrderBy(r => r.Name)]));
    }
}
