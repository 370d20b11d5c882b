namespace Realtime.Bench.Scenarios;

/// <summary>
/// Free slots over a week for a location's resources, some of them booked: Realtime's availability endpoint against
/// the baseline's SQL (generate_series minus overlapping bookings). Both must find the same number of slots.
/// </summary>
public static class AvailabilitySearch
{
    private const string Name = "Availability";

    public static async Task RunAsync(BenchContext bench)
    {
        var settings = bench.Settings;
        var random = new Random(7);
        var slotsInWeek = settings.AvailabilityDays * BenchCalendar.SlotsPerDay;
        var booked = Enumerable.Range(0, settings.AvailabilityResources * slotsInWeek)
            .OrderBy(_ => random.Next())
            .Take(settings.AvailabilityEarlierBookings)
            .Select(n => (Resource: n / slotsInWeek, Start: BenchCalendar.NthSlot(n % slotsInWeek)))
            .ToArray();
        var (from, to) = (BenchCalendar.Day(0), BenchCalendar.Day(settings.AvailabilityDays));

        var results = new Dictionary<string, (LoadResult Load, int? Slots)>();
        foreach (var system in bench.Systems)
        {
            var target = await system.NewTargetAsync(settings.AvailabilityResources);
            await ClosedLoop.EachAsync(booked, settings.Clients, b => target.BookAsync(target.ResourceIds[b.Resource], b.Start));
            var slots = await target.CountFreeSlotsAsync(from, to);
            var load = await ClosedLoop.RunAsync(settings.Clients, settings.WarmUp, settings.Window, async (_, _) =>
                await target.CountFreeSlotsAsync(from, to) is null ? Outcome.Failed : Outcome.Accepted);
            results[system.Name] = (load, slots);
        }

        var (realtime, baseline) = (results[bench.Realtime.Name], results[bench.Baseline.Name]);
        var measure = $"{settings.AvailabilityDays} days × {settings.AvailabilityResources} resources, {settings.Clients} clients";
        bench.Results.Figures.AddRange(
        [
            new(Name, $"queries/s ({measure})", realtime.Load.AcceptedPerSecond, baseline.Load.AcceptedPerSecond,
                Target: new("≥ 10× baseline", realtime.Load.AcceptedPerSecond >= 10 * baseline.Load.AcceptedPerSecond)),
            new(Name, "p99 latency (ms)", realtime.Load.P99, baseline.Load.P99),
        ]);
        bench.Results.Notes.Add(
            $"{Name}: {settings.AvailabilityEarlierBookings:N0} of the week's visit slots booked first; free slots found: " +
            $"{bench.Realtime.Name} {realtime.Slots?.ToString("N0") ?? "failed"}, {bench.Baseline.Name} {baseline.Slots?.ToString("N0") ?? "failed"}" +
            (realtime.Slots == baseline.Slots ? " (the same)" : " (DIFFERENT: the comparison is not like for like)") +
            $"; failed queries: {realtime.Load.Failed:N0} and {baseline.Load.Failed:N0}.");
    }
}
