using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Realtime.Bench;

/// <summary>What pgbench measured: committed transactions per second and the WAL each one wrote (full-page images apart).</summary>
public sealed record CeilingResult(int Clients, double CommitsPerSecond, double LatencyAverageMs, double WalBytesPerCommit);

/// <summary>
/// The durable-commit ceiling: pgbench committing one single-row INSERT per transaction on the same server, with the
/// same number of clients as the HTTP scenarios.
/// </summary>
public sealed partial class Pgbench(string executable, PostgresServer postgres, WalDump wal, string host, int port)
{
    public const string DatabaseName = "bench_ceiling";

    private const string Script = "INSERT INTO commits (resource_id, during) VALUES (gen_random_uuid(), tstzrange(now(), now() + interval '30 minutes'));\n";

    public async Task<CeilingResult> RunAsync(int clients, TimeSpan duration)
    {
        await postgres.RecreateDatabaseAsync(DatabaseName);
        await PostgresServer.ExecuteAsync(postgres.ConnectionString(DatabaseName),
            "CREATE TABLE commits (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, resource_id uuid NOT NULL, during tstzrange NOT NULL)");
        var script = Path.GetTempFileName();
        await File.WriteAllTextAsync(script, Script);
        try
        {
            var walStart = await postgres.WalFlushPositionAsync();
            var output = await RunPgbenchAsync(
                "-n", "-h", host, "-p", port.ToString(CultureInfo.InvariantCulture), "-U", "postgres",
                "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", Math.Min(clients, Environment.ProcessorCount).ToString(CultureInfo.InvariantCulture),
                "-T", ((int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture), "-f", script, DatabaseName);
            var written = await wal.BetweenAsync(walStart, await postgres.WalFlushPositionAsync());
            var commits = Number(Processed(), output);
            return new CeilingResult(clients, Number(Tps(), output), Number(Latency(), output), written.RecordBytes / Math.Max(commits, 1));
        }
        finally
        {
            File.Delete(script);
        }
    }

    private async Task<string> RunPgbenchAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"pgbench failed ({process.ExitCode}): {await errors}");
        return await output;
    }

    private static double Number(Regex pattern, string output) =>
        pattern.Match(output) is { Success: true } match
            ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"pgbench output not understood ({pattern}):\n{output}");

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex Tps();

    [GeneratedRegex(@"latency average = ([0-9.]+) ms")]
    private static partial Regex Latency();

    [GeneratedRegex(@"number of transactions actually processed: ([0-9]+)")]
    private static partial Regex Processed();
}
