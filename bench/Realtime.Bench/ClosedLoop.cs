using System.Diagnostics;

namespace Realtime.Bench;

public enum Outcome { Accepted, Rejected, Failed }

/// <summary>
/// What a closed loop measured inside its window: outcomes and client-side latencies (ms), and how many requests
/// were still in flight at its end (at most one per client; in neither the rates nor the latencies).
/// </summary>
public sealed record LoadResult(TimeSpan Window, long Accepted, long Rejected, long Failed, long Unfinished, IReadOnlyList<double> LatenciesMs)
{
    public double AcceptedPerSecond => Accepted / Window.TotalSeconds;

    public double DecisionsPerSecond => (Accepted + Rejected) / Window.TotalSeconds;

    public double P50 => Percentiles.Of(LatenciesMs, 0.50);

    public double P99 => Percentiles.Of(LatenciesMs, 0.99);

    /// <summary>Windows of one system's load measured apart, as one window as long as all of them.</summary>
    public static LoadResult Sum(IReadOnlyList<LoadResult> windows) => new(
        windows.Aggregate(TimeSpan.Zero, (sum, w) => sum + w.Window),
        windows.Sum(w => w.Accepted),
        windows.Sum(w => w.Rejected),
        windows.Sum(w => w.Failed),
        windows.Sum(w => w.Unfinished),
        [.. windows.SelectMany(w => w.LatenciesMs)]);
}

/// <summary>
/// A fixed number of clients, each sending its next request as soon as the last one is answered. Requests started
/// during the warm-up or still open at the end of the window are not counted (the latter are reported as in flight,
/// and cancelled if still open <see cref="Grace"/> later: a request stuck behind a lock would otherwise hold the run).
/// </summary>
public static class ClosedLoop
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    /// <param name="run">
    /// Numbers the clients' random sequences: a loop run again on the same target needs another, or it sends the same
    /// requests again.
    /// </param>
    public static async Task<LoadResult> RunAsync(
        int clients, TimeSpan warmUp, TimeSpan window, Func<Random, CancellationToken, Task<Outcome>> request, int run = 0)
    {
        var clock = Stopwatch.StartNew();
        var end = warmUp + window;
        using var stop = new CancellationTokenSource(end + Grace);
        var workers = Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var random = new Random(run * clients + client);
            var counted = new List<(Outcome? Outcome, double Ms)>();
            while (clock.Elapsed < end)
            {
                var started = clock.Elapsed;
                var outcome = await request(random, stop.Token);
                var finished = clock.Elapsed;
                if (finished > end) counted.Add((null, 0));
                else if (started >= warmUp) counted.Add((outcome, (finished - started).TotalMilliseconds));
            }
            return counted;
        }));
        var all = (await Task.WhenAll(workers)).SelectMany(w => w).ToArray();
        return new LoadResult(
            window,
            all.LongCount(r => r.Outcome == Outcome.Accepted),
            all.LongCount(r => r.Outcome == Outcome.Rejected),
            all.LongCount(r => r.Outcome == Outcome.Failed),
            all.LongCount(r => r.Outcome is null),
            [.. all.Where(r => r.Outcome is not null).Select(r => r.Ms)]);
    }

    /// <summary>Runs each request once, with at most <paramref name="clients"/> at a time (for loading data, not measured).</summary>
    public static async Task<TResult[]> EachAsync<T, TResult>(IReadOnlyList<T> items, int clients, Func<T, Task<TResult>> request)
    {
        var results = new TResult[items.Count];
        await Parallel.ForAsync(0, items.Count, new ParallelOptions { MaxDegreeOfParallelism = clients },
            async (i, _) => results[i] = await request(items[i]));
        return results;
    }
}
