using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;
using Realtime.Api.Errors;
using Realtime.Api.Hosting;
using Realtime.Grains.Interfaces.Common;

namespace Realtime.Api.Endpoints.Support;

/// <summary>Documents <c>If-Match</c>, and the answers it brings, on every appointment change that honours it (<see cref="IfMatchRoutes.OnVersion"/>).</summary>
internal sealed class IfMatchDocumentation : RouteHeaderDocumentation<IfMatchMetadata>
{
    protected override OpenApiParameter Header => new()
    {
        Name = HeaderNames.IfMatch,
        In = ParameterLocation.Header,
        Required = false,
        Description =
            "The appointment's ETag as the caller last saw it (its version, e.g. \"7\", from GET /api/appointments/{id}, a change's "
            + "answer, the calendar or the live feed): the change is made only if the appointment is still at that version. `*`: "
            + "only if it exists. Without it, the change goes ahead whatever changed meanwhile. A successful answer carries the new ETag (a deletion's 204 has none).",
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };

    protected override IReadOnlyDictionary<string, string> Responses { get; } = new Dictionary<string, string>
    {
        ["412"] = $"`{ErrorCodes.AppointmentChanged}`: someone else changed the appointment since the version in If-Match; nothing "
            + "was changed. The problem's `currentVersion` and the ETag header give the version it is at now.",
        ["400"] = $"`{Problems.InvalidIfMatch}`: If-Match is not one strong ETag or `*`; or a refusal of the route itself.",
    };
}

/// <summary>Marks an appointment change that honours <c>If-Match</c>.</summary>
internal sealed class IfMatchMetadata
{
    public static readonly IfMatchMetadata Instance = new();

    private IfMatchMetadata()
    {
    }
}

internal static class IfMatchRoutes
{
    /// <summary>Documents that the route honours <c>If-Match</c> (the route reads it with <see cref="AppointmentVersions.TryReadIfMatch"/>).</summary>
    public static RouteHandlerBuilder OnVersion(this RouteHandlerBuilder route) => route.WithMetadata(IfMatchMetadata.Instance);
}
