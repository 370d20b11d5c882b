using System.Net;
using Realtime.Harness;

namespace Realtime.Bench.Scenarios;

/// <summary>
/// What appointments cost Realtime in memory: its resident set and its managed heap, each time after a full garbage
/// collection, before booking them, once they are booked (an appointment's grain goes once its change is handed on,
/// and the calendars keep its time), and once each has been read (which brings its grain back until the idle collector
/// takes it). The heap is the steadier figure: the resident set also holds whatever the collector keeps committed.
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

        var before = await ReadAfterCollectionAsync(server);
        var booked = await ClosedLoop.EachAsync(Enumerable.Range(0, settings.MemoryAppointments).ToArray(), settings.Clients,
            n => tenant.BookAsync(location, resourceIds[n % Resources], BenchCalendar.NthSlot(n / Resources)));
        var ids = booked.Where(b => b.Outcome == Outcome.Accepted).Select(b => b.Id!.Value).ToArray();
        var afterBooking = await ReadAfterCollectionAsync(server);
        var read = await ClosedLoop.EachAsync(ids, settings.Clients, async id =>
        {
            using var response = await Http.GetAsync(tenant.Owner, $"/api/appointments/{id}");
            return response?.StatusCode == HttpStatusCode.OK;
        });
        var afterReading = await ReadAfterCollectionAsync(server);

        bench.Results.Notes.Add(
            $"{Name}: Realtime's resident set (managed heap) after a full garbage collection: {Describe(before)} before " +
            $"{ids.Length:N0} accepted bookings on {Resources} resources (of {settings.MemoryAppointments:N0} sent), " +
            $"{Describe(afterBooking)} once they were booked, {Describe(afterReading)} once each was read ({read.Count(ok => ok):N0} read).");
        Report(bench, "resident MB per 10,000 booked appointments", before.Resident, afterBooking.Resident, ids.Length);
        Report(bench, "managed heap MB per 10,000 booked appointments", before.Heap, afterBooking.Heap, ids.Length);
        Report(bench, "resident MB per 10,000 appointments in memory (read since booked)", before.Resident, afterReading.Resident, ids.Length);
        Report(bench, "managed heap MB per 10,000 appointments in memory (read since booked)", before.Heap, afterReading.Heap, ids.Length);
    }

    private static string Describe(Reading reading) =>
        $"{Megabytes(reading.Resident):N0} MB ({(reading.Heap is { } heap ? $"{Megabytes(heap):N1} MB" : "not reported")})";

    private static void Report(BenchContext bench, string measure, long? from, long? to, int appointments)
    {
        // Too few appointments to outgrow what a collection leaves of the heap's slack (the quick mode's case, and
        // booked appointments whose grains have gone): no figure beats a wrong one.
        if (from is null || to is null) bench.Results.Missing.Add($"{Name}: {measure}: the process reported no full collection.");
        else if (to <= from || appointments == 0) bench.Results.Missing.Add($"{Name}: {measure}: below what this run resolves.");
        else bench.Results.Figures.Add(new(Name, measure, Megabytes(to.Value - from.Value) / appointments * Per));
    }

    private sealed record Reading(long Resident, long? Heap);

    private static async Task<Reading> ReadAfterCollectionAsync(ServerProcess server)
    {
        var heap = await server.CollectGarbageAsync(Settle);
        return new Reading(server.ResidentBytes(), heap);
    }

    private static double Megabytes(long bytes) => bytes / (1024.0 * 1024);
}
