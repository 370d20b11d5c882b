using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Runtime.Membership;
using Orleans.Runtime.MembershipService;
using Realtime.Grains.Tests.Infrastructure;
using Realtime.Silo.Hosting;

namespace Realtime.Grains.Tests.Hosting;

/// <summary>
/// Our clustering SQL against the Orleans 10.4.2 ADO.NET membership provider itself: every query it issues,
/// with the parameter names and types it sends.
/// </summary>
public sealed class MembershipTableContractTests
{
    private const string ClusterId = "contract";

    [Fact]
    public async Task Membership_rows_follow_the_table_version_protocol()
    {
        await using var database = await PostgresDatabase.CreateAsync("membership_contract");
        var table = CreateTable(database);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true); // a second silo: version row kept

        var empty = await table.ReadAllAsync();
        Assert.Empty(empty.Members);

        var now = Truncate(DateTime.UtcNow);
        var silo = Entry(port: 5001, SiloStatus.Joining, startTime: now, iAmAliveTime: now);
        Assert.True(await table.InsertRowAsync(silo, empty.Version.Next()));
        Assert.False(await table.InsertRowAsync(Entry(5002, SiloStatus.Joining, now, now), empty.Version.Next())); // stale version

        var afterInsert = await table.ReadAllAsync();
        Assert.False(await table.InsertRowAsync(silo, afterInsert.Version.Next())); // duplicate row
        Assert.Equal(afterInsert.Version.Version, (await table.ReadAllAsync()).Version.Version); // ... changed nothing

        var (read, etag) = Assert.Single(afterInsert.Members);
        Assert.Equal(silo.SiloAddress, read.SiloAddress);
        Assert.Equal("silo-5001", read.SiloName);
        Assert.Equal(now, read.StartTime);
        Assert.Equal(now, read.IAmAliveTime);

        read.Status = SiloStatus.Active;
        read.AddOrUpdateSuspector(SiloAddress.New(IPAddress.Loopback, 5009, 3), now, maxVotes: 10);
        Assert.True(await table.UpdateRowAsync(read, etag, afterInsert.Version.Next()));
        Assert.False(await table.UpdateRowAsync(read, etag, afterInsert.Version.Next())); // stale version

        var latest = await table.ReadAllAsync();
        var missing = Entry(5003, SiloStatus.Active, now, now);
        Assert.False(await table.UpdateRowAsync(missing, latest.Version.VersionEtag, latest.Version.Next())); // no such row
        Assert.Equal(latest.Version.Version, (await table.ReadAllAsync()).Version.Version); // ... changed nothing

        var alive = now.AddSeconds(5);
        await table.UpdateIAmAliveAsync(new MembershipEntry { SiloAddress = silo.SiloAddress, IAmAliveTime = alive });
        var row = await table.ReadRowAsync(silo.SiloAddress);
        var (active, _) = Assert.Single(row.Members);
        Assert.Equal(SiloStatus.Active, active.Status);
        Assert.Equal(alive, active.IAmAliveTime);
        Assert.Single(active.SuspectTimes!);

        var gateways = new AdoNetGatewayListProvider(
            NullLogger<AdoNetGatewayListProvider>.Instance,
            new ServiceCollection().BuildServiceProvider(),
            Options.Create(new AdoNetClusteringClientOptions { Invariant = RealtimeSiloBuilderExtensions.NpgsqlInvariant, ConnectionString = database.ConnectionString }),
            Options.Create(new GatewayOptions()),
            Options.Create(new ClusterOptions { ClusterId = ClusterId, ServiceId = "contract" }));
        await gateways.InitializeGatewayListProviderAsync();
        var gateway = Assert.Single(await gateways.GetGatewaysAsync());
        Assert.Equal(silo.SiloAddress.Endpoint.Address.ToString(), gateway.Host);
        Assert.Equal(6001, gateway.Port);

        await table.DeleteMembershipTableEntriesAsync(ClusterId);
        Assert.Equal(0L, await CountAsync(database, "SELECT count(*) FROM orleansmembershiptable"));
        Assert.Equal(0L, await CountAsync(database, "SELECT count(*) FROM orleansmembershipversiontable"));
    }

    [Fact]
    public async Task Cleanup_removes_only_dead_silos_older_than_the_cut_off()
    {
        await using var database = await PostgresDatabase.CreateAsync("membership_cleanup");
        var table = CreateTable(database);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true);

        var old = Truncate(DateTime.UtcNow.AddDays(-3));
        var recent = Truncate(DateTime.UtcNow);
        var entries = new[]
        {
            Entry(5001, SiloStatus.Dead, old, old),      // removed
            Entry(5002, SiloStatus.Dead, old, recent),   // heard of recently: kept
            Entry(5003, SiloStatus.Active, old, old),    // not dead: kept
            Entry(5004, SiloStatus.Dead, recent, recent) // kept
        };
        foreach (var entry in entries)
        {
            var data = await table.ReadAllAsync();
            Assert.True(await table.InsertRowAsync(entry, data.Version.Next()));
        }

        await table.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddDays(-1));

        var ports = (await table.ReadAllAsync()).Members.Select(m => m.Item1.SiloAddress.Endpoint.Port).Order();
        Assert.Equal([5002, 5003, 5004], ports);
    }

    private static AdoNetClusteringTable CreateTable(PostgresDatabase database) => new(
        new ServiceCollection().BuildServiceProvider(),
        Options.Create(new ClusterOptions { ClusterId = ClusterId, ServiceId = "contract" }),
        Options.Create(new AdoNetClusteringSiloOptions { Invariant = RealtimeSiloBuilderExtensions.NpgsqlInvariant, ConnectionString = database.ConnectionString }),
        NullLogger<AdoNetClusteringTable>.Instance);

    private static MembershipEntry Entry(int port, SiloStatus status, DateTime startTime, DateTime iAmAliveTime) => new()
    {
        SiloAddress = SiloAddress.New(IPAddress.Loopback, port, 7),
        SiloName = $"silo-{port}",
        HostName = "test-host",
        Status = status,
        ProxyPort = port + 1000,
        StartTime = startTime,
        IAmAliveTime = iAmAliveTime,
    };

    // PostgreSQL keeps microseconds; DateTime has 100 ns ticks.
    private static DateTime Truncate(DateTime value) =>
        new(value.Ticks - value.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);

    private static async Task<long> CountAsync(PostgresDatabase database, string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
