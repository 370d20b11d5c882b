using System.Diagnostics;

namespace Realtime.Bench.Scenarios;

/// <summary>
/// WAL bytes PostgreSQL writes per booking, on a resource with no earlier bookings and with many. WAL is server-wide:
/// the other system is paused meanwhile, and the measured system's own idle rate is sampled first and subtracted.
/// Each measurement starts right after a CHECKPOINT (so no timed one falls inside it): it includes the full-page
/// images of the pages it is the first to change.
/// </summary>
public static class WriteAmplification
{
    private const string Name = "Write amplification";
    private static readonly TimeSpan IdleSample = TimeSpan.FromSeconds(2);

    /// <summary>How long writes that follow an acknowledgement (read models, feeds) are given to land before the count.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    public static async Task RunAsync(BenchContext bench)
    {
        var (settings, ceiling) = (bench.Settings, bench.Ceiling);
        var measured = new Dictionary<string, (double Fresh, double Loaded)>();
        foreach (var system in bench.Systems)
        {
            var others = bench.Systems.Where(s => s != system).Select(s => s.Server).ToArray();
            await Task.WhenAll(others.Select(o => o.PauseAsync()));
            try
            {
                measured[system.Name] = await MeasureAsync(bench, system);
            }
            finally
            {
                await Task.WhenAll(others.Select(o => o.ResumeAsync()));
            }
        }

        var (realtime, baseline) = (measured[bench.Realtime.Name], measured[bench.Baseline.Name]);
        bench.Results.Figures.AddRange(
        [
            new(Name, "WAL bytes per booking, no earlier bookings on the resource", realtime.Fresh, baseline.Fresh, ceiling.WalBytesPerCommit,
                new("≤ 1.2× baseline", realtime.Fresh <= 1.2 * baseline.Fresh)),
            new(Name, $"WAL bytes per booking, {settings.WalEarlierBookings:N0} earlier bookings on the resource", realtime.Loaded,
                baseline.Loaded, ceiling.WalBytesPerCommit, new("≤ 1.2× baseline", realtime.Loaded <= 1.2 * baseline.Loaded)),
        ]);
        bench.Results.Notes.Add(
            $"{Name}: {settings.WalBookings} bookings one after the other by one client, each measurement minus the server's idle " +
            "WAL rate sampled just before it, after a CHECKPOINT (the other system paused; full-page images included).");
    }

    private static async Task<(double Fresh, double Loaded)> MeasureAsync(BenchContext bench, IBookingSystem system)
    {
        var settings = bench.Settings;
        var target = await system.NewTargetAsync(1);
        var resource = target.ResourceIds[0];
        var fresh = await BytesPerBookingAsync(bench.Postgres, target, resource, firstSlot: 0, settings.WalBookings);

        var earlier = Enumerable.Range(settings.WalBookings, settings.WalEarlierBookings).Select(BenchCalendar.NthSlot).ToArray();
        var outcomes = await ClosedLoop.EachAsync(earlier, settings.Clients, start => target.BookAsync(resource, start));
        if (outcomes.Any(o => o != Outcome.Accepted)) throw new InvalidOperationException($"{system.Name}: loading earlier bookings failed: {Http.FirstFailure}");

        var loaded = await BytesPerBookingAsync(
            bench.Postgres, target, resource, settings.WalBookings + settings.WalEarlierBookings, settings.WalBookings);
        return (fresh, loaded);
    }

    /// <summary>WAL bytes per second the server writes meanwhile with no bookings, once earlier work has settled.</summary>
    private static async Task<double> IdleWalRateAsync(PostgresServer postgres)
    {
        await Task.Delay(Settle);
        await postgres.CheckpointAsync();
        var before = await postgres.WalBytesAsync();
        await Task.Delay(IdleSample);
        return (await postgres.WalBytesAsync() - before) / IdleSample.TotalSeconds;
    }

    private static async Task<double> BytesPerBookingAsync(
        PostgresServer postgres, IBookingTarget target, Guid resource, int firstSlot, int bookings)
    {
        var idleBytesPerSecond = await IdleWalRateAsync(postgres);
        var clock = Stopwatch.StartNew();
        var before = await postgres.WalBytesAsync();
        for (var i = 0; i < bookings; i++)
        {
            if (await target.BookAsync(resource, BenchCalendar.NthSlot(firstSlot + i)) != Outcome.Accepted)
            {
                throw new InvalidOperationException($"A booking for the WAL measurement was not accepted: {Http.FirstFailure}");
            }
        }
        await Task.Delay(Settle);
        var written = await postgres.WalBytesAsync() - before;
        return Math.Max(0, written - idleBytesPerSecond * clock.Elapsed.TotalSeconds) / bookings;
    }
}
