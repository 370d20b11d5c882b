using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;

namespace Realtime.Faults;

/// <summary>
/// The system under test as real processes on this machine: two grain-only silos and one API node co-hosting a third
/// silo, all on one fresh database. A silo can be killed (SIGKILL) and started again with the same configuration.
/// </summary>
public sealed class Cluster : IAsyncDisposable
{
    public const string DatabaseName = "faults";
    private const int ActiveStatus = 3; // Orleans' SiloStatus in the membership table
    private const int DeadStatus = 6;
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    private readonly FaultOptions options;
    private readonly string connectionString;
    private readonly SiloSlot[] silos =
        [new("silo-a", ServerProcess.FreePort(), ServerProcess.FreePort()), new("silo-b", ServerProcess.FreePort(), ServerProcess.FreePort())];
    private ServerProcess? api;

    private Cluster(FaultOptions options, string connectionString)
    {
        this.options = options;
        this.connectionString = connectionString;
    }

    public string ConnectionString => connectionString;

    public Uri ApiAddress => api!.Address;

    /// <summary>The owner key of the organisation the API node creates at its first start.</summary>
    public string OwnerKey { get; } = NewOwnerKey();

    public int SiloCount => silos.Length;

    public static async Task<Cluster> StartAsync(FaultOptions options, PostgresServer postgres)
    {
        await postgres.RecreateDatabaseAsync(DatabaseName);
        var cluster = new Cluster(options, postgres.ConnectionString(DatabaseName));
        try
        {
            // All at once: the schema's advisory lock lets one of them apply it while the others wait.
            await Task.WhenAll(cluster.silos.Select(silo => StartSiloAsync(options, cluster.connectionString, silo)).Append(cluster.StartApiAsync()));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Kills silo <paramref name="index"/> at once (kill -9); its grains are unreachable until the cluster declares it dead.</summary>
    public Task KillSiloAsync(int index) => silos[index].Process!.KillAsync();

    /// <summary>Starts silo <paramref name="index"/> again as a new process with its old configuration; returns once it is active.</summary>
    public async Task RestartSiloAsync(int index)
    {
        await silos[index].Process!.DisposeAsync();
        silos[index].Process = null;
        await StartSiloAsync(options, connectionString, silos[index]);
    }

    public string SiloName(int index) => silos[index].Name;

    /// <summary>The time from <paramref name="sinceKill"/>'s start until the cluster recorded silo <paramref name="index"/> as dead, or null past <paramref name="limit"/>.</summary>
    public async Task<TimeSpan?> UntilDeclaredDeadAsync(int index, Stopwatch sinceKill, TimeSpan limit)
    {
        var silo = silos[index];
        // The killed instance's launch: the restart, which may begin before the death is recorded, moves the slot's on.
        var killedLaunch = silo.Launched;
        while (sinceKill.Elapsed < limit)
        {
            if (await HasStatusAsync(connectionString, silo.SiloPort, DeadStatus, killedLaunch)) return sinceKill.Elapsed;
            await Task.Delay(Poll);
        }
        return null;
    }

    /// <summary>Stops every node at once: each waits for its own graceful shutdown.</summary>
    public async ValueTask DisposeAsync() =>
        await Task.WhenAll(silos.Select(s => s.Process).Append(api).OfType<ServerProcess>().Select(p => p.DisposeAsync().AsTask()));

    private async Task StartApiAsync()
    {
        var environment = new Dictionary<string, string>(NodeEnvironment(connectionString, ServerProcess.FreePort(), ServerProcess.FreePort()))
        {
            ["Realtime__BootstrapOwnerKey"] = OwnerKey,
        };
        api = await ServerProcess.StartAsync(options.ApiDll, environment, "/health/ready", Path.Combine(options.Logs, "api.log"));
    }

    private static async Task StartSiloAsync(FaultOptions options, string connectionString, SiloSlot silo)
    {
        silo.Starts++;
        silo.Launched = DateTimeOffset.UtcNow.AddSeconds(-1);
        silo.Process = await ServerProcess.StartAsync(
            options.SiloDll, NodeEnvironment(connectionString, silo.SiloPort, silo.GatewayPort),
            Path.Combine(options.Logs, $"{silo.Name}-{silo.Starts}.log"),
            _ => HasStatusAsync(connectionString, silo.SiloPort, ActiveStatus, silo.Launched));
    }

    /// <summary>Whether the silo on that port started after <paramref name="launched"/> has that status (an older, killed one may still be listed as active).</summary>
    private static async Task<bool> HasStatusAsync(string connectionString, int siloPort, int status, DateTimeOffset launched)
    {
        try
        {
            return await PostgresServer.CountAsync(connectionString, """
                SELECT count(*) FROM orleansmembershiptable
                 WHERE deploymentid = $1 AND port = $2 AND status = $3 AND starttime >= $4
                """, DatabaseName, siloPort, status, launched) > 0;
        }
        catch (Npgsql.NpgsqlException)
        {
            return false; // the first silo has not applied the schema yet, or PostgreSQL is restarting
        }
    }

    private static Dictionary<string, string> NodeEnvironment(string connectionString, int siloPort, int gatewayPort) => new()
    {
        ["Realtime__Storage"] = "Postgres",
        ["ConnectionStrings__Postgres"] = connectionString,
        ["Orleans__ClusterId"] = DatabaseName,
        ["Orleans__ServiceId"] = DatabaseName,
        ["Orleans__AdvertisedIP"] = "127.0.0.1",
        ["Orleans__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
        ["Orleans__GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
        ["Logging__LogLevel__Default"] = "Warning",
        [RecoveryLogs.LogLevelSetting] = "Information",
        ["Logging__Console__TimestampFormat"] = "HH:mm:ss.fff ",
    };

    /// <summary>A well-formed staff key: <c>rtk_&lt;32 hex&gt;_&lt;43 base64url&gt;</c>.</summary>
    private static string NewOwnerKey() =>
        $"rtk_{Guid.NewGuid():N}_{Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}";

    /// <summary>One silo's fixed configuration and the process now running it.</summary>
    private sealed class SiloSlot(string name, int siloPort, int gatewayPort)
    {
        public string Name => name;
        public int SiloPort => siloPort;
        public int GatewayPort => gatewayPort;
        public int Starts { get; set; }
        public DateTimeOffset Launched { get; set; }
        public ServerProcess? Process { get; set; }
    }
}
