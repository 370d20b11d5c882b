using Npgsql;
using Realtime.Grains.Interfaces.Appointments;
using Xunit.Abstractions;

namespace Realtime.Grains.Tests.Persistence;

/// <summary>Partitioning the calendar keeps the cost of a booking independent of the resource's history.</summary>
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
            onBusy.Add(await WalBytes(() => chain.Book(chain.Booking([busy], start))));
            onFresh.Add(await WalBytes(() => chain.Book(chain.Booking([fresh], start))));
        }

        var busyMedian = Median(onBusy);
        var freshMedian = Median(onFresh);
        output.WriteLine($"WAL bytes per booking: fresh resource {freshMedian} (samples {string.Join(", ", onFresh)}); " +
                         $"after {EarlierBookings} bookings {busyMedian} (samples {string.Join(", ", onBusy)}); ratio {(double)busyMedian / freshMedian:F2}");
        Assert.InRange((double)busyMedian / freshMedian, 0.8, 1.2);
    }

    private async Task<long> WalBytes(Func<Task> booking)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync();
        var before = await Lsn(connection);
        await booking();
        return await Scalar(connection, $"SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '{before}')::bigint");
    }

    private static async Task<string> Lsn(NpgsqlConnection connection) =>
        (await new NpgsqlCommand("SELECT pg_current_wal_insert_lsn()::text", connection).ExecuteScalarAsync())!.ToString()!;

    private static async Task<long> Scalar(NpgsqlConnection connection, string sql) =>
        Convert.ToInt64(await new NpgsqlCommand(sql, connection).ExecuteScalarAsync());

    private static long Median(List<long> values) => values.Order().ElementAt(values.Count / 2);
}
