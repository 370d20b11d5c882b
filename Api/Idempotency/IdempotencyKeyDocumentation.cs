using Microsoft.OpenApi;
using Realtime.Api.Errors;
using Realtime.Api.Hosting;
using Realtime.Grains.Domain.Access;

namespace Realtime.Api.Idempotency;

/// <summary>Documents the <c>Idempotency-Key</c> header, and the answers it brings, on every route that honours it.</summary>
internal sealed class IdempotencyKeyDocumentation : RouteHeaderDocumentation<IdempotentMetadata>
{
    protected override OpenApiParameter Header => new()
    {
        Name = IdempotencyKeys.HeaderName,
        In = ParameterLocation.Header,
        Required = false,
        Description =
            $"Makes retries safe: the first request's final answer (2xx or 4xx: status, body, Location, ETag) is kept for 24 hours "
            + $"and sent again, with `{IdempotencyKeys.ReplayedHeaderName}: true`, to a retry with the same key, method, path, "
            + "caller and body, which then changes nothing. Keys belong to the organisation (on client routes, to the client). "
            + "A 5xx answer is not kept: retry it with the same key. 1 to 200 printable ASCII characters, e.g. a UUID.",
        Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = IdempotencyKeys.MaxLength },
    };

    protected override IReadOnlyDictionary<string, string> Responses { get; } = new Dictionary<string, string>
    {
        ["409"] = $"`{Problems.IdempotencyInProgress}`: a request with this Idempotency-Key is still running (see Retry-After); "
            + "or a conflict of the route itself.",
        ["422"] = $"`{Problems.IdempotencyMismatch}`: this Idempotency-Key was used for another request in the last 24 hours; "
            + "or a refusal of the route itself.",
    };
}
