using System.Globalization;

namespace Realtime.Bench.Scenarios;

/// <summary>
/// How far any table design can go towards the write-amplification target. The write-amplification scenario's bookings
/// are replayed in SQL with no server into the tables of <c>TableDesigns.sql</c>: the baseline's, the baseline's with
/// the indexes the appointment list's reads need, Realtime's as Realtime writes them (which checks the replay against
/// the measured figure), and one row per appointment serving as its state, its list entry and its due work, in one
/// transaction and as grains would write it. WAL records only (pg_waldump), every database vacuumed first and both
/// servers paused; the schema is dropped afterwards.
/// </summary>
public static class TableDesigns
{
    private const string Name = "Write amplification by table design";
    private const string Baseline = "baseline";

    private static readonly (string Design, string Description)[] Designs =
    [
        (Baseline, "the baseline's table"),
        ("baseline with the list's indexes", "the baseline's table with indexes for a location's and an organisation's appointments over a period"),
        ("the list's row with an exclusion constraint", "one table holding Realtime's list entry (its columns and indexes) with the baseline's exclusion constraint"),
        ("Realtime's tables", "Realtime's tables, written as Realtime writes them (the calendar day, the appointment's state, its list entry, its due work: four transactions)"),
        ("one row per appointment", "one row per appointment that is its state, its list entry (with the list's indexes) and its due work, and the calendar day, in one transaction"),
        ("one row per appointment, no stored calendar", "the same without the calendar day's row"),
        ("one row per appointment, written by grains", "one row per appointment as an appointment grain would write it: the calendar day, then the row, then the mark that its side effects ran (three transactions)"),
    ];

    public static async Task RunAsync(BenchContext bench)
    {
        var bookings = bench.Settings.WalBookings + bench.Settings.WalEarlierBookings;
        var database = bench.Postgres.ConnectionString(bench.Realtime.Database);
        var perBooking = new Dictionary<string, double>();
        await bench.VacuumAsync();
        await Task.WhenAll(bench.Systems.Select(s => s.Server.PauseAsync()));
        try
        {
            await PostgresServer.ExecuteAsync(database, await SqlAsync());
            foreach (var (design, _) in Designs)
            {
                await PostgresServer.ExecuteAsync(database, "CALL wal_designs.empty()");
                var start = await bench.Postgres.WalFlushPositionAsync();
                await PostgresServer.ExecuteAsync(database, string.Create(CultureInfo.InvariantCulture,
                    $"CALL wal_designs.replay('{design.Replace("'", "''")}', {bookings}, '{BenchCalendar.Opens:HH:mm}', {BenchCalendar.VisitMinutes}, {BenchCalendar.SlotsPerDay})"));
                var end = await bench.Postgres.WalFlushPositionAsync();
                perBooking[design] = (double)(await bench.Wal.BetweenAsync(start, end)).RecordBytes / bookings;
            }
        }
        finally
        {
            await PostgresServer.ExecuteAsync(database, "DROP SCHEMA IF EXISTS wal_designs CASCADE");
            await Task.WhenAll(bench.Systems.Select(s => s.Server.ResumeAsync()));
        }

        var lines = Designs.Select(d => string.Create(CultureInfo.InvariantCulture,
            $"  - {d.Description}: {perBooking[d.Design]:N0} bytes ({perBooking[d.Design] / perBooking[Baseline]:N2}×)"));
        bench.Results.Notes.Add(
            $"{Name}: the write-amplification scenario's bookings (one resource, {BenchCalendar.SlotsPerDay} visits a day, one after the other), {bookings:N0} of " +
            "them, replayed in SQL with no server into tables made in a schema of Realtime's database (`bench/Realtime.Bench/Scenarios/TableDesigns.sql`); " +
            "WAL record bytes per booking and their ratio to the baseline's table:" + Environment.NewLine + string.Join(Environment.NewLine, lines));
    }

    private static async Task<string> SqlAsync()
    {
        await using var stream = typeof(TableDesigns).Assembly.GetManifestResourceStream($"{typeof(TableDesigns).Namespace}.TableDesigns.sql")
            ?? throw new InvalidOperationException("TableDesigns.sql is not embedded in the harness.");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}
