using System.Diagnostics;

namespace Realtime.Bench.Scenarios;

/// <summary>
/// WAL bytes PostgreSQL writes per booking, on a resource with no earlier bookings and with many. WAL is server-wide:
/// the other system is paused meanwhile, and the measured system's own idle rate is sampled first and subtracted.
/// Each measurement starts shortly after a CHECKPOINT (so no timed one falls inside it) and a few priming bookings:
/// it includes the full-page images of the pages no earlier booking changed since the checkpoint.
/// </summary>
public static class WriteAmplification
{
    private const string Name = "Write amplification";
    private const int Priming = 10;
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
            $"{Name}: {settings.WalBookings} bookings one after the other by one client, the other system paused; each measurement " +
            $"after a CHECKPOINT and {Priming} priming bookings (full-page images of pages they did not touch included), minus the " +
            "server's idle WAL rate sampled just before it. 'No earlier bookings' means only the priming ones.");
    }

    private static async Task<(double Fresh, double Loaded)> MeasureAsync(BenchContext bench, IBookingSystem system)
    {
        var settings = bench.Settings;
        var target = await system.NewTargetAsync(1);
        var resource = target.ResourceIds[0];
        var next = 0;
        DateTimeOffset[] Slots(int count) => [.. Enumerable.Range(Interlocked.Add(ref next, count) - count, count).Select(BenchCalendar.NthSlot)];

        var fresh = await BytesPerBookingAsync(bench.Postgres, target, resource, Slots(Priming), Slots(settings.WalBookings));
        var outcomes = await ClosedLoop.EachAsync(Slots(settings.WalEarlierBookings), settings.Clients, start => target.BookAsync(resource, start));
        if (outcomes.Any(o => o != Outcome.Accepted)) throw new InvalidOperationException($"{system.Name}: loading earlier bookings failed: {Http.FirstFailure}");
        var loaded = await BytesPerBookingAsync(bench.Postgres, target, resource, Slots(Priming), Slots(settings.WalBookings));
        return (fresh, loaded);
    }

    /// <summary>
    /// After a CHECKPOINT and a few priming bookings (which pay the full-page images of the pages every booking
    /// shares), the server's idle WAL rate, then the WAL of the measured bookings, one after the other, minus that rate.
    /// </summary>
    private static async Task<double> BytesPerBookingAsync(
        PostgresServer postgres, IBookingTarget target, Guid resource, DateTimeOffset[] priming, DateTimeOffset[] measured)
    {
        await postgres.CheckpointAsync();
        await BookInTurnAsync(target, resource, priming);
        await Task.Delay(Settle);
        var idleBefore = await postgres.WalBytesAsync();
        await Task.Delay(IdleSample);
        var idleBytesPerSecond = (await postgres.WalBytesAsync() - idleBefore) / IdleSample.TotalSeconds;

        var clock = Stopwatch.StartNew();
        var before = await postgres.WalBytesAsync();
        await BookInTurnAsync(target, resource, measured);
        await Task.Delay(Settle);
        var written = await postgres.WalBytesAsync() - before;
        return Math.Max(0, written - idleBytesPerSecond * clock.Elapsed.TotalSeconds) / measured.Length;
    }

    private static async Task BookInTurnAsync(IBookingTarget target, Guid resource, DateTimeOffset[] starts)
    {
        foreach (var start in starts)
        {
            if (await target.BookAsync(resource, start) != Outcome.Accepted)
            {
                throw new InvalidOperationException($"A booking for the WAL measurement was not accepted: {Http.FirstFailure}");
            }
        }
    }
}
