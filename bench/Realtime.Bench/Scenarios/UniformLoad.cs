namespace Realtime.Bench.Scenarios;

/// <summary>Many resources, random slots, a fixed number of clients: how many bookings per second get accepted, and how fast.</summary>
public static class UniformLoad
{
    private const string Name = "Uniform load";

    public static async Task RunAsync(BenchContext bench)
    {
        var settings = bench.Settings;
        var results = new Dictionary<string, LoadResult>();
        foreach (var system in bench.Systems)
        {
            var target = await system.NewTargetAsync(settings.UniformResources);
            results[system.Name] = await ClosedLoop.RunAsync(settings.Clients, settings.WarmUp, settings.Window, (random, cancellation) => target.BookAsync(
                target.ResourceIds[random.Next(target.ResourceIds.Count)],
                BenchCalendar.Slot(random.Next(settings.UniformDays), random.Next(BenchCalendar.SlotsPerDay)), cancellation));
        }
        var ceiling = bench.Ceiling;

        var (realtime, baseline) = (results[bench.Realtime.Name], results[bench.Baseline.Name]);
        var measure = $"{settings.UniformResources} resources, {settings.Clients} clients";
        bench.Results.Figures.AddRange(
        [
            new(Name, $"accepted bookings/s ({measure})", realtime.AcceptedPerSecond, baseline.AcceptedPerSecond, ceiling.CommitsPerSecond,
                new("≥ 1.0× baseline and ≥ 40 % of ceiling",
                    realtime.AcceptedPerSecond >= baseline.AcceptedPerSecond && realtime.AcceptedPerSecond >= 0.4 * ceiling.CommitsPerSecond)),
            new(Name, "p50 latency (ms)", realtime.P50, baseline.P50),
            new(Name, "p99 latency (ms)", realtime.P99, baseline.P99, Target: new("≤ 50 ms", realtime.P99 <= 50)),
        ]);
        bench.Results.Notes.Add(
            $"{Name}: {Describe(bench.Realtime.Name, realtime)}; {Describe(bench.Baseline.Name, baseline)}; " +
            $"pgbench: {ceiling.CommitsPerSecond:N0} commits/s, {ceiling.LatencyAverageMs:N1} ms on average, {ceiling.Clients} clients.");
    }

    public static string Describe(string system, LoadResult result) =>
        $"{system} {result.Accepted:N0} accepted, {result.Rejected:N0} rejected, {result.Failed:N0} failed in {result.Window.TotalSeconds:N0} s" +
        (result.Unfinished > 0 ? $" and {result.Unfinished:N0} still in flight at its end" : "");
}
