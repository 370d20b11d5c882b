using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Orleans.Dashboard;
using Realtime.Api.Auth;
using Realtime.Silo.Hosting;

namespace Realtime.Api.Hosting;

/// <summary>
/// The web side of telemetry: HTTP server metrics, and request traces when they are exported, added to the providers the
/// co-hosted silo sets up (see <c>SiloTelemetry</c>, which decides on export); and the Orleans dashboard, for owners,
/// admins and the operator.
/// </summary>
public static class ApiTelemetry
{
    public const string DashboardPath = "/dashboard";

    public static IServiceCollection AddRealtimeApiTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var telemetry = services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation());
        if (SiloTelemetry.OtlpEndpoint(configuration) is not null) telemetry.WithTracing(tracing => tracing.AddAspNetCoreInstrumentation());
        return services;
    }

    public static WebApplication MapRealtimeDashboard(this WebApplication app)
    {
        if (SiloTelemetry.DashboardEnabled(app.Configuration))
        {
            // The dashboard's routes serve its own page, not the API: they stay out of the API's description.
            app.MapOrleansDashboard(DashboardPath).RequireAuthorization(Policies.Monitoring).CheckSiloAddresses().ExcludeFromDescription();
        }
        return app;
    }
}
