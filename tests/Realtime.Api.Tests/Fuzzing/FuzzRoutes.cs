using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Realtime.Api.Hosting;
using Realtime.Api.Live;

namespace Realtime.Api.Tests.Fuzzing;

/// <summary>One method of one route of the running app, with what it reads from the request.</summary>
internal sealed record FuzzRoute(string Method, string Pattern, string[] PathParameters, string[] QueryParameters, bool TakesJson)
{
    public string Name => $"{Method} {Pattern}";
}

internal static class FuzzRoutes
{
    /// <summary>
    /// Not fuzzed: the SignalR hub (its negotiate and connection routes speak SignalR's protocol, not the API's), the
    /// front-desk page (static files, or a placeholder route answering 503 when the page is not built), and the Orleans
    /// dashboard's live trace (it streams until the client leaves).
    /// </summary>
    private static readonly string[] SkippedPrefixes = [FrontDeskHub.Path, FrontDeskHosting.PagePath, ApiTelemetry.DashboardPath + "/Trace"];

    private static readonly Type[] QueryTypes = [typeof(string), typeof(int), typeof(long), typeof(bool), typeof(Guid), typeof(DateOnly), typeof(DateTimeOffset)];

    /// <summary>Every route the app maps, read from its endpoint data source, so a new route is fuzzed without being listed.</summary>
    public static FuzzRoute[] Of(IServiceProvider services) =>
    [
        .. services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => !SkippedPrefixes.Any(p => ("/" + e.RoutePattern.RawText?.TrimStart('/')).StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method => Describe(e, method)))
            .OrderBy(r => r.Name, StringComparer.Ordinal),
    ];

    private static FuzzRoute Describe(RouteEndpoint endpoint, string method)
    {
        var pattern = "/" + endpoint.RoutePattern.RawText!.Trim('/');
        var pathParameters = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToArray();
        var handler = endpoint.Metadata.OfType<MethodInfo>().FirstOrDefault();
        var query = (handler?.GetParameters() ?? [])
            .Where(p => !pathParameters.Contains(p.Name, StringComparer.OrdinalIgnoreCase)
                && QueryTypes.Contains(Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType))
            .Select(p => p.Name!)
            .ToArray();
        var takesJson = endpoint.Metadata.GetOrderedMetadata<IAcceptsMetadata>()
            .Any(a => a.ContentTypes.Any(t => t.Contains("json", StringComparison.OrdinalIgnoreCase)));
        return new FuzzRoute(method, pattern, pathParameters, query, takesJson);
    }
}
