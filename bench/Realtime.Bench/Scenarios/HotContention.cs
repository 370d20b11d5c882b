namespace Realtime.Bench.Scenarios;

/// <summary>
/// Few slots, many clients: 2 resources × 21 slots fought over by the contention clients. Almost every request is a
/// rejection once the slots are gone: how fast each system decides, and whether it ever double-books.
/// </summary>
public static class HotContention
{
    private const string Name = "Hot contention";
    private const int Resources = 2;
    private const int Slots = 21;

    public static async Task RunAsync(BenchContext bench)
    {
        var settings = bench.Settings;
        var deadlocksBefore = new Dictionary<string, long>();
        foreach (var system in bench.Systems) deadlocksBefore[system.Name] = await bench.Postgres.DeadlocksAsync(system.Database);
        var runs = new Dictionary<string, (LoadResult Load, long Overlaps)>();
        foreach (var system in bench.Systems)
        {
            var target = await system.NewTargetAsync(Resources);
            var load = await ClosedLoop.RunAsync(settings.ContentionClients, settings.WarmUp, settings.Window, (random, cancellation) => target.BookAsync(
                target.ResourceIds[random.Next(Resources)], BenchCalendar.Slot(0, random.Next(Slots)), cancellation));
            runs[system.Name] = (load, await target.OverlappingPairsAsync());
        }
        await Task.Delay(PostgresServer.StatisticsDelay);
        var measured = new Dictionary<string, (LoadResult Load, long Deadlocks, long Overlaps)>();
        foreach (var system in bench.Systems)
        {
            var deadlocks = await bench.Postgres.DeadlocksAsync(system.Database) - deadlocksBefore[system.Name];
            measured[system.Name] = (runs[system.Name].Load, deadlocks, runs[system.Name].Overlaps);
        }

        var (realtime, baseline) = (measured[bench.Realtime.Name], measured[bench.Baseline.Name]);
        var measure = $"{Resources} resources × {Slots} slots, {settings.ContentionClients} clients";
        bench.Results.Figures.AddRange(
        [
            new(Name, $"decisions/s ({measure})", realtime.Load.DecisionsPerSecond, baseline.Load.DecisionsPerSecond,
                Target: new("≥ 5× baseline", realtime.Load.DecisionsPerSecond >= 5 * baseline.Load.DecisionsPerSecond)),
            new(Name, "p99 latency (ms)", realtime.Load.P99, baseline.Load.P99, Target: new("≤ 20 ms", realtime.Load.P99 <= 20)),
            new(Name, "deadlocks (pg_stat_database)", realtime.Deadlocks, baseline.Deadlocks, Target: new("0", realtime.Deadlocks == 0)),
            new(Name, "overlapping pairs afterwards", realtime.Overlaps, baseline.Overlaps, Target: new("0", realtime.Overlaps == 0)),
        ]);
        bench.Results.Notes.Add(
            $"{Name}: {UniformLoad.Describe(bench.Realtime.Name, realtime.Load)}; {UniformLoad.Describe(bench.Baseline.Name, baseline.Load)}; " +
            $"the baseline retried {await bench.Baseline.DeadlockRetriesAsync():N0} deadlocks (40P01) since it started.");
    }
}
