using System.Net;
using Realtime.Harness;

namespace Realtime.Bench.Scenarios;

/// <summary>
/// What appointments cost Realtime in memory: its resident set and its live managed objects, each read after a full
/// garbage collection, in steps. Each step books a batch of appointments (an appointment's grain goes once its change
/// is handed on, and the calendars keep its time) and takes a reading, then reads each appointment back through the API
/// (which brings its grain back until the idle collector takes it) and takes another. A figure is the median of the
/// steps' growth: a single difference of two readings of the resident set also holds whatever the collector happened
/// to keep committed or give back in between (one such reading fell by 115 MB while 10,000 bookings were made). In a
/// full run the first steps are not counted: the process is still giving back what the earlier scenarios left.
/// </summary>
public static class ResidentMemory
{
    private const string Name = "Memory";
    private const int Resources = 50;
    private const double Per = 10_000;
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    public static async Task RunAsync(BenchContext bench)
    {
        var settings = bench.Settings;
        var server = bench.Realtime.Server;
        var tenant = await bench.Realtime.NewTenantAsync();
        var location = await tenant.LocationAsync();
        var resourceIds = await Task.WhenAll(Enumerable.Range(0, Resources).Select(_ => tenant.ResourceAsync(location)));

        var steps = new List<Step>();
        var last = await ReadAfterCollectionAsync(server);
        var first = last;
        for (var step = 0; step < settings.MemorySettlingSteps + settings.MemorySteps; step++)
        {
            var numbers = Enumerable.Range(step * settings.MemoryAppointments, settings.MemoryAppointments).ToArray();
            var booked = await ClosedLoop.EachAsync(numbers, settings.Clients,
                n => tenant.BookAsync(location, resourceIds[n % Resources], BenchCalendar.NthSlot(n / Resources)));
            var ids = booked.Where(b => b.Outcome == Outcome.Accepted).Select(b => b.Id!.Value).ToArray();
            var afterBooking = await ReadAfterCollectionAsync(server);
            var read = await ClosedLoop.EachAsync(ids, settings.Clients, async id =>
            {
                using var response = await Http.GetAsync(tenant.Owner, $"/api/appointments/{id}");
                return response?.StatusCode == HttpStatusCode.OK;
            });
            var afterReading = await ReadAfterCollectionAsync(server);
            steps.Add(new Step(ids.Length, read.Count(ok => ok), last, afterBooking, afterReading));
            last = afterReading;
        }

        var settling = settings.MemorySettlingSteps switch
        {
            0 => "",
            1 => " (the first not counted)",
            var n => $" (the first {n} not counted)",
        };
        bench.Results.Notes.Add(
            $"{Name}: Realtime's resident set (live managed objects) after a full garbage collection, {Describe(first)} at first, then " +
            $"step by step{settling} on {Resources} resources ({settings.MemoryAppointments:N0} bookings sent in each): " +
            string.Join("; ", steps.Select(s =>
                $"{s.Booked:N0} booked, {Describe(s.AfterBooking)}, {s.Read:N0} read, {Describe(s.AfterReading)}")) + ".");
        var counted = steps.Skip(settings.MemorySettlingSteps).ToArray();
        Report(bench, "resident MB per 10,000 booked appointments", counted, s => (s.Before.Resident, s.AfterBooking.Resident));
        Report(bench, "live managed MB per 10,000 booked appointments", counted, s => (s.Before.Live, s.AfterBooking.Live));
        Report(bench, "resident MB per 10,000 appointments in memory (read since booked)", counted, s => (s.Before.Resident, s.AfterReading.Resident));
        Report(bench, "live managed MB per 10,000 appointments in memory (read since booked)", counted, s => (s.Before.Live, s.AfterReading.Live));
    }

    private static string Describe(Reading reading) =>
        $"{Megabytes(reading.Resident):N0} MB ({(reading.Live is { } live ? $"{Megabytes(live):N1} MB" : "not reported")})";

    private static void Report(BenchContext bench, string measure, IReadOnlyList<Step> steps, Func<Step, (long? From, long? To)> readings)
    {
        var growth = steps.Select(s => (Readings: readings(s), s.Booked)).ToArray();
        if (growth.Any(g => g.Readings.From is null || g.Readings.To is null))
        {
            bench.Results.Missing.Add($"{Name}: {measure}: the process reported no full collection.");
            return;
        }

        var perStep = growth.Where(g => g.Booked > 0)
            .Select(g => Megabytes(g.Readings.To!.Value - g.Readings.From!.Value) / g.Booked * Per).Order().ToArray();
        var median = perStep.Length == 0 ? 0 : (perStep[(perStep.Length - 1) / 2] + perStep[perStep.Length / 2]) / 2;
        // Too few appointments to outgrow what a collection leaves of the process's slack (the quick mode's case, and
        // booked appointments whose grains have gone): no figure beats a wrong one.
        if (median <= 0) bench.Results.Missing.Add($"{Name}: {measure}: below what this run resolves.");
        else bench.Results.Figures.Add(new(Name, $"{measure}, the median of the steps ({string.Join(", ", perStep.Select(v => v.ToString("N1")))})", median));
    }

    /// <summary>One step's bookings and reads, with the readings before it, after its bookings and after its reads.</summary>
    private sealed record Step(int Booked, int Read, Reading Before, Reading AfterBooking, Reading AfterReading);

    private sealed record Reading(long Resident, long? Live);

    private static async Task<Reading> ReadAfterCollectionAsync(ServerProcess server)
    {
        var live = await server.CollectGarbageAsync(Settle);
        return new Reading(server.ResidentBytes(), live);
    }

    private static double Megabytes(long bytes) => bytes / (1024.0 * 1024);
}
