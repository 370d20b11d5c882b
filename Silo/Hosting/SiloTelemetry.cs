using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Orleans.Dashboard;
using Orleans.Hosting;
using Realtime.Grains.Telemetry;

namespace Realtime.Silo.Hosting;

/// <summary>
/// Metrics and traces of a silo: Orleans' own meter and activity sources (grain calls carry the caller's trace) and the
/// product's <see cref="RealtimeMetrics"/>. Exported over OTLP only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> or
/// <c>Realtime:Telemetry:OtlpEndpoint</c> is set; traces are only recorded then, as recording a span for every grain
/// call that nobody receives costs every request. A co-hosting web app adds its own instrumentation to the same providers.
/// </summary>
public static class SiloTelemetry
{
    public const string OrleansMeter = "Microsoft.Orleans";
    public const string OtlpEndpointSetting = "Realtime:Telemetry:OtlpEndpoint";
    public const string DashboardSetting = "Realtime:Dashboard:Enabled";
    public static readonly string[] OrleansSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    public static ISiloBuilder AddRealtimeTelemetry(this ISiloBuilder builder, IConfiguration configuration)
    {
        builder.AddActivityPropagation();
        if (DashboardEnabled(configuration)) builder.AddDashboard();
        var telemetry = builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics.AddMeter(OrleansMeter, RealtimeMetrics.MeterName));
        if (OtlpEndpoint(configuration) is { } endpoint)
        {
            telemetry.WithTracing(tracing => tracing.AddSource(OrleansSources))
                .UseOtlpExporter(OpenTelemetry.Exporter.OtlpExportProtocol.Grpc, endpoint);
        }

        return builder;
    }

    /// <summary>
    /// The Orleans dashboard, on unless turned off: its reader takes every Orleans measurement and, once a second, counts
    /// every activation (5.5 % of the server's CPU samples under the benchmark's uniform load), which a busy cluster may
    /// rather spare.
    /// </summary>
    public static bool DashboardEnabled(IConfiguration configuration) => configuration.GetValue(DashboardSetting, true);

    /// <summary>Where to export to, or null: the setting, else the standard environment variable.</summary>
    public static Uri? OtlpEndpoint(IConfiguration configuration) =>
        (configuration[OtlpEndpointSetting] ?? configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]) is { Length: > 0 } value
            ? new Uri(value)
            : null;
}
