using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Realtime.Api.Auth;
using Realtime.Api.Errors;
using Realtime.Grains.Domain.Clients;
using Realtime.Grains.Interfaces.Common;

namespace Realtime.Api.Hosting;

/// <summary>
/// <c>Realtime:RateLimits:*</c>: requests allowed per fixed <see cref="Window"/> (default one minute). Behind a proxy the
/// remote address is the proxy's unless forwarded headers are configured.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "Realtime:RateLimits";

    /// <summary>Sign-in requests (link and session routes together) per remote address.</summary>
    public int SignInPerIp { get; set; } = 20;

    /// <summary>Sign-in link requests per organisation and e-mail address, whoever asks.</summary>
    public int SignInPerEmail { get; set; } = 5;

    /// <summary>Requests to the client booking routes per client (all their sessions together).</summary>
    public int ClientBooking { get; set; } = 20;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>The rate-limiting policies of the client routes; a refusal is 429 <c>rate_limited</c> with <c>Retry-After</c> in seconds.</summary>
public static class RateLimits
{
    /// <summary>The sign-in routes, per remote address; the link route also per e-mail (<see cref="SignInEmailLimiter"/>).</summary>
    public const string ClientSignIn = "client-sign-in";

    /// <summary>The client booking routes, per client; needs the client session (<c>Policies.Client</c>) on the route.</summary>
    public const string ClientBooking = "client-booking";

    public static IServiceCollection AddRealtimeRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>()
            .Bind(configuration.GetSection(RateLimitOptions.Section))
            .Validate(
                options => options is { SignInPerIp: > 0, SignInPerEmail: > 0, ClientBooking: > 0 } && options.Window > TimeSpan.Zero,
                $"{RateLimitOptions.Section}: every limit must be at least 1 and the window positive.")
            .ValidateOnStart();
        services.AddSingleton<SignInEmailLimiter>();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                var http = context.HttpContext;
                return new ValueTask(Rejected(http, RetryAfter(context.Lease, Settings(http).Window)).ExecuteAsync(http));
            };
            limiter.AddPolicy(ClientSignIn, http => SignInPartition(http, Settings(http)));
            limiter.AddPolicy(ClientBooking, http => ClientBookingPartition(http, Settings(http)));
        });
        return services;
    }

    internal static RateLimitPartition<string> SignInPartition(HttpContext http, RateLimitOptions options) =>
        RateLimitPartition.GetFixedWindowLimiter("ip:" + RemoteAddress(http), _ => FixedWindow(options.SignInPerIp, options.Window));

    /// <summary>Per client; a request without a client session (refused later by authorization) counts by address.</summary>
    internal static RateLimitPartition<string> ClientBookingPartition(HttpContext http, RateLimitOptions options) =>
        RateLimitPartition.GetFixedWindowLimiter(
            http.User.FindFirstValue(ClientCaller.ClientClaim) is { } client ? "client:" + client : "ip:" + RemoteAddress(http),
            _ => FixedWindow(options.ClientBooking, options.Window));

    internal static FixedWindowRateLimiterOptions FixedWindow(int permits, TimeSpan window) =>
        new() { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true };

    internal static TimeSpan RetryAfter(RateLimitLease lease, TimeSpan window) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : window;

    /// <summary>The 429 answer, its <c>Retry-After</c> header in whole seconds (at least one), also as <c>retryAfterSeconds</c>.</summary>
    internal static ProblemHttpResult Rejected(HttpContext http, TimeSpan retryAfter)
    {
        var seconds = (long)Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Problems.Create(
            StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited, $"Too many requests: try again in {seconds} seconds.",
            members: new Dictionary<string, object?> { ["retryAfterSeconds"] = seconds });
    }

    private static RateLimitOptions Settings(HttpContext http) => http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;

    private static string RemoteAddress(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}

/// <summary>
/// The per-address limit of sign-in link requests. The address is in the body, which the rate-limiting middleware does
/// not read, so the endpoint asks once it has parsed it. Known and unknown addresses are limited alike.
/// </summary>
public sealed class SignInEmailLimiter(IOptions<RateLimitOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(
        key => RateLimitPartition.GetFixedWindowLimiter(key, _ => RateLimits.FixedWindow(options.Value.SignInPerEmail, options.Value.Window)));

    /// <summary>Null when the request may go on; otherwise how long to wait.</summary>
    public TimeSpan? Refusal(Guid organizationId, string email)
    {
        using var lease = limiter.AttemptAcquire($"{organizationId:N}/{ClientContacts.NormalizeEmail(email)}");
        return lease.IsAcquired ? null : RateLimits.RetryAfter(lease, options.Value.Window);
    }

    public void Dispose() => limiter.Dispose();
}
