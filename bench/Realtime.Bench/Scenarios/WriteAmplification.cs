using System.Diagnostics;

namespace Realtime.Bench.Scenarios;

/// <summary>
/// WAL bytes PostgreSQL writes per booking, on a resource with no earlier bookings and with many. WAL is server-wide:
/// the other system is paused meanwhile, and the measured system's own idle rate is sampled first and subtracted.
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
        var measured = new Dictionary<string, (WalPerBooking Fresh, WalPerBooking Loaded)>();
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
            Records("no earlier bookings on the resource", realtime.Fresh, baseline.Fresh, ceiling),
            Images("no earlier bookings", realtime.Fresh, baseline.Fresh, settings.WalBookings),
            AllBytes("no earlier bookings", realtime.Fresh, baseline.Fresh, settings.WalBookings),
            new(Name, "transactions that wrote, per booking (WAL commit records), no earlier bookings",
                realtime.Fresh.Transactions, baseline.Fresh.Transactions),
            Records($"{settings.WalEarlierBookings:N0} earlier bookings on the resource", realtime.Loaded, baseline.Loaded, ceiling),
            Images($"{settings.WalEarlierBookings:N0} earlier bookings", realtime.Loaded, baseline.Loaded, settings.WalBookings),
            AllBytes($"{settings.WalEarlierBookings:N0} earlier bookings", realtime.Loaded, baseline.Loaded, settings.WalBookings),
        ]);
        bench.Results.Notes.Add(
            $"{Name}: {settings.WalBookings} bookings one after the other by one client, the other system paused, read with " +
            "pg_waldump --stats, minus the server's idle WAL over as long (sampled just before, after a VACUUM ANALYZE of both databases and a CHECKPOINT). " +
            "WAL records are compared against the target. Full-page images (a page is logged whole at its first change after a checkpoint) are shown apart: " +
            "these bookings are the first after a checkpoint, so the figure is the most they cost; a server that checkpoints every few minutes spreads " +
            "the images of pages that every booking changes over more bookings, while a booking that changes a page no recent booking changed " +
            "(a random place in an index) pays a whole page each time.");
    }

    private static Figure Records(string measure, WalPerBooking realtime, WalPerBooking baseline, CeilingResult ceiling) =>
        new(Name, $"WAL record bytes per booking, {measure}", realtime.RecordBytes, baseline.RecordBytes, ceiling.WalBytesPerCommit,
            new("≤ 1.2× baseline", realtime.RecordBytes <= 1.2 * baseline.RecordBytes));

    private static Figure Images(string measure, WalPerBooking realtime, WalPerBooking baseline, int bookings) =>
        new(Name, $"full-page image bytes per booking, the first {bookings} after a checkpoint, {measure}", realtime.FullPageImageBytes, baseline.FullPageImageBytes);

    /// <summary>What pg_stat_wal counts: the records and the page images together.</summary>
    private static Figure AllBytes(string measure, WalPerBooking realtime, WalPerBooking baseline, int bookings) =>
        new(Name, $"all WAL bytes per booking (records and full-page images), the first {bookings} after a checkpoint, {measure}",
            realtime.RecordBytes + realtime.FullPageImageBytes, baseline.RecordBytes + baseline.FullPageImageBytes);

    private static async Task<(WalPerBooking Fresh, WalPerBooking Loaded)> MeasureAsync(BenchContext bench, IBookingSystem system)
    {
        var settings = bench.Settings;
        var target = await system.NewTargetAsync(1);
        var resource = target.ResourceIds[0];
        var next = 0;
        DateTimeOffset[] Slots(int count) => [.. Enumerable.Range(Interlocked.Add(ref next, count) - count, count).Select(BenchCalendar.NthSlot)];

        var fresh = await PerBookingAsync(bench, target, resource, Slots(settings.WalBookings));
        var outcomes = await ClosedLoop.EachAsync(Slots(settings.WalEarlierBookings), settings.Clients, start => target.BookAsync(resource, start));
        if (outcomes.Any(o => o != Outcome.Accepted)) throw new InvalidOperationException($"{system.Name}: loading earlier bookings failed: {Http.FirstFailure}");
        var loaded = await PerBookingAsync(bench, target, resource, Slots(settings.WalBookings));
        return (fresh, loaded);
    }

    /// <summary>
    /// The server's idle WAL over <see cref="IdleSample"/>, then the WAL of the bookings, one after the other, minus the
    /// idle rate over as long: per booking. Every system's database is vacuumed first. A checkpoint follows,
    /// so that the full-page images are those of the bookings, not of whatever the last checkpoint happened to leave.
    /// </summary>
    private static async Task<WalPerBooking> PerBookingAsync(BenchContext bench, IBookingTarget target, Guid resource, DateTimeOffset[] starts)
    {
        await Task.Delay(Settle);
        await bench.VacuumAsync();
        await bench.Postgres.CheckpointAsync();
        var idleStart = await bench.Postgres.WalFlushPositionAsync();
        await Task.Delay(IdleSample);
        var idleEnd = await bench.Postgres.WalFlushPositionAsync();
        var clock = Stopwatch.StartNew();
        foreach (var start in starts)
        {
            if (await target.BookAsync(resource, start) != Outcome.Accepted)
            {
                throw new InvalidOperationException($"A booking for the WAL measurement was not accepted: {Http.FirstFailure}");
            }
        }
        await Task.Delay(Settle);
        var end = await bench.Postgres.WalFlushPositionAsync();
        var idleShare = clock.Elapsed / IdleSample;

        var idle = await bench.Wal.BetweenAsync(idleStart, idleEnd);
        var busy = await bench.Wal.BetweenAsync(idleEnd, end);
        return new WalPerBooking(
            (long)PerBooking(busy.RecordBytes, idle.RecordBytes), (long)PerBooking(busy.FullPageImageBytes, idle.FullPageImageBytes),
            PerBooking(busy.TransactionRecords, idle.TransactionRecords));

        double PerBooking(long busyAmount, long idleAmount) => Math.Max(0, busyAmount - idleAmount * idleShare) / starts.Length;
    }

    /// <summary>What one booking wrote, on average: WAL record and full-page image bytes, and transactions that wrote.</summary>
    private sealed record WalPerBooking(long RecordBytes, long FullPageImageBytes, double Transactions);
}
