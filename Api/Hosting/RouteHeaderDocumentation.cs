using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Realtime.Api.Hosting;

/// <summary>
/// Documents a request header, and the answers it brings, on every route marked with <typeparamref name="TMarker"/>
/// metadata (e.g. <c>Idempotency-Key</c>, <c>If-Match</c>): one description kept next to the code that reads the header.
/// </summary>
internal abstract class RouteHeaderDocumentation<TMarker> : IOpenApiOperationTransformer
{
    protected abstract OpenApiParameter Header { get; }

    /// <summary>The answers the header brings, by status; a status the route documents already keeps its own words.</summary>
    protected abstract IReadOnlyDictionary<string, string> Responses { get; }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (!context.Description.ActionDescriptor.EndpointMetadata.OfType<TMarker>().Any()) return Task.CompletedTask;
        operation.Parameters ??= [];
        operation.Parameters.Add(Header);
        operation.Responses ??= [];
        foreach (var (status, description) in Responses) operation.Responses.TryAdd(status, new OpenApiResponse { Description = description });
        return Task.CompletedTask;
    }
}
