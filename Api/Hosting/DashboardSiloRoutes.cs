using Microsoft.AspNetCore.Routing.Patterns;
using Orleans.Runtime;
using Realtime.Api.Errors;
using Realtime.Grains.Interfaces.Common;

namespace Realtime.Api.Hosting;

/// <summary>
/// The Orleans dashboard's routes that name a silo answer 500 to an address they cannot parse and a plain-text 503 to
/// one that is not in the cluster; these answer with a problem first: 400 for the one, 404 for the other.
/// </summary>
public static class DashboardSiloRoutes
{
    private static readonly string[] RoutesNamingASilo = ["HistoricalStats", "SiloProperties", "SiloMetadata", "SiloStats", "SiloCounters"];

    public static TBuilder CheckSiloAddresses<TBuilder>(this TBuilder dashboard) where TBuilder : IEndpointConventionBuilder
    {
        dashboard.Add(endpoint =>
        {
            if (endpoint is RouteEndpointBuilder { RoutePattern: var pattern } && SiloParameter(pattern) is { } parameter)
            {
                endpoint.FilterFactories.Add((_, next) => context => Check(context, parameter) is { } refused
                    ? ValueTask.FromResult<object?>(refused)
                    : next(context));
            }
        });
        return dashboard;
    }

    private static string? SiloParameter(RoutePattern pattern) =>
        pattern.PathSegments.Count >= 2
        && pattern.PathSegments[^2].Parts is [RoutePatternLiteralPart literal]
        && RoutesNamingASilo.Contains(literal.Content, StringComparer.OrdinalIgnoreCase)
        && pattern.PathSegments[^1].Parts is [RoutePatternParameterPart parameter]
            ? parameter.Name
            : null;

    private static IResult? Check(EndpointFilterInvocationContext context, string parameter)
    {
        var text = context.HttpContext.GetRouteValue(parameter) as string;
        if (!SiloAddress.TryParse(text, out var silo))
        {
            return Problems.Validation(new FieldError(parameter, "Not a silo address such as 10.0.0.5:11111@123456789, as the dashboard lists them."));
        }
        var members = context.HttpContext.RequestServices.GetRequiredService<IClusterMembershipService>().CurrentSnapshot.Members;
        return members.ContainsKey(silo) ? null : Problems.NotFound("The silo");
    }
}
