using System.Diagnostics;
using Npgsql;
using Realtime.Bench.Scenarios;

namespace Realtime.Bench;

/// <summary>
/// One run: the commit ceiling, then Realtime and the baseline started side by side and every scenario in turn; the
/// report is rewritten after each scenario, so a failure keeps what was measured before it.
/// </summary>
public static class Benchmark
{
    private static readonly (string Name, Func<BenchContext, Task> Run)[] Scenarios =
    [
        ("Warm-up", WarmUp.RunAsync),
        ("Uniform load", UniformLoad.RunAsync),
        ("Hot contention", HotContention.RunAsync),
        ("Availability", AvailabilitySearch.RunAsync),
        ("Write amplification", WriteAmplification.RunAsync),
        ("Table designs", TableDesigns.RunAsync),
        ("SignalR fan-out", SignalRFanOut.RunAsync),
        ("Memory", ResidentMemory.RunAsync),
    ];

    /// <summary>0, or 1 when a scenario could not run (it is then listed as not measured).</summary>
    public static async Task<int> RunAsync(BenchOptions options)
    {
        var settings = options.Quick ? BenchSettings.QuickRun : BenchSettings.Full;
        var started = DateTimeOffset.UtcNow;
        var machine = Machine.Current();
        var postgres = new PostgresServer(options.Postgres);
        var server = $"PostgreSQL {await postgres.SettingAsync("server_version")} (fsync {await postgres.SettingAsync("fsync")}, " +
            $"synchronous_commit {await postgres.SettingAsync("synchronous_commit")}, shared_buffers {await postgres.SettingAsync("shared_buffers")})";
        var results = new BenchResults();
        var limits = File.Exists(options.Limits) ? await File.ReadAllTextAsync(options.Limits) : null;

        var address = new NpgsqlConnectionStringBuilder(options.Postgres);
        Console.WriteLine($"pgbench: {settings.Clients} clients, {settings.Window.TotalSeconds:N0} s");
        var wal = new WalDump(
            Path.Combine(Path.GetDirectoryName(options.Pgbench)!, "pg_waldump"), Path.Combine(await postgres.SettingAsync("data_directory"), "pg_wal"));
        var ceiling = await new Pgbench(options.Pgbench, postgres, wal, address.Host!, address.Port).RunAsync(settings.Clients, settings.Window);
        Console.WriteLine("Starting Realtime and the baseline");
        await using var realtime = await RealtimeSystem.StartAsync(options.RealtimeDll, postgres, Path.Combine(options.Logs, "realtime.log"));
        await using var baseline = await BaselineSystem.StartAsync(options.BaselineDll, postgres, Path.Combine(options.Logs, "baseline.log"));
        var bench = new BenchContext(settings, postgres, wal, realtime, baseline, ceiling, results);

        var failed = false;
        // The warm-up always runs: the first scenario would otherwise measure JIT and cold grains.
        foreach (var (name, run) in Scenarios.Where(s => s.Run == WarmUp.RunAsync || options.Only.Length == 0
                     || options.Only.Contains(s.Name, StringComparer.OrdinalIgnoreCase)))
        {
            Console.WriteLine($"{name}...");
            var clock = Stopwatch.StartNew();
            try
            {
                await run(bench);
                Console.WriteLine($"{name}: {clock.Elapsed.TotalSeconds:N0} s");
            }
            catch (Exception e)
            {
                failed = true;
                results.Missing.Add($"{name}: the scenario failed: {e.Message}");
                Console.Error.WriteLine($"{name} failed: {e}");
            }
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.Output))!);
            await File.WriteAllTextAsync(options.Output, Report.Markdown(settings, machine, server, started, results, limits));
        }

        Console.WriteLine(await File.ReadAllTextAsync(options.Output));
        if (Http.FirstFailure is { } failure) Console.WriteLine($"First failed request: {failure}");
        return failed ? 1 : 0;
    }
}
