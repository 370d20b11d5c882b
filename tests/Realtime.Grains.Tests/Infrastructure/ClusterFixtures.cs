using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;
using Microsoft.Extensions.DependencyInjection;
using Realtime.Grains.Appointments.Effects;
using Realtime.Grains.Hosting;
using Realtime.Silo.Hosting;

namespace Realtime.Grains.Tests.Infrastructure;

/// <summary>Two in-process silos on memory storage: fast, for behaviour that does not depend on durability.</summary>
public sealed class MemoryClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

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
            siloBuilder.UseRealtimeStorage(StorageMode.Memory, null).Services
                .AddRealtimeGrains()
                .AddSingleton<IAppointmentEffect, RecordingEffect>();
    }
}

/// <summary>Two in-process silos persisting to a fresh PostgreSQL database; can be stopped and started again on it.</summary>
public sealed class PostgresClusterFixture : IAsyncLifetime
{
    private const string ConnectionKey = "ConnectionStrings:Postgres";

    public PostgresDatabase Database { get; private set; } = null!;

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        Database = await PostgresDatabase.CreateAsync("grains");
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
        await Database.DisposeAsync();
    }

    private async Task<TestCluster> StartCluster()
    {
        var builder = new TestClusterBuilder(2);
        builder.Options.ServiceId = "realtime-tests";
        builder.ConfigureHostConfiguration(config => config.AddInMemoryCollection(
            new Dictionary<string, string?> { [ConnectionKey] = Database.ConnectionString }));
        builder.AddSiloBuilderConfigurator<PostgresSilo>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private sealed class PostgresSilo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) =>
            siloBuilder.UseRealtimeStorage(StorageMode.Postgres, siloBuilder.Configuration[ConnectionKey]).Services.AddRealtimeGrains();
    }
}

[CollectionDefinition(Name)]
public sealed class MemoryClusterCollection : ICollectionFixture<MemoryClusterFixture>
{
    public const string Name = "memory cluster";
}

[CollectionDefinition(Name)]
public sealed class PostgresClusterCollection : ICollectionFixture<PostgresClusterFixture>
{
    public const string Name = "postgres cluster";
}
