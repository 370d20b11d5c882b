using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.TestingHost;
using Realtime.Grains.Hosting;
using Realtime.Grains.Tests.Infrastructure;
using Realtime.Silo.Hosting;

namespace Realtime.Grains.Tests.Hosting;

/// <summary>Silos on real PostgreSQL, configured the way the hosts configure them.</summary>
public sealed class PostgresSiloTests
{
    private const string ConnectionStringKey = "RealtimeTests:Postgres";

    [Fact]
    public async Task Grain_state_written_by_one_cluster_is_read_back_by_a_fresh_cluster()
    {
        await using var database = await PostgresDatabase.CreateAsync("hosting_storage");
        var keys = Enumerable.Range(0, 8).Select(i => $"probe-{i}").ToArray();

        await using (var writer = await StartClusterAsync(database))
        {
            foreach (var key in keys)
            {
                await writer.GrainFactory.GetGrain<IHostingProbeGrain>(key).SetAsync($"value of {key}");
            }
            await writer.StopAllSilosAsync();
        }

        await using var reader = await StartClusterAsync(database);
        foreach (var key in keys)
        {
            Assert.Equal($"value of {key}", await reader.GrainFactory.GetGrain<IHostingProbeGrain>(key).GetAsync());
        }

        // The row's version is the ETag: a writer holding a stale one fails instead of overwriting.
        var silo = reader.Primary as InProcessSiloHandle ?? throw new InvalidOperationException("expected an in-process silo");
        var storage = silo.SiloHost.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        var grainId = GrainId.Create("hosting-conflict", "one");
        var first = new GrainState<HostingProbeState>(new HostingProbeState { Value = "first" });
        var second = new GrainState<HostingProbeState>(new HostingProbeState { Value = "second" });
        await storage.WriteStateAsync("hosting-conflict", grainId, first);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("hosting-conflict", grainId, second));

        await storage.ReadStateAsync("hosting-conflict", grainId, second);
        Assert.Equal("first", second.State!.Value);
        second.State.Value = "second";
        await storage.WriteStateAsync("hosting-conflict", grainId, second);
        first.State!.Value = "stale";
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("hosting-conflict", grainId, first));

        var check = new GrainState<HostingProbeState>();
        await storage.ReadStateAsync("hosting-conflict", grainId, check);
        Assert.Equal("second", check.State!.Value);
        Assert.True(check.RecordExists);

        await storage.ClearStateAsync("hosting-conflict", grainId, check);
        var cleared = new GrainState<HostingProbeState>();
        await storage.ReadStateAsync("hosting-conflict", grainId, cleared);
        Assert.False(cleared.RecordExists);
        Assert.Null(cleared.State!.Value);
        cleared.State.Value = "after clear";
        await storage.WriteStateAsync("hosting-conflict", grainId, cleared);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("hosting-conflict", grainId, check));

        // State is stored as plain System.Text.Json, under the state name.
        var payload = await ReadPayloadAsync(database, "hosting-probe");
        Assert.Equal("""{"Value":"value of probe-0"}""", payload);
    }

    [Fact]
    public async Task A_silo_applies_the_schema_and_registers_itself_in_the_membership_table()
    {
        // No schema yet: ConfigureRealtimeSilo must apply it before membership and storage start.
        await using var database = await PostgresDatabase.CreateAsync("hosting_membership", applySchema: false);
        var (siloPort, gatewayPort) = (ApiNodeSettings.FreePort(), ApiNodeSettings.FreePort());

        using var host = SiloHosts.Build(new Dictionary<string, string?>
        {
            ["Realtime:Storage"] = "Postgres",
            ["ConnectionStrings:Postgres"] = database.ConnectionString,
            ["Orleans:ClusterId"] = "membership-test",
            ["Orleans:SiloPort"] = siloPort.ToString(),
            ["Orleans:GatewayPort"] = gatewayPort.ToString(),
            ["Orleans:AdvertisedIP"] = "127.0.0.1",
        });
        await host.StartAsync();
        try
        {
            Assert.Equal((int)SiloStatus.Active, await ReadSiloStatusAsync(database, "membership-test", siloPort));
            var grain = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IHostingProbeGrain>("membership");
            await grain.SetAsync("stored");
            Assert.Equal("stored", await grain.GetAsync());
        }
        finally
        {
            await host.StopAsync();
        }
        Assert.Equal((int)SiloStatus.Dead, await ReadSiloStatusAsync(database, "membership-test", siloPort));
    }

    private static async Task<TestCluster> StartClusterAsync(PostgresDatabase database)
    {
        var builder = new TestClusterBuilder(2);
        builder.Options.ServiceId = "hosting-tests"; // grain state is keyed by service id: keep it across clusters
        builder.Options.ClusterId = $"hosting-{Guid.NewGuid():N}";
        builder.Properties[ConnectionStringKey] = database.ConnectionString;
        builder.AddSiloBuilderConfigurator<PostgresStorageConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private static async Task<int?> ReadSiloStatusAsync(PostgresDatabase database, string clusterId, int siloPort)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT status FROM orleansmembershiptable WHERE deploymentid = @cluster AND port = @port", connection);
        command.Parameters.AddWithValue("cluster", clusterId);
        command.Parameters.AddWithValue("port", siloPort);
        return (int?)await command.ExecuteScalarAsync();
    }

    private static async Task<string> ReadPayloadAsync(PostgresDatabase database, string stateName)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT convert_from(payloadbinary, 'UTF8') FROM orleansstorage " +
            "WHERE graintypestring = @state AND grainidextensionstring = 'probe-0'", connection);
        command.Parameters.AddWithValue("state", stateName);
        return (string)(await command.ExecuteScalarAsync() ?? throw new InvalidOperationException("no row"));
    }

    private sealed class PostgresStorageConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) =>
            siloBuilder.UseRealtimeStorage(StorageMode.Postgres, siloBuilder.Configuration[ConnectionStringKey]);
    }
}
