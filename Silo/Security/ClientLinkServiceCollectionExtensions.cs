using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Realtime.Grains.Access;
using Realtime.Silo.Hosting;

namespace Realtime.Silo.Security;

public static class ClientLinkServiceCollectionExtensions
{
    /// <summary>The Data Protection application name: every node must use the same one to share the key ring.</summary>
    public const string ApplicationName = "Realtime";

    /// <summary>
    /// The one place Data Protection is configured, for the silo and the API it may co-host: application
    /// <see cref="ApplicationName"/>, keys in PostgreSQL (<see cref="PostgresXmlRepository"/>) in Postgres mode, the
    /// default in-process key ring in Memory mode. Then the client link tokens, links and sign-in e-mails.
    /// </summary>
    public static IServiceCollection AddClientLinks(this IServiceCollection services, StorageMode mode, string? connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddDataProtection().SetApplicationName(ApplicationName);
        if (mode == StorageMode.Postgres)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
            services.AddNpgsqlDataSource(connectionString);
            services.TryAddSingleton<PostgresXmlRepository>();
            services.AddOptions<KeyManagementOptions>().Configure<PostgresXmlRepository>((options, repository) => options.XmlRepository = repository);
        }

        services.AddOptions<ClientLinkOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IClientLinkTokens, DataProtectionClientLinkTokens>();
        services.TryAddSingleton<ClientLinks>();
        services.TryAddSingleton<SignInLinks>();
        return services;
    }

    /// <summary><c>Realtime:PublicBaseUrl</c> and <c>Realtime:ClientAuth:*</c> (see <see cref="ClientLinkOptions"/>).</summary>
    public static IServiceCollection ConfigureClientLinks(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ClientLinkOptions>()
            .Bind(configuration.GetSection(ClientLinkOptions.Section))
            .Configure(options =>
            {
                if (!string.IsNullOrWhiteSpace(configuration[ClientLinkOptions.PublicBaseUrlSetting]))
                {
                    options.PublicBaseUrl = configuration[ClientLinkOptions.PublicBaseUrlSetting]!.Trim();
                }
            })
            .Validate(
                options => options.PublicBaseUrl is null || (Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"),
                $"{ClientLinkOptions.PublicBaseUrlSetting} must be an absolute http or https URL.")
            .Validate(options => options.SignInLinkLifetime > TimeSpan.Zero, $"{ClientLinkOptions.Section}:SignInLinkLifetime must be positive.")
            .ValidateOnStart();
        return services;
    }
}
