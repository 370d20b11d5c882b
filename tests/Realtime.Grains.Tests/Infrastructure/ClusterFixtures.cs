using Microsoft.Extensions.Configuration;
using Npgsql;
using Orleans.TestingHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Realtime.Grains.Appointments.Effects;
using Realtime.Grains.Caching;
using Realtime.Grains.Hosting;
using Realtime.Silo.Hosting;
using Realtime.Silo.ReadModel;

namespace Realtime.Grains.Tests.Infrastructure;

/// <summary>Two in-process silos on memory storage: fast, for behaviour that does not depend on durability.</summary>
public sealed class MemoryClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>Each silo's copy of the definitions, which their grains have forget what changed.</summary>
    public DefinitionCache[] DefinitionCaches =>
        [.. Cluster.GetActiveSilos().Cast<InProcessSiloHandle>().Select(silo => silo.SiloHost.Services.GetRequiredService<DefinitionCache>())];

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(2);
        builder.AddSiloBuilderConfigurator<MemorySilo>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    private sealed class MemorySilo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) =>
            siloBuilder.UseRealtimeStorage(StorageMode.Memory, null).AddIncomingGrainCallFilter<CallGate>().AddOutgoingGrainCallFilter<CallGate>().AddIncomingGrainCallFilter<LostReplies>().Services
                .AddRealtimeSiloServices(StorageMode.Memory, null)
                .AddSingleton<IAppointmentEffect, RecordingEffect>()
                .AddSingleton<ILoggerProvider, ScopedLogRecorder>();
    }
}

/// <summary>
/// Two in-process silos persisting to a fresh PostgreSQL database, registered as a real silo is (grains and the
/// appointment projection) and recording the side effects handed on; can be stopped and started again on the same database.
/// </summary>
public class PostgresClusterFixture : IAsyncLifetime
{
    private const string ConnectionKey = "ConnectionStrings:Postgres";
    private readonly string databasePrefix;

    public PostgresClusterFixture() => databasePrefix = "grains";

    protected PostgresClusterFixture(string databasePrefix) => this.databasePrefix = databasePrefix;

    public PostgresDatabase Database { get; private set; } = null!;

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>Direct access to the database, for what tests read or plant behind the grains' backs.</summary>
    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await PostgresDatabase.CreateAsync(databasePrefix);
        DataSource = NpgsqlDataSource.Create(Database.ConnectionString);
        await OnDatabaseCreated();
        Cluster = await StartCluster();
    }

    /// <summary>Stops every silo, then starts a new cluster on the same database.</summary>
    public async Task Restart()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        Cluster = await StartCluster();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await DataSource.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>A place for a derived fixture to prepare the database before the silos start.</summary>
    protected virtual Task OnDatabaseCreated() => Task.CompletedTask;

    protected async Task Execute(string sql, params object[] values)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Polls a projected row until it reaches a version (projections are written at least once, soon after).</summary>
    protected static async Task<T> WaitForVersion<T>(Func<Task<T?>> read, Func<T, long> versionOf, long version, TimeSpan timeout, string what)
        where T : struct
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var row = await read();
            if (row is { } found && versionOf(found) >= version) return found;
            if (DateTime.UtcNow > deadline) Assert.Fail($"{what} did not reach v{version} within {timeout} (has: {row?.ToString() ?? "no row"}).");
            await Task.Delay(100);
        }
    }

    private async Task<TestCluster> StartCluster()
    {
        var builder = new TestClusterBuilder(2);
        builder.Options.ServiceId = $"realtime-tests-{databasePrefix}";
        builder.ConfigureHostConfiguration(config => config.AddInMemoryCollection(
            new Dictionary<string, string?> { [ConnectionKey] = Database.ConnectionString }));
        builder.AddSiloBuilderConfigurator<PostgresSilo>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private sealed class PostgresSilo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var connectionString = siloBuilder.Configuration[ConnectionKey];
            siloBuilder.UseRealtimeStorage(StorageMode.Postgres, connectionString).Services
                .AddRealtimeSiloServices(StorageMode.Postgres, connectionString)
                .AddSingleton<IAppointmentEffect, RecordingEffect>();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class MemoryClusterCollection : ICollectionFixture<MemoryClusterFixture>, ICollectionFixture<Waitlist.WaitlistMessagesClusterFixture>
{
    public const string Name = "memory cluster";
}

[CollectionDefinition(Name)]
public sealed class PostgresClusterCollection : ICollectionFixture<PostgresClusterFixture>
{
    public const string Name = "postgres cluster";
}
