using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.TestingHost;
using Realtime.Grains.Hosting;
using Realtime.Silo.Hosting;
using Realtime.Silo.Storage;

namespace Realtime.Grains.Tests.Hosting;

/// <summary>Realtime's grain storage on PostgreSQL: the rows of Orleans' ADO.NET provider, and group commit.</summary>
public sealed class PostgresGrainStorageTests : IAsyncLifetime
{
    private const string ConnectionStringKey = "RealtimeTests:Postgres";
    private const string OrleansProvider = "orleans-ado-net";

    private PostgresDatabase database = null!;
    private TestCluster cluster = null!;

    public async Task InitializeAsync()
    {
        database = await PostgresDatabase.CreateAsync("grain_storage");
        var builder = new TestClusterBuilder(1);
        builder.Properties[ConnectionStringKey] = database.ConnectionString;
        builder.AddSiloBuilderConfigurator<BothStoragesConfigurator>();
        cluster = builder.Build();
        await cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await cluster.StopAllSilosAsync();
        await cluster.DisposeAsync();
        await database.DisposeAsync();
    }

    public static TheoryData<string> Keys => ["guid", "guid with extension", "integer", "integer with extension", "string"];

    [Theory]
    [MemberData(nameof(Keys))]
    public async Task Rows_written_by_Orleans_ADO_NET_provider_are_read_and_updated_and_the_reverse(string keyKind)
    {
        var (realtime, orleans) = (Storage(StorageNames.Default), Storage(OrleansProvider));
        var grainId = GrainOf(keyKind);

        var written = new GrainState<HostingProbeState>(new HostingProbeState { Value = "by Orleans" });
        await orleans.WriteStateAsync("compat", grainId, written);
        var read = new GrainState<HostingProbeState>();
        await realtime.ReadStateAsync("compat", grainId, read);
        Assert.Equal(("by Orleans", written.ETag, true), (read.State!.Value, read.ETag, read.RecordExists));

        read.State!.Value = "by Realtime";
        await realtime.WriteStateAsync("compat", grainId, read);
        var readBack = new GrainState<HostingProbeState>();
        await orleans.ReadStateAsync("compat", grainId, readBack);
        Assert.Equal(("by Realtime", read.ETag), (readBack.State!.Value, readBack.ETag));

        // Each sees the other's version: the writer left behind is refused by both.
        await Assert.ThrowsAsync<InconsistentStateException>(() => orleans.WriteStateAsync("compat", grainId, written));
        var fresh = new GrainState<HostingProbeState>(new HostingProbeState { Value = "first write of a grain Orleans already stored" });
        await Assert.ThrowsAsync<InconsistentStateException>(() => realtime.WriteStateAsync("compat", grainId, fresh));

        var newGrain = GrainOf(keyKind);
        await realtime.WriteStateAsync("compat", newGrain, new GrainState<HostingProbeState>(new HostingProbeState { Value = "new" }));
        var seenByOrleans = new GrainState<HostingProbeState>();
        await orleans.ReadStateAsync("compat", newGrain, seenByOrleans);
        Assert.Equal(("new", "1"), (seenByOrleans.State!.Value, seenByOrleans.ETag));
    }

    [Fact]
    public async Task Concurrent_writes_share_commits_and_a_stale_writer_fails_alone()
    {
        var storage = Storage(StorageNames.Default);
        var stale = new GrainState<HostingProbeState>(new HostingProbeState { Value = "first" });
        var staleId = GrainId.Create("batch-probe", "stale");
        await storage.WriteStateAsync("batch-probe", staleId, stale);
        await storage.WriteStateAsync("batch-probe", staleId, new GrainState<HostingProbeState>(stale.State, stale.ETag));

        var ids = Enumerable.Range(0, 100).Select(i => GrainId.Create("batch-probe", $"grain-{i}")).ToArray();
        var writes = ids.Select(id => storage.WriteStateAsync("batch-probe", id, new GrainState<HostingProbeState>(new HostingProbeState { Value = id.Key.ToString() })))
            .Append(storage.WriteStateAsync("batch-probe", staleId, stale))
            .ToArray();
        await Assert.ThrowsAsync<InconsistentStateException>(() => Task.WhenAll(writes));

        Assert.Equal(1, writes.Count(w => w.IsFaulted));
        foreach (var id in ids)
        {
            var read = new GrainState<HostingProbeState>();
            await storage.ReadStateAsync("batch-probe", id, read);
            Assert.Equal(id.Key.ToString(), read.State!.Value);
        }
        // Rows written in one transaction carry its id: far fewer transactions than writes.
        Assert.InRange(await CountAsync("SELECT count(DISTINCT xmin::text) FROM orleansstorage WHERE graintypestring = 'batch-probe' AND grainidextensionstring LIKE 'grain-%'"), 1, ids.Length / 2);
    }

    [Fact]
    public async Task A_statement_that_fails_fails_only_its_own_write()
    {
        var storage = Storage(StorageNames.Default);
        var tooLong = new string('x', 600); // the state name column holds 512 characters
        var ids = Enumerable.Range(0, 20).Select(i => GrainId.Create("failing-probe", $"grain-{i}")).ToArray();
        var writes = ids.Select(id => storage.WriteStateAsync("failing-probe", id, new GrainState<HostingProbeState>(new HostingProbeState { Value = "kept" })))
            .Append(storage.WriteStateAsync(tooLong, ids[0], new GrainState<HostingProbeState>(new HostingProbeState())))
            .ToArray();
        await Assert.ThrowsAsync<InconsistentStateException>(() => Task.WhenAll(writes));

        Assert.Equal(1, writes.Count(w => w.IsFaulted));
        Assert.Equal(ids.Length, await CountAsync("SELECT count(*) FROM orleansstorage WHERE graintypestring = 'failing-probe'"));
    }

    [Fact]
    public async Task A_first_write_that_another_writer_beats_to_the_key_is_a_conflict()
    {
        var storage = Storage(StorageNames.Default);
        var grainId = GrainId.Create("race-probe", "grain");
        await storage.WriteStateAsync("race-probe", grainId, new GrainState<HostingProbeState>(new HostingProbeState { Value = "theirs" }));
        await using var other = new NpgsqlConnection(database.ConnectionString);
        await other.OpenAsync();
        await Execute(other, "CREATE TEMP TABLE theirs AS SELECT * FROM orleansstorage WHERE graintypestring = 'race-probe'");
        await Execute(other, "DELETE FROM orleansstorage WHERE graintypestring = 'race-probe'");

        // The other writer's first write is under way when this one checks that the row is absent.
        await using var open = await other.BeginTransactionAsync();
        await Execute(other, "INSERT INTO orleansstorage SELECT * FROM theirs");
        var mine = storage.WriteStateAsync("race-probe", grainId, new GrainState<HostingProbeState>(new HostingProbeState { Value = "mine" }));
        await Eventually.True(
            async () => await CountAsync("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") > 0,
            "the first write waiting for the other's");
        await open.CommitAsync();

        await Assert.ThrowsAsync<InconsistentStateException>(() => mine);
        var read = new GrainState<HostingProbeState>();
        await storage.ReadStateAsync("race-probe", grainId, read);
        Assert.Equal("theirs", read.State!.Value);
    }

    [Fact]
    public async Task Rows_of_time_ordered_guid_keys_lead_the_key_index_with_the_millisecond_they_were_made_and_reads_use_it()
    {
        var storage = Storage(StorageNames.Default);
        var type = GrainType.Create("order-probe");
        var first = new DateTimeOffset(2027, 3, 1, 9, 30, 15, 250, TimeSpan.Zero);
        var made = new[] { first.AddMinutes(5), first, first.AddMilliseconds(1), first.AddDays(40) };
        var grains = made.Select(instant => GrainId.Create(type, GrainIdKeyExtensions.CreateGuidKey(Guid.CreateVersion7(instant)))).ToArray();
        foreach (var grain in grains) await storage.WriteStateAsync("order-probe", grain, new GrainState<HostingProbeState>(new HostingProbeState()));

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        var ordered = new List<long>();
        await using (var keys = new NpgsqlCommand(
            "SELECT grain_key_order(grainidn0) FROM orleansstorage WHERE graintypestring = 'order-probe' ORDER BY 1", connection))
        await using (var reader = await keys.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) ordered.Add(reader.GetInt64(0));
        }
        Assert.Equal(made.Select(m => m.ToUnixTimeMilliseconds()).Order(), ordered);

        // Discouraged from reading the whole table, the planner takes the index only if the read's key can use it.
        await Execute(connection, "SET enable_seqscan = off");
        await using var explain = new NpgsqlCommand($"EXPLAIN (FORMAT JSON) {PostgresGrainStorage.ReadSql}", connection);
        PostgresGrainStorage.AddKey(explain.Parameters, GrainStorageKey.Of("order-probe", grains[0]), cluster.Options.ServiceId);
        Assert.Contains("\"Index Name\": \"orleansstorage_key_in_time_order\"", (string)(await explain.ExecuteScalarAsync())!, StringComparison.Ordinal);
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private IGrainStorage Storage(string name) =>
        ((InProcessSiloHandle)cluster.Primary!).SiloHost.Services.GetRequiredKeyedService<IGrainStorage>(name);

    private static GrainId GrainOf(string keyKind)
    {
        var type = GrainType.Create("compat-probe");
        return keyKind switch
        {
            "guid" => GrainId.Create(type, GrainIdKeyExtensions.CreateGuidKey(Guid.NewGuid())),
            "guid with extension" => GrainId.Create(type, GrainIdKeyExtensions.CreateGuidKey(Guid.NewGuid(), "ext")),
            "integer" => GrainId.Create(type, GrainIdKeyExtensions.CreateIntegerKey(Random.Shared.NextInt64())),
            "integer with extension" => GrainId.Create(type, GrainIdKeyExtensions.CreateIntegerKey(Random.Shared.NextInt64(), "ext")),
            _ => GrainId.Create(type, $"{Guid.NewGuid():N}/2026-11-23"),
        };
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private sealed class BothStoragesConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var connectionString = siloBuilder.Configuration[ConnectionStringKey];
            siloBuilder.UseRealtimeStorage(StorageMode.Postgres, connectionString);
            siloBuilder.AddAdoNetGrainStorage(OrleansProvider, options =>
            {
                options.Invariant = RealtimeSiloBuilderExtensions.NpgsqlInvariant;
                options.ConnectionString = connectionString;
            });
        }
    }
}
