using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Storage;
using Orleans.TestingHost;
using Realtime.Grains.Calendars;
using Realtime.Grains.Domain.Calendars;
using Realtime.Grains.Hosting;
using Realtime.Grains.Interfaces.Calendars;
using Realtime.Grains.Interfaces.Common;
using Realtime.Silo.Database;

namespace Realtime.Grains.Tests.Persistence;

/// <summary>Calendar partitions in PostgreSQL: a row per reservation under a version that only one writer can move on.</summary>
[Collection(PostgresClusterCollection.Name)]
public sealed class CalendarStorageTests(PostgresClusterFixture fixture)
{
    private static readonly DateOnly Day = new(2026, 6, 8);

    private readonly Guid resource = Guid.NewGuid();

    private IGrainStorage Storage =>
        ((InProcessSiloHandle)fixture.Cluster.Primary!).SiloHost.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Calendars);

    private GrainId Partition => fixture.Grains.GetGrain<IResourceCalendarGrain>(CalendarPartitions.Key(resource, Day)).GetGrainId();

    private static Reservation At(int hour, int minutes = 30) =>
        new(Guid.NewGuid(), TimeRange.FromMinutes(new DateTimeOffset(Day, new TimeOnly(hour, 0), TimeSpan.Zero), minutes));

    private static GrainState<ResourceCalendarState> Holding(string? etag, params Reservation[] reservations) =>
        new(new ResourceCalendarState { Reservations = [.. reservations] }, etag);

    private async Task<GrainState<ResourceCalendarState>> Read()
    {
        var read = new GrainState<ResourceCalendarState>();
        await Storage.ReadStateAsync(ResourceCalendarGrain.StateName, Partition, read);
        return read;
    }

    private Task Write(GrainState<ResourceCalendarState> state) => Storage.WriteStateAsync(ResourceCalendarGrain.StateName, Partition, state);

    [Fact]
    public async Task A_partition_reads_back_what_was_written_and_a_writer_holding_an_older_version_changes_nothing()
    {
        var (nine, ten, eleven) = (At(9), At(10), At(11));
        Assert.False((await Read()).RecordExists);

        var first = Holding(null, ten, nine);
        await Write(first);
        var stale = Holding(first.ETag, nine, ten, eleven);
        var current = Holding(first.ETag, nine, eleven);
        await Write(current);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Write(stale));
        await Assert.ThrowsAsync<InconsistentStateException>(() => Write(Holding(null, ten)));
        var read = await Read();
        Assert.True(read.RecordExists);
        Assert.Equal(current.ETag, read.ETag);
        Assert.Equal([nine, eleven], read.State!.Reservations);
    }

    [Fact]
    public async Task Clearing_leaves_no_reservation_and_the_version_goes_on()
    {
        var written = Holding(null, At(9));
        await Write(written);

        await Storage.ClearStateAsync(ResourceCalendarGrain.StateName, Partition, written);
        Assert.Empty((await Read()).State!.Reservations);

        var afterwards = Holding(written.ETag, At(12));
        await Write(afterwards);
        Assert.Equal(afterwards.State!.Reservations, (await Read()).State!.Reservations);
    }

    [Fact]
    public async Task A_new_reservation_adds_one_row_and_rewrites_none_of_the_others()
    {
        var (nine, ten, eleven) = (At(9), At(10), At(11));
        var state = Holding(null, nine, ten);
        await Write(state);
        var before = await RowVersions();

        state.State!.Reservations.Add(eleven);
        await Write(state);
        var afterAdding = await RowVersions();

        state.State.Reservations.Remove(nine);
        await Write(state);
        var afterRemoving = await RowVersions();

        Assert.Equal(before, afterAdding.Where(row => row.Key != eleven.AppointmentId).ToDictionary());
        Assert.Equal([nine.AppointmentId, ten.AppointmentId, eleven.AppointmentId], afterAdding.Keys.Order());
        Assert.Equal(afterAdding.Where(row => row.Key != nine.AppointmentId).ToDictionary(), afterRemoving);
    }

    [Fact]
    public async Task Calendars_stored_as_json_before_script_0011_become_rows_with_their_versions()
    {
        await using var database = await PostgresDatabase.CreateAsync("calendar_rows", applySchema: false);
        await Sql(database, DatabaseSchema.Scripts.Where(s => s.Version < 11));
        var (nine, ten) = (At(9), At(10, 45));
        var json = $$$"""
            {"Reservations":[
              {"AppointmentId":"{{{nine.AppointmentId}}}","Occupied":{"Start":"2026-06-08T11:00:00+02:00","End":"2026-06-08T11:30:00+02:00"}},
              {"AppointmentId":"{{{ten.AppointmentId}}}","Occupied":{"Start":"2026-06-08T10:00:00+00:00","End":"2026-06-08T10:45:00+00:00"}}]}
            """;
        await Sql(database, $"""
            INSERT INTO orleansstorage (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring, grainidextensionstring,
                                        serviceid, payloadbinary, version)
            VALUES (1, 0, 0, 2, 'resource-calendar', '{CalendarPartitions.Key(resource, Day)}', 'realtime', convert_to('{json}', 'UTF8'), 7)
            """);

        await Sql(database, DatabaseSchema.Scripts.Where(s => s.Version == 11));

        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await using var rows = dataSource.CreateCommand(
            "SELECT appointment_id, starts_at, ends_at FROM calendar_reservation WHERE resource_id = $1 AND day = $2 ORDER BY starts_at");
        rows.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = resource });
        rows.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = Day });
        var migrated = new List<Reservation>();
        await using (var reader = await rows.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                migrated.Add(new Reservation(reader.GetGuid(0), new TimeRange(reader.GetFieldValue<DateTimeOffset>(1), reader.GetFieldValue<DateTimeOffset>(2))));
            }
        }
        Assert.Equal([nine, ten], migrated);
        Assert.Equal(7, await Scalar(dataSource, $"SELECT version FROM calendar_partition WHERE resource_id = '{resource}'"));
        Assert.Equal(0L, await Scalar(dataSource, "SELECT count(*) FROM orleansstorage WHERE graintypestring = 'resource-calendar'"));
    }

    /// <summary>Each reservation row of the partition and the transaction that wrote it.</summary>
    private async Task<Dictionary<Guid, string>> RowVersions()
    {
        await using var command = fixture.DataSource.CreateCommand("SELECT appointment_id, xmin::text FROM calendar_reservation WHERE resource_id = $1");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = resource });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<Guid, string>();
        while (await reader.ReadAsync()) rows[reader.GetGuid(0)] = reader.GetString(1);
        return rows;
    }

    private static async Task Sql(PostgresDatabase database, IEnumerable<SchemaScript> scripts)
    {
        foreach (var script in scripts) await Sql(database, script.Sql);
    }

    private static async Task Sql(PostgresDatabase database, string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> Scalar(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return await command.ExecuteScalarAsync();
    }
}
