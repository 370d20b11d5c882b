using Npgsql;
using Realtime.Grains.Interfaces.Appointments;
using Xunit.Abstractions;

namespace Realtime.Grains.Tests.Persistence;

/// <summary>
/// Partitioning the calendar keeps the cost of a booking independent of the resource's history. Counted as the bytes of
/// grain state a booking writes, which only this test's own calls change; the server's WAL (which other work on a shared
/// machine also moves) is measured by the benchmark.
/// </summary>
[Collection(PostgresClusterCollection.Name)]
public sealed class WriteAmplificationTests(PostgresClusterFixture fixture, ITestOutputHelper output)
{
    private const int EarlierBookings = 5000;
    private const int Samples = 7;

    [Fact]
    public async Task A_booking_after_five_thousand_earlier_ones_writes_within_twenty_percent_of_one_on_a_fresh_resource()
    {
        var chain = await Chain.Create(fixture.Grains);
        var busy = await chain.AddResource("Busy");
        var earlier = Enumerable.Range(0, EarlierBookings)
            .Select(i => chain.Booking([busy], chain.Local(-1 - i / 10, 8 + i % 10), 60, overrideWorkingHours: true))
            .ToList();
        await Parallel.ForEachAsync(earlier, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (booking, _) =>
            Chain.Ok(await fixture.Grains.GetGrain<IAppointmentGrain>(Guid.NewGuid()).Book(booking)));

        var onBusy = new List<long>();
        var onFresh = new List<long>();
        for (var i = 0; i < Samples; i++)
        {
            var fresh = await chain.AddResource($"Fresh {i}");
            var start = chain.Local(1 + i, 10);
            onBusy.Add(await StateBytesWritten(() => chain.Book(chain.Booking([busy], start))));
            onFresh.Add(await StateBytesWritten(() => chain.Book(chain.Booking([fresh], start))));
        }

        var busyMedian = Median(onBusy);
        var freshMedian = Median(onFresh);
        output.WriteLine($"Grain state bytes written per booking: fresh resource {freshMedian} (samples {string.Join(", ", onFresh)}); " +
                         $"after {EarlierBookings} bookings {busyMedian} (samples {string.Join(", ", onBusy)}); ratio {(double)busyMedian / freshMedian:F2}");
        Assert.InRange((double)busyMedian / freshMedian, 0.8, 1.2);
    }

    private async Task<long> StateBytesWritten(Func<Task> booking)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync();
        var before = await StoredVersions(connection);
        await booking();
        var after = await StoredVersions(connection);
        return after.Where(row => !before.TryGetValue(row.Key, out var earlier) || earlier.Version != row.Value.Version).Sum(row => row.Value.Bytes);
    }

    private static async Task<Dictionary<string, (int Version, long Bytes)>> StoredVersions(NpgsqlConnection connection)
    {
        const string sql = """
            SELECT graintypestring || '/' || grainidn0 || '/' || grainidn1 || '/' || coalesce(grainidextensionstring, ''),
                   version, coalesce(octet_length(payloadbinary), 0)
              FROM orleansstorage
            """;
        var rows = new Dictionary<string, (int, long)>();
        await using var reader = await new NpgsqlCommand(sql, connection).ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows[reader.GetString(0)] = (reader.GetInt32(1), reader.GetInt32(2));
        return rows;
    }

    private static long Median(List<long> values) => values.Order().ElementAt(values.Count / 2);
}
