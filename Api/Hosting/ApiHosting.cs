using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Realtime.Api.Auth;
using Realtime.Api.Demo;
using Realtime.Api.Endpoints.Support;
using Realtime.Api.Errors;
using Realtime.Api.Idempotency;
using Realtime.Api.Live;
using Realtime.Grains.Access;
using Realtime.Grains.Interfaces.Appointments;
using Scalar.AspNetCore;

namespace Realtime.Api.Hosting;

public static class ApiHosting
{
    public static WebApplicationBuilder AddRealtimeApi(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            RequestLimits.Configure(kestrel.Limits);
            // Every byte decodes, so a header that is not ASCII reaches the routes, which refuse it naming the header,
            // instead of Kestrel's bare 400 with no problem.
            kestrel.RequestHeaderEncodingSelector = _ => Encoding.Latin1;
        });
        builder.Services.Configure<JsonOptions>(options => Configure(options.SerializerOptions));
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<RequestErrorHandler>();
        builder.Services.AddOpenApi(openApi => openApi.AddOperationTransformer<IdempotencyKeyDocumentation>().AddOperationTransformer<IfMatchDocumentation>());
        builder.Services.AddRealtimeAuthentication(builder.Configuration);
        builder.Services.AddRealtimeRateLimits(builder.Configuration);
        builder.Services.AddRealtimeIdempotency();
        builder.Services.AddRealtimeBootstrap();
        builder.Services.AddSingleton<IListeningAddress, ServerListeningAddress>();
        builder.Services.AddFrontDeskLive();
        builder.Services.AddRealtimeApiTelemetry(builder.Configuration);
        if (builder.Configuration.GetValue<bool>(DemoSeeder.Setting)) builder.Services.AddHostedService<DemoSeeder>();
        var health = builder.Services.AddHealthChecks().AddCheck<ClusterHealthCheck>("cluster", tags: ["ready"]);
        if (builder.Configuration.GetConnectionString("Postgres") is { Length: > 0 }
            && !string.Equals(builder.Configuration["Realtime:Storage"], "Memory", StringComparison.OrdinalIgnoreCase))
        {
            health.AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        }

        return builder;
    }

    public static WebApplication UseRealtimeApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages(context => EmptyAnswer(context.HttpContext));
        app.Use(RequestLimits.Enforce);
        app.UseAuthentication();
        app.UseAuthorization();
        // After authorization, which signs in the client scheme: the client booking limit is per client.
        app.UseRateLimiter();
        // Only the document there is: the default route answers other names (in the path or the query) with a plain-text 404.
        app.MapOpenApi("/openapi/{documentName:regex(^v1$)}.json");
        app.MapScalarApiReference("/docs");
        app.MapRealtimeDashboard();
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") });
        return app;
    }

    public static void Configure(JsonSerializerOptions json)
    {
        json.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        json.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        json.Converters.Add(new StrictDateTimeOffsetConverter());
        json.Converters.Add(new LocalTimeConverter());
        json.Converters.Add(new StoredTextConverter());
        json.NumberHandling = JsonNumberHandling.Strict;
        json.UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip;
        json.TypeInfoResolver = (json.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(LeaveOutBookkeeping);
    }

    /// <summary>
    /// The grains' bookkeeping, not part of the API: a history entry's request id (repeated keyed requests are told by
    /// it) and whether an appointment keeps to its reminder window (decided when booked, under the policy then). Left out
    /// here (answers, the OpenAPI document, the hub) rather than on the records, whose stored state must keep them.
    /// </summary>
    private static readonly (Type Type, string Member)[] Bookkeeping =
    [
        (typeof(HistoryEntry), nameof(HistoryEntry.RequestId)),
        (typeof(AppointmentView), nameof(AppointmentView.InsideReminderWindow)),
    ];

    private static void LeaveOutBookkeeping(JsonTypeInfo type)
    {
        for (var i = type.Properties.Count - 1; i >= 0; i--)
        {
            if (type.Properties[i].AttributeProvider is System.Reflection.MemberInfo member && Bookkeeping.Contains((type.Type, member.Name)))
            {
                type.Properties.RemoveAt(i);
            }
        }
    }

    /// <summary>
    /// Unknown routes, wrong methods, and a body found too large while the framework read it get problem details too,
    /// never an empty body.
    /// </summary>
    private static Task EmptyAnswer(HttpContext context)
    {
        var status = context.Response.StatusCode;
        if (status == StatusCodes.Status413PayloadTooLarge) return RequestLimits.BodyTooLarge().ExecuteAsync(context);
        var code = status switch
        {
            StatusCodes.Status404NotFound => Grains.Interfaces.Common.ErrorCodes.NotFound,
            StatusCodes.Status405MethodNotAllowed => Problems.MethodNotAllowed,
            StatusCodes.Status401Unauthorized => Problems.Unauthorized,
            StatusCodes.Status403Forbidden => Problems.Forbidden,
            _ => Problems.MalformedRequest,
        };
        return Problems.Create(status, code, $"{context.Request.Method} {context.Request.Path} answered {status}.").ExecuteAsync(context);
    }

    private sealed class DatabaseHealthCheck(Npgsql.NpgsqlDataSource dataSource) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await using var ping = dataSource.CreateCommand("SELECT 1");
                await ping.ExecuteScalarAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception ex)
            {
                return HealthCheckResult.Unhealthy("PostgreSQL does not answer.", ex);
            }
        }
    }

    private sealed class ClusterHealthCheck(IClusterClient cluster) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await cluster.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception ex)
            {
                return HealthCheckResult.Unhealthy("The Orleans cluster does not answer.", ex);
            }
        }
    }
}
