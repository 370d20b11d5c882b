using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Realtime.Api.Errors;
using Realtime.Grains.Domain.Access;

namespace Realtime.Api.Idempotency;

/// <summary>Documents the <c>Idempotency-Key</c> header, and the answers it brings, on every route that honours it.</summary>
internal sealed class IdempotencyKeyDocumentation : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (!context.Description.ActionDescriptor.EndpointMetadata.OfType<IdempotentMetadata>().Any()) return Task.CompletedTask;
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = IdempotencyKeys.HeaderName,
            In = ParameterLocation.Header,
            Required = false,
            Description =
                $"Makes retries safe: the first request's final answer (2xx or 4xx: status, body, Location) is kept for 24 hours "
                + $"and sent again, with `{IdempotencyKeys.ReplayedHeaderName}: true`, to a retry with the same key, method, path, "
                + "caller and body, which then changes nothing. Keys belong to the organisation (on client routes, to the client). "
                + "A 5xx answer is not kept: retry it with the same key. 1 to 200 printable ASCII characters, e.g. a UUID.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = IdempotencyKeys.MaxLength },
        });
        operation.Responses ??= [];
        operation.Responses.TryAdd("409", new OpenApiResponse
        {
            Description = $"`{Problems.IdempotencyInProgress}`: a request with this Idempotency-Key is still running (see Retry-After); "
                + "or a conflict of the route itself.",
        });
        operation.Responses.TryAdd("422", new OpenApiResponse
        {
            Description = $"`{Problems.IdempotencyMismatch}`: this Idempotency-Key was used for another request in the last 24 hours; "
                + "or a refusal of the route itself.",
        });
        return Task.CompletedTask;
    }
}
