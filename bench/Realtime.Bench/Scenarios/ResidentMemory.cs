namespace Realtime.Bench.Scenarios;

/// <summary>
/// What active appointments cost Realtime in memory: its resident set before and after booking them (grains stay
/// active meanwhile; no garbage collection is forced, so this includes the heap's slack as the process runs).
/// </summary>
public static class ResidentMemory
{
    private const string Name = "Memory";
    private const int Resources = 50;
    private const double Per = 10_000;
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    public static async Task RunAsync(BenchContext bench)
    {
        var settings = bench.Settings;
        var target = await bench.Realtime.NewTargetAsync(Resources);
        await Task.Delay(Settle);
        var before = bench.Realtime.Server.ResidentBytes();
        var outcomes = await ClosedLoop.EachAsync(Enumerable.Range(0, settings.MemoryAppointments).ToArray(), settings.Clients,
            n => target.BookAsync(target.ResourceIds[n % Resources], BenchCalendar.NthSlot(n / Resources)));
        await Task.Delay(Settle);
        var after = bench.Realtime.Server.ResidentBytes();

        var accepted = outcomes.Count(o => o == Outcome.Accepted);
        var summary = $"Realtime's resident set {Megabytes(before):N0} MB before and {Megabytes(after):N0} MB after " +
            $"{accepted:N0} accepted bookings on {Resources} resources (of {settings.MemoryAppointments:N0} sent)";
        if (after <= before || accepted == 0)
        {
            // Too few appointments to outgrow the garbage collector's slack (the quick mode's case): no figure beats a wrong one.
            bench.Results.Missing.Add($"{Name}: not measurable in this run: {summary}.");
            return;
        }

        bench.Results.Figures.Add(new(Name, $"resident MB per {Per:N0} active appointments", Megabytes(after - before) / accepted * Per));
        bench.Results.Notes.Add($"{Name}: {summary}.");
    }

    private static double Megabytes(long bytes) => bytes / (1024.0 * 1024);
}
