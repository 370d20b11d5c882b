using Microsoft.AspNetCore.Authentication;
using Realtime.Grains.Interfaces.Common;

namespace Realtime.Api.Auth;

public static class RealtimeAuthentication
{
    /// <summary>The default authentication scheme of the API: bearer API keys.</summary>
    public const string Scheme = "ApiKey";

    /// <summary>The scheme of the client routes: bearer client session tokens (<see cref="ClientSessions"/>).</summary>
    public const string ClientScheme = "ClientSession";

    /// <summary>Configuration key of the operator's system key (unset: <c>POST /api/organizations</c> is closed).</summary>
    public const string OperatorKeySetting = "Realtime:OperatorKey";

    /// <summary>Claim that marks the operator (value "true"); staff keys never carry it.</summary>
    public const string OperatorClaim = "realtime:operator";

    /// <summary>
    /// Bearer authentication (operator key from <c>Realtime:OperatorKey</c>, staff keys verified by their grains) as the
    /// default scheme, with problem-details 401/403 answers, and the policies <see cref="Policies.Staff"/>,
    /// <see cref="Policies.Admin"/>, <see cref="Policies.Operator"/> and <see cref="Policies.Monitoring"/>.
    /// </summary>
    public static IServiceCollection AddRealtimeAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication(Scheme)
            .AddScheme<ApiKeyAuthenticationOptions, ApiKeyAuthenticationHandler>(Scheme, options =>
                options.OperatorKey = string.IsNullOrWhiteSpace(configuration[OperatorKeySetting]) ? null : configuration[OperatorKeySetting]!.Trim())
            .AddScheme<AuthenticationSchemeOptions, ClientSessionAuthenticationHandler>(ClientScheme, _ => { });
        // The data-protection key ring the sessions use is configured with the co-hosted silo's (AddClientLinks).
        services.AddSingleton<ClientSessions>();
        services.AddOptions<ClientAuthOptions>()
            .Bind(configuration.GetSection(ClientAuthOptions.Section))
            .Validate(options => options.SessionLifetime > TimeSpan.Zero, $"{ClientAuthOptions.Section}:SessionLifetime must be positive.")
            .ValidateOnStart();
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Staff, policy => policy.RequireAuthenticatedUser().RequireClaim(Caller.RoleClaim))
            .AddPolicy(Policies.Admin, policy => policy.RequireAuthenticatedUser()
                .RequireClaim(Caller.RoleClaim, nameof(StaffRole.Owner), nameof(StaffRole.Admin)))
            .AddPolicy(Policies.Operator, policy => policy.RequireAuthenticatedUser().RequireClaim(OperatorClaim, "true"))
            .AddPolicy(Policies.Monitoring, policy => policy.RequireAuthenticatedUser().RequireAssertion(context =>
                context.User.HasClaim(OperatorClaim, "true")
                || context.User.HasClaim(Caller.RoleClaim, nameof(StaffRole.Owner))
                || context.User.HasClaim(Caller.RoleClaim, nameof(StaffRole.Admin))))
            .AddPolicy(Policies.Client, policy => policy.AddAuthenticationSchemes(ClientScheme).RequireAuthenticatedUser()
                .RequireClaim(ClientCaller.ClientClaim));
        return services;
    }

    internal static Actor OperatorActor { get; } = new(ActorKind.System, "operator", "Operator");
}
