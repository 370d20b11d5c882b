namespace Realtime.Bench.Scenarios;

/// <summary>
/// Bookings on throw-away resources before anything is measured, so that both systems are past their start
/// (JIT, connection pools, first activations). Not reported.
/// </summary>
public static class WarmUp
{
    private const int Resources = 10;

    public static async Task RunAsync(BenchContext bench)
    {
        foreach (var system in bench.Systems)
        {
            var target = await system.NewTargetAsync(Resources);
            await ClosedLoop.EachAsync(Enumerable.Range(0, bench.Settings.WarmUpBookings).ToArray(), bench.Settings.Clients,
                n => target.BookAsync(target.ResourceIds[n % Resources], BenchCalendar.NthSlot(n / Resources)));
        }
    }
}
