using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Realtime.Grains.Holds;
using Realtime.Grains.Hosting;
using Realtime.Grains.Scheduling;
using Realtime.Silo.Database;
using Realtime.Silo.Notifications;
using Realtime.Silo.ReadModel;
using Realtime.Silo.Scheduling;
using Realtime.Silo.Security;
using Realtime.Silo.Storage;

namespace Realtime.Silo.Hosting;

/// <summary>How every Realtime silo is set up: the silo host, the API co-host and the tests.</summary>
public static class RealtimeSiloBuilderExtensions
{
    /// <summary>ADO.NET invariant name of Npgsql.</summary>
    public const string NpgsqlInvariant = "Npgsql";

    public const string DefaultClusterId = "realtime";
    public const string DefaultServiceId = "realtime";
    public const int DefaultSiloPort = 11111;
    public const int DefaultGatewayPort = 30000;

    /// <summary>
    /// Grain addresses a silo keeps for calls it may make again. Orleans keeps a million by default, and the
    /// entry of every grain that was ever active stays until the cache is full, about 260 bytes each: every booking's
    /// appointment would add one, up to about 260 MB a silo. A tenth of that still holds every calendar day in use
    /// (bench/limits.md, "The directory's cache kept every appointment's address").
    /// </summary>
    public const int DefaultDirectoryCacheSize = 100_000;

    /// <summary>
    /// Configures the whole silo from configuration:
    /// <c>Realtime:Storage</c> (<c>Postgres</c>, the default, or <c>Memory</c>), <c>ConnectionStrings:Postgres</c>,
    /// <c>Orleans:ClusterId</c> and <c>Orleans:ServiceId</c> (both default "realtime"), <c>Orleans:SiloPort</c>
    /// (11111), <c>Orleans:GatewayPort</c> (30000), <c>Orleans:AdvertisedIP</c> (an address or host name; default:
    /// this host's address, loopback in Memory mode) and <c>Orleans:ListenOnAnyAddress</c> (false: listen on the
    /// advertised address only; true for containers), <c>Orleans:DirectoryCacheSize</c> (see
    /// <see cref="DefaultDirectoryCacheSize"/>), <c>Realtime:Holds:Lifetime</c> (see <see cref="HoldSettings"/>),
    /// and the scheduler's <c>Realtime:Scheduler:*</c> (see
    /// <see cref="SchedulerSettings"/>). In Postgres mode the database schema is applied before the silo touches the
    /// database, and the connection string gets Realtime's Npgsql defaults (<see cref="PostgresConnectionString"/>);
    /// in Memory mode a warning says that nothing is kept.
    /// </summary>
    public static ISiloBuilder ConfigureRealtimeSilo(this ISiloBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        var mode = ReadStorageMode(configuration);
        var configured = configuration.GetConnectionString("Postgres");
        if (mode == StorageMode.Postgres && string.IsNullOrWhiteSpace(configured))
        {
            throw new InvalidOperationException(
                "Realtime:Storage is Postgres but ConnectionStrings:Postgres is not set " +
                "(set it in appsettings.json or as the environment variable ConnectionStrings__Postgres, " +
                "or set Realtime:Storage=Memory for a demo that keeps nothing).");
        }
        var connectionString = mode == StorageMode.Postgres ? PostgresConnectionString.Tuned(configured!) : configured;

        var clusterId = NonEmpty(configuration["Orleans:ClusterId"]) ?? DefaultClusterId;
        var serviceId = NonEmpty(configuration["Orleans:ServiceId"]) ?? DefaultServiceId;
        var siloPort = configuration.GetValue<int?>("Orleans:SiloPort") ?? DefaultSiloPort;
        var gatewayPort = configuration.GetValue<int?>("Orleans:GatewayPort") ?? DefaultGatewayPort;
        var advertisedIp = ReadAdvertisedIp(configuration, mode);
        var listenOnAnyAddress = configuration.GetValue<bool?>("Orleans:ListenOnAnyAddress") ?? false;
        var directoryCacheSize = ReadDirectoryCacheSize(configuration);

        builder.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = clusterId;
            options.ServiceId = serviceId;
        });
        builder.Configure<GrainDirectoryOptions>(options => options.CacheSize = directoryCacheSize);
        builder.Configure<EndpointOptions>(options =>
        {
            options.SiloPort = siloPort;
            options.GatewayPort = gatewayPort;
            if (advertisedIp is not null)
            {
                options.AdvertisedIPAddress = advertisedIp;
            }
            if (listenOnAnyAddress)
            {
                options.SiloListeningEndpoint = new IPEndPoint(IPAddress.Any, siloPort);
                options.GatewayListeningEndpoint = new IPEndPoint(IPAddress.Any, gatewayPort);
            }
        });

        if (mode == StorageMode.Postgres)
        {
            builder.UseRealtimeDatabaseSchema(connectionString!);
            builder.Services.AddSingleton<PendingOutboxes>().AddHostedService<OutboxRecovery>();
        }
        else
        {
            builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, InMemoryModeWarning>();
        }

        builder.UseRealtimeClustering(mode, connectionString);
        builder.UseRealtimeStorage(mode, connectionString);
        builder.Services.AddRealtimeSiloServices(mode, connectionString);
        builder.Services.AddRealtimeScheduler(mode, connectionString, SchedulerSettings.From(configuration));
        builder.Services.AddNotificationDispatcher(configuration);
        builder.Services.ConfigureClientLinks(configuration);
        builder.Services.Configure<HoldSettings>(configuration.GetSection(HoldSettings.Section));
        builder.AddRealtimeTelemetry(configuration);
        return builder;
    }

    /// <summary>
    /// What the grains need, with the appointment effects in the order they must run: client link, the appointment's
    /// reminder and after-end work (run by the scheduler <see cref="ConfigureRealtimeSilo"/> adds), the notification
    /// outbox (sent by the dispatcher <see cref="ConfigureRealtimeSilo"/> adds), whose confirmations carry client manage
    /// links (<see cref="ClientLinkServiceCollectionExtensions.AddClientLinks"/>), the waitlist, then the read-model
    /// projection, then the live feed (a published sequence number is already in the read model). The list comes last
    /// but the feed so that a change the list has is a change whose durable effects have run: that is how
    /// <see cref="PendingOutboxes"/> tells the outboxes a killed silo left behind.
    /// </summary>
    public static IServiceCollection AddRealtimeSiloServices(this IServiceCollection services, StorageMode mode, string? connectionString) =>
        services.AddCachedGrainInterfaceTypes().AddRealtimeGrains().AddAppointmentJobs().AddNotifications(mode, connectionString)
            .AddClientLinks(mode, connectionString).AddWaitlist().AddAppointmentProjection(mode, connectionString).AddLocationFeed();

    /// <summary>
    /// Registers the grain storage every Realtime grain uses (<see cref="StorageNames.Default"/>):
    /// PostgreSQL (<see cref="PostgresGrainStorage"/>, on the shared data source), or process memory, behind <see cref="DistrustingGrainStorage"/>. State is
    /// serialised with System.Text.Json in both modes, computed members left out. The database must already have the schema (see
    /// <see cref="UseRealtimeDatabaseSchema"/>).
    /// </summary>
    public static ISiloBuilder UseRealtimeStorage(this ISiloBuilder builder, StorageMode mode, string? connectionString)
    {
        const string store = StorageNames.Default + "-store";
        // Chosen once, before any data exists: rows written with one serializer are not readable with another.
        builder.UseSystemTextJsonGrainStorageSerializer();
        builder.Services.UseCompactStoredStateJson();
        switch (mode)
        {
            case StorageMode.Postgres:
                builder.Services.AddNpgsqlDataSource(RequireConnectionString(connectionString, nameof(UseRealtimeStorage)));
                builder.Services.AddKeyedSingleton<IGrainStorage>(store, (services, _) => new PostgresGrainStorage(
                    services.GetRequiredService<NpgsqlDataSource>(), services.GetRequiredService<IGrainStorageSerializer>(),
                    services.GetRequiredService<IActivatorProvider>(), services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId));
                break;
            case StorageMode.Memory:
                builder.AddMemoryGrainStorage(store);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(mode), mode, null);
        }
        builder.Services.AddKeyedSingleton<IGrainStorage>(
            StorageNames.Default, (services, _) => new DistrustingGrainStorage(services.GetRequiredKeyedService<IGrainStorage>(store)));
        return builder;
    }

    /// <summary>
    /// Registers cluster membership: PostgreSQL through ADO.NET with fast failure detection (a dead silo is
    /// declared dead in about two seconds), or single-silo localhost clustering in Memory mode.
    /// </summary>
    /// <param name="configureMembership">Optional further changes to the membership options (Postgres mode).</param>
    public static ISiloBuilder UseRealtimeClustering(
        this ISiloBuilder builder,
        StorageMode mode,
        string? connectionString,
        Action<ClusterMembershipOptions>? configureMembership = null)
    {
        switch (mode)
        {
            case StorageMode.Postgres:
                var cs = RequireConnectionString(connectionString, nameof(UseRealtimeClustering));
                builder.UseAdoNetClustering(options =>
                {
                    options.Invariant = NpgsqlInvariant;
                    options.ConnectionString = cs;
                });
                builder.Configure<ClusterMembershipOptions>(options =>
                {
                    options.ProbeTimeout = TimeSpan.FromSeconds(1);
                    options.NumMissedProbesLimit = 2;
                    options.NumVotesForDeathDeclaration = 1;
                    configureMembership?.Invoke(options);
                });
                break;
            case StorageMode.Memory:
                // This silo is its own primary; the endpoints come from EndpointOptions.
                builder.UseDevelopmentClustering(primarySiloEndpoint: null);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(mode), mode, null);
        }
        return builder;
    }

    /// <summary>
    /// Applies <see cref="Database.DatabaseSchema"/> at the very start of the silo lifecycle, before membership
    /// and storage read their queries; waits up to a minute for a database that is still starting.
    /// Several silos starting at once are serialised by the schema's advisory lock.
    /// </summary>
    public static ISiloBuilder UseRealtimeDatabaseSchema(this ISiloBuilder builder, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ILifecycleParticipant<ISiloLifecycle>, DatabaseSchemaInitializer>(
            sp => new DatabaseSchemaInitializer(connectionString, sp.GetRequiredService<ILogger<DatabaseSchemaInitializer>>())));
        return builder;
    }

    private static StorageMode ReadStorageMode(IConfiguration configuration)
    {
        var value = NonEmpty(configuration["Realtime:Storage"]);
        if (value is null)
        {
            return StorageMode.Postgres;
        }
        if (Enum.TryParse<StorageMode>(value, ignoreCase: true, out var mode) && Enum.IsDefined(mode))
        {
            return mode;
        }
        throw new InvalidOperationException($"Realtime:Storage must be Postgres or Memory, not '{value}'.");
    }

    private static IPAddress? ReadAdvertisedIp(IConfiguration configuration, StorageMode mode)
    {
        var value = NonEmpty(configuration["Orleans:AdvertisedIP"]);
        if (value is null)
        {
            return mode == StorageMode.Memory ? IPAddress.Loopback : null;
        }
        if (IPAddress.TryParse(value, out var address))
        {
            return address;
        }
        // A host name (e.g. a docker-compose service name): advertise the address it resolves to.
        var resolved = Dns.GetHostAddresses(value)
            .FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork);
        return resolved ?? throw new InvalidOperationException($"Orleans:AdvertisedIP '{value}' is not an IPv4 address or resolvable host name.");
    }

    private static int ReadDirectoryCacheSize(IConfiguration configuration)
    {
        var value = NonEmpty(configuration["Orleans:DirectoryCacheSize"]);
        if (value is null)
        {
            return DefaultDirectoryCacheSize;
        }
        return int.TryParse(value, out var size) && size > 0
            ? size
            : throw new InvalidOperationException($"Orleans:DirectoryCacheSize must be a whole number above 0, not '{value}'.");
    }

    private static string RequireConnectionString(string? connectionString, string caller) =>
        NonEmpty(connectionString) ?? throw new ArgumentException(
            $"{caller} in {nameof(StorageMode.Postgres)} mode needs a PostgreSQL connection string.", nameof(connectionString));

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
