using System.Globalization;

namespace Realtime.Harness;

/// <summary>
/// CPU time used over a window by a server process and by the PostgreSQL server's processes on this machine (null when
/// none runs here). Unlike a rate, it hardly depends on what else the machine runs meanwhile.
/// </summary>
public sealed record CpuUse(TimeSpan Server, TimeSpan? Postgres)
{
    public static CpuUse operator +(CpuUse left, CpuUse right) =>
        new(left.Server + right.Server, left.Postgres is { } postgres && right.Postgres is { } more ? postgres + more : null);
}

public static class CpuMeter
{
    /// <summary>Waits <paramref name="delay"/>, then measures over <paramref name="window"/>.</summary>
    public static async Task<CpuUse> MeasureAsync(ServerProcess server, TimeSpan delay, TimeSpan window)
    {
        await Task.Delay(delay);
        var (serverBefore, postgresBefore) = (server.CpuTime(), PostgresProcesses());
        await Task.Delay(window);
        var (serverAfter, postgresAfter) = (server.CpuTime(), PostgresProcesses());
        // A backend that ends inside the window takes its time with it (a small undercount); one that starts counts whole.
        var postgres = postgresAfter.Count == 0
            ? (TimeSpan?)null
            : postgresAfter.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Value - postgresBefore.GetValueOrDefault(p.Key));
        return new(serverAfter - serverBefore, postgres);
    }

    /// <summary>
    /// Read from <c>/proc/*/stat</c>: the command name there stays "postgres" whatever title a backend gives itself, and
    /// utime and stime are in clock ticks of 10 ms on Linux.
    /// </summary>
    private static Dictionary<int, TimeSpan> PostgresProcesses()
    {
        var used = new Dictionary<int, TimeSpan>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var id)) continue;
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(directory, "stat"));
            }
            catch (IOException)
            {
                continue; // it ended between the listing and the read
            }

            var nameEnd = stat.LastIndexOf(')');
            if (nameEnd < 0 || stat[(stat.IndexOf('(') + 1)..nameEnd] != "postgres") continue;
            var fields = stat[(nameEnd + 2)..].Split(' ');
            // Fields 14 and 15 of the line; the two before the name (pid, comm) are cut off with it.
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            used[id] = TimeSpan.FromMilliseconds(ticks * 10);
        }
        return used;
    }
}
