namespace Realtime.Bench.Scenarios;

/// <summary>Many resources, random slots, a fixed number of clients: how many bookings per second get accepted, and how fast.</summary>
public static class UniformLoad
{
    private const string Name = "Uniform load";

    public static async Task RunAsync(BenchContext bench)
    {
        var settings = bench.Settings;
        // The first round on a new target gets the whole warm-up that every other scenario gets; before a later round
        // the clients only need to be running again.
        var (laterWarmUp, window) = (settings.WarmUp / settings.UniformRounds, settings.Window / settings.UniformRounds);
        var rounds = bench.Systems.ToDictionary(s => s.Name, _ => new List<(LoadResult Load, CpuUse Cpu)>());
        var targets = new Dictionary<string, IBookingTarget>();
        foreach (var system in bench.Systems) targets[system.Name] = await system.NewTargetAsync(settings.UniformResources);
        // The systems take turns in short rounds rather than one long window each, so that a change in what else the
        // machine runs weighs on both alike.
        for (var round = 0; round < settings.UniformRounds; round++)
        {
            foreach (var system in bench.Systems)
            {
                var target = targets[system.Name];
                var warmUp = round == 0 ? settings.WarmUp : laterWarmUp;
                var used = CpuMeter.MeasureAsync(system.Server, warmUp, window);
                var load = await ClosedLoop.RunAsync(settings.Clients, warmUp, window, (random, cancellation) => target.BookAsync(
                    target.ResourceIds[random.Next(target.ResourceIds.Count)],
                    BenchCalendar.Slot(random.Next(settings.UniformDays), random.Next(BenchCalendar.SlotsPerDay)), cancellation), round);
                rounds[system.Name].Add((load, await used));
            }
        }
        var results = rounds.ToDictionary(r => r.Key, r => LoadResult.Sum([.. r.Value.Select(w => w.Load)]));
        var cpu = rounds.ToDictionary(r => r.Key, r => r.Value.Select(w => w.Cpu).Aggregate((sum, next) => sum + next));
        var ceiling = bench.Ceiling;

        var (realtime, baseline) = (results[bench.Realtime.Name], results[bench.Baseline.Name]);
        var (realtimeCpu, baselineCpu) = (cpu[bench.Realtime.Name], cpu[bench.Baseline.Name]);
        var measure = $"{settings.UniformResources} resources, {settings.Clients} clients";
        bench.Results.Figures.AddRange(
        [
            new(Name, $"accepted bookings/s ({measure})", realtime.AcceptedPerSecond, baseline.AcceptedPerSecond, ceiling.CommitsPerSecond,
                new("≥ 1.0× baseline and ≥ 40 % of ceiling",
                    realtime.AcceptedPerSecond >= baseline.AcceptedPerSecond && realtime.AcceptedPerSecond >= 0.4 * ceiling.CommitsPerSecond)),
            new(Name, "p50 latency (ms)", realtime.P50, baseline.P50),
            new(Name, "p99 latency (ms)", realtime.P99, baseline.P99, Target: new("≤ 50 ms", realtime.P99 <= 50)),
        ]);
        if (realtime.Accepted == 0 || baseline.Accepted == 0)
        {
            bench.Results.Missing.Add($"{Name}: CPU per booking: a system accepted no booking in the window.");
        }
        else
        {
            bench.Results.Figures.Add(new(Name, "CPU ms per accepted booking: the server's process",
                PerBooking(realtimeCpu.Server, realtime), PerBooking(baselineCpu.Server, baseline)));
            if (realtimeCpu.Postgres is { } realtimePostgres && baselineCpu.Postgres is { } baselinePostgres)
            {
                bench.Results.Figures.Add(new(Name, "CPU ms per accepted booking: PostgreSQL's processes",
                    PerBooking(realtimePostgres, realtime), PerBooking(baselinePostgres, baseline)));
            }
            else
            {
                bench.Results.Missing.Add($"{Name}: PostgreSQL's CPU per booking: its processes do not run on this machine.");
            }
        }
        var shape = settings.UniformRounds == 1
            ? $"one {window.TotalSeconds:0.##} s window each, the systems one after the other, after a warm-up of {settings.WarmUp.TotalSeconds:0.##} s"
            : $"{settings.UniformRounds} rounds of a {window.TotalSeconds:0.##} s window, the systems taking turns, each after a warm-up of " +
                $"{settings.WarmUp.TotalSeconds:0.##} s (the first) or {laterWarmUp.TotalSeconds:0.##} s";
        bench.Results.Notes.Add(
            $"{Name}: {shape}; accepted bookings/s by round: " +
            $"{string.Join("; ", rounds.Select(r => $"{r.Key} {string.Join(", ", r.Value.Select(w => w.Load.AcceptedPerSecond.ToString("N0")))}"))}. " +
            $"{Describe(bench.Realtime.Name, realtime)}; {Describe(bench.Baseline.Name, baseline)}; " +
            $"pgbench: {ceiling.CommitsPerSecond:N0} commits/s, {ceiling.LatencyAverageMs:N1} ms on average, {ceiling.Clients} clients.");
    }

    /// <summary>CPU time over the window per booking accepted in it (the few still in flight at its end are left out of both).</summary>
    private static double PerBooking(TimeSpan used, LoadResult result) => used.TotalMilliseconds / result.Accepted;

    public static string Describe(string system, LoadResult result) =>
        $"{system} {result.Accepted:N0} accepted, {result.Rejected:N0} rejected, {result.Failed:N0} failed in {result.Window.TotalSeconds:N0} s" +
        (result.Unfinished > 0 ? $" and {result.Unfinished:N0} still in flight at its end" : "");
}
