using Npgsql;
using NpgsqlTypes;
using Orleans.Runtime;
using Orleans.Storage;
using Realtime.Grains.Calendars;
using Realtime.Grains.Domain.Calendars;
using Realtime.Grains.Interfaces.Calendars;
using Realtime.Grains.Interfaces.Common;
using Realtime.Silo.Database;

namespace Realtime.Silo.Storage;

/// <summary>
/// Calendar partitions (one resource, one UTC day) in PostgreSQL as one row per reservation
/// (<c>calendar_reservation</c>) under a version row per partition (<c>calendar_partition</c>; schema script 0011).
/// A booking adds one narrow row where a JSON state would rewrite the whole day. The version is the ETag, as for every
/// other grain's state: a write names the version it read and sends the reservations it holds; if the version still
/// stands, it moves on and the rows become those reservations, and otherwise nothing changes and the writer fails with
/// <see cref="InconsistentStateException"/>, so that two activations of one partition can never both write.
/// </summary>
internal sealed class PostgresCalendarStorage(StatementLanes lanes) : IGrainStorage
{
    private const string ReadSql = """
        SELECT array_agg(r.appointment_id ORDER BY r.starts_at, r.appointment_id) FILTER (WHERE r.appointment_id IS NOT NULL),
               array_agg(r.starts_at ORDER BY r.starts_at, r.appointment_id) FILTER (WHERE r.appointment_id IS NOT NULL),
               array_agg(r.ends_at ORDER BY r.starts_at, r.appointment_id) FILTER (WHERE r.appointment_id IS NOT NULL),
               p.version
          FROM calendar_partition p
          LEFT JOIN calendar_reservation r ON r.resource_id = p.resource_id AND r.day = p.day
         WHERE p.resource_id = $1 AND p.day = $2
         GROUP BY p.version
        """;

    /// <summary>$3 is the version read (null: none was found); $4..$6 are the reservations held, column by column.</summary>
    private const string WriteSql = """
        WITH updated AS (
            UPDATE calendar_partition SET version = version + 1
             WHERE $3::integer IS NOT NULL AND resource_id = $1 AND day = $2 AND version = $3
            RETURNING version),
        inserted AS (
            INSERT INTO calendar_partition (resource_id, day, version)
            SELECT $1, $2, 1 WHERE $3::integer IS NULL
            ON CONFLICT DO NOTHING
            RETURNING version),
        written AS (SELECT version FROM updated UNION ALL SELECT version FROM inserted),
        held AS (SELECT DISTINCT * FROM unnest($4::uuid[], $5::timestamptz[], $6::timestamptz[]) AS h(appointment_id, starts_at, ends_at)),
        removed AS (
            DELETE FROM calendar_reservation r
             WHERE r.resource_id = $1 AND r.day = $2 AND EXISTS (SELECT FROM written)
               AND (r.appointment_id, r.starts_at, r.ends_at) NOT IN (SELECT * FROM held)),
        added AS (
            INSERT INTO calendar_reservation (resource_id, day, appointment_id, starts_at, ends_at)
            SELECT $1, $2, h.appointment_id, h.starts_at, h.ends_at FROM held h
             WHERE EXISTS (SELECT FROM written)
               AND NOT EXISTS (SELECT FROM calendar_reservation r
                                WHERE r.resource_id = $1 AND r.day = $2 AND r.appointment_id = h.appointment_id
                                  AND r.starts_at = h.starts_at AND r.ends_at = h.ends_at))
        SELECT version FROM written
        """;

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var calendar = Calendar(grainState);
        var read = await lanes.Run(new Statement(ReadSql, grainId), grainId.GetUniformHashCode());
        calendar.State = new ResourceCalendarState { Reservations = read.Reservations };
        calendar.ETag = RowVersions.Etag(read.Version);
        calendar.RecordExists = read.Version is not null;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var calendar = Calendar(grainState);
        return Write("write", stateName, grainId, calendar, calendar.State?.Reservations ?? []);
    }

    /// <summary>Clearing keeps the partition's version row, so the ETag chain goes on.</summary>
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var calendar = Calendar(grainState);
        await Write("clear", stateName, grainId, calendar, []);
        calendar.State = new ResourceCalendarState();
        calendar.RecordExists = false;
    }

    private async Task Write(string operation, string stateName, GrainId grainId, IGrainState<ResourceCalendarState> calendar, IReadOnlyList<Reservation> held)
    {
        var version = new NpgsqlParameter
        {
            NpgsqlDbType = NpgsqlDbType.Integer,
            Value = string.IsNullOrWhiteSpace(calendar.ETag) ? DBNull.Value : RowVersions.Of(calendar.ETag),
        };
        var written = await lanes.Run(
            new Statement(
                WriteSql, grainId, version,
                new NpgsqlParameter<Guid[]> { TypedValue = [.. held.Select(r => r.AppointmentId)] },
                new NpgsqlParameter<DateTimeOffset[]> { TypedValue = [.. held.Select(r => r.Occupied.Start.ToUniversalTime())] },
                new NpgsqlParameter<DateTimeOffset[]> { TypedValue = [.. held.Select(r => r.Occupied.End.ToUniversalTime())] }),
            grainId.GetUniformHashCode());
        calendar.ETag = RowVersions.Etag(written.Version) ?? throw RowVersions.Conflict(operation, stateName, grainId, calendar.ETag);
        calendar.RecordExists = true;
    }

    private static IGrainState<ResourceCalendarState> Calendar<T>(IGrainState<T> grainState) =>
        grainState as IGrainState<ResourceCalendarState>
        ?? throw new NotSupportedException($"{nameof(PostgresCalendarStorage)} keeps {nameof(ResourceCalendarState)} only, not {typeof(T).Name}.");

    /// <summary>One statement about one partition, and what its row said.</summary>
    private sealed class Statement(string sql, GrainId grainId, params NpgsqlParameter[] extra) : IBatchedStatement
    {
        /// <summary>The partition's version (the row's last column), null when the statement matched no row.</summary>
        public int? Version { get; private set; }

        /// <summary>The reservations, for a read.</summary>
        public List<Reservation> Reservations { get; private set; } = [];

        public void Answered(NpgsqlDataReader? row)
        {
            Version = row?.GetInt32(row.FieldCount - 1);
            if (row is not { FieldCount: 4 } || row.IsDBNull(0))
            {
                Reservations = [];
                return;
            }
            var (ids, starts, ends) = (row.GetFieldValue<Guid[]>(0), row.GetFieldValue<DateTimeOffset[]>(1), row.GetFieldValue<DateTimeOffset[]>(2));
            Reservations = [.. ids.Select((id, i) => new Reservation(id, new TimeRange(starts[i], ends[i])))];
        }

        public NpgsqlBatchCommand Command()
        {
            var key = grainId.Key.ToString()!;
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = CalendarPartitions.ResourceOf(key) });
            command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = CalendarPartitions.DayOf(key) });
            foreach (var parameter in extra) command.Parameters.Add(parameter.Clone());
            return command;
        }
    }
}
