using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Realtime.Bench;

/// <summary>
/// WAL the server wrote between two positions: its records' own bytes and the full-page images apart, and its
/// transaction records (one per commit of a transaction that wrote).
/// </summary>
public sealed record WalVolume(long RecordBytes, long FullPageImageBytes, long TransactionRecords);

/// <summary>
/// Reads the WAL with pg_waldump --stats. Full-page images are written for the first change of a page after each
/// checkpoint, so they depend on when checkpoints fall; the records' own bytes do not.
/// </summary>
public sealed partial class WalDump(string executable, string walDirectory)
{
    public async Task<WalVolume> BetweenAsync(string start, string end)
    {
        if (start == end) return new WalVolume(0, 0, 0);
        var run = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "--path", walDirectory, "--start", start, "--end", end, "--stats" }) run.ArgumentList.Add(argument);
        using var process = Process.Start(run) ?? throw new InvalidOperationException($"Could not start {executable}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"pg_waldump failed ({process.ExitCode}): {await errors}");
        var stats = await output;
        return Total().Match(stats) is { Success: true } total
            ? new WalVolume(Number(total.Groups[1]), Number(total.Groups[2]), Transactions().Match(stats) is { Success: true } transactions ? Number(transactions.Groups[1]) : 0)
            : throw new InvalidOperationException($"pg_waldump output not understood:\n{stats}");

        static long Number(Group group) => long.Parse(group.Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^Total\s+\d+\s+(\d+) \[[^\]]*\]\s+(\d+) \[", RegexOptions.Multiline)]
    private static partial Regex Total();

    [GeneratedRegex(@"^Transaction\s+(\d+)\s", RegexOptions.Multiline)]
    private static partial Regex Transactions();
}
