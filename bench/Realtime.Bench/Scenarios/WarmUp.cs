namespace Realtime.Bench.Scenarios;

/// <summary>
/// Bookings on throw-away resources before anything is measured, for a fixed time rather than a fixed count, so
/// that both systems are past their start (a profile after 1,000 bookings still had Realtime's JIT busy re-compiling
/// hot code at its optimised tier), their connection pools full and their first activations done. Not reported.
/// </summary>
public static class WarmUp
{
    private const int Resources = 10;
    private const int Days = 365;

    public static async Task RunAsync(BenchContext bench)
    {
        foreach (var system in bench.Systems)
        {
            var target = await system.NewTargetAsync(Resources);
            await ClosedLoop.RunAsync(bench.Settings.Clients, TimeSpan.Zero, bench.Settings.WarmUpLoad, (random, cancellation) => target.BookAsync(
                target.ResourceIds[random.Next(Resources)], BenchCalendar.Slot(random.Next(Days), random.Next(BenchCalendar.SlotsPerDay)), cancellation));
        }
    }
}
