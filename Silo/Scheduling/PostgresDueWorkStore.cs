using Npgsql;
using NpgsqlTypes;
using Realtime.Silo.Database;

namespace Realtime.Silo.Scheduling;

/// <summary>
/// The due work in PostgreSQL (table <c>appointment_due_work</c>, scripts 0008 and 0013): one row per appointment, with
/// an instant and a count of attempts for each kind. Plans queued together are written in one round trip and one
/// commit (<see cref="BatchedWrites{T}"/>): planning costs a booking no write of its own. So are the deletions of work
/// done, which <see cref="DueWorkJob"/> makes many at a time.
/// </summary>
public sealed class PostgresDueWorkStore : IDueWorkStore, IAsyncDisposable
{
    /// <summary>
    /// Replaces an older plan or one of the same version (re-planned under a changed policy), or inserts the first (an
    /// appointment's plans come one after another).
    /// </summary>
    private static readonly string PlanSql = SqlWrites.CheckedUpsert(
        "appointment_due_work", ["appointment_id", "version", "remind_at", "close_at"], "version <= $2",
        "remind_attempts = 0, close_attempts = 0");

    private const string UnplanSql = "DELETE FROM appointment_due_work WHERE appointment_id = $1 AND version <= $2";

    private const string DueSql = """
        SELECT appointment_id, version, remind_at, remind_attempts, close_at, close_attempts FROM appointment_due_work
        WHERE due_at <= $1 ORDER BY due_at LIMIT $2
        """;

    private static readonly KindColumns Reminder = KindColumns.For(DueWorkKind.Reminder, "remind_at", "remind_attempts", "close_at", dueAtOrdinal: 2);

    private static readonly KindColumns AfterEnd = KindColumns.For(DueWorkKind.AfterEnd, "close_at", "close_attempts", "remind_at", dueAtOrdinal: 4);

    private static readonly KindColumns[] Kinds = [Reminder, AfterEnd];

    private readonly NpgsqlDataSource dataSource;
    private readonly BatchedWrites<PlannedWork> plans;
    private readonly BatchedWrites<DueWork> finished;

    /// <summary>A store on a data source that the caller owns (and disposes, after this).</summary>
    public PostgresDueWorkStore(NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        this.dataSource = dataSource;
        plans = new BatchedWrites<PlannedWork>(Write);
        finished = new BatchedWrites<DueWork>(Delete);
    }

    public Task Plan(Guid appointmentId, long version, DateTimeOffset? remindAt, DateTimeOffset? closeAt) =>
        plans.Write(new PlannedWork(appointmentId, version, remindAt, closeAt));

    public async Task<IReadOnlyList<DueWork>> Due(DateTimeOffset now, int limit, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(DueSql);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var due = new List<DueWork>();
        while (await reader.ReadAsync(ct))
        {
            var (appointmentId, version) = (reader.GetGuid(0), reader.GetInt64(1));
            foreach (var kind in Kinds)
            {
                var at = kind.DueAtOrdinal;
                if (!reader.IsDBNull(at) && reader.GetFieldValue<DateTimeOffset>(at) is var dueAt && dueAt <= now)
                {
                    due.Add(new DueWork(appointmentId, kind.Kind, version, dueAt, reader.GetInt32(at + 1)));
                }
            }
        }
        return [.. due.OrderBy(w => w.DueAt).Take(limit)];
    }

    public Task Done(DueWork work, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(work);
        return finished.Write(work).WaitAsync(ct);
    }

    public async Task Retry(DueWork work, DateTimeOffset at, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var command = dataSource.CreateCommand(Columns(work.Kind).Retry);
        AddKey(command.Parameters, work.AppointmentId, work.Version);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = at.ToUniversalTime() });
        await command.ExecuteNonQueryAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        await plans.DisposeAsync();
        await finished.DisposeAsync();
    }

    private async Task Write(IReadOnlyList<PlannedWork> batch, CancellationToken ct)
    {
        await using var commands = dataSource.CreateBatch();
        foreach (var plan in batch)
        {
            var unplanned = plan.RemindAt is null && plan.CloseAt is null;
            var command = new NpgsqlBatchCommand(unplanned ? UnplanSql : PlanSql);
            AddKey(command.Parameters, plan.AppointmentId, plan.Version);
            if (!unplanned)
            {
                command.Parameters.Add(SqlWrites.Nullable(NpgsqlDbType.TimestampTz, plan.RemindAt?.ToUniversalTime()));
                command.Parameters.Add(SqlWrites.Nullable(NpgsqlDbType.TimestampTz, plan.CloseAt?.ToUniversalTime()));
            }
            commands.BatchCommands.Add(command);
        }
        await commands.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Work done leaves its kind empty, and the row goes once neither kind is left.</summary>
    private async Task Delete(IReadOnlyList<DueWork> done, CancellationToken ct)
    {
        await using var commands = dataSource.CreateBatch();
        foreach (var work in done)
        {
            var deleted = new NpgsqlBatchCommand(Columns(work.Kind).DeleteIfLast);
            var emptied = new NpgsqlBatchCommand(Columns(work.Kind).Empty);
            AddKey(deleted.Parameters, work.AppointmentId, work.Version);
            AddKey(emptied.Parameters, work.AppointmentId, work.Version);
            commands.BatchCommands.Add(deleted);
            commands.BatchCommands.Add(emptied);
        }
        await commands.ExecuteNonQueryAsync(ct);
    }

    private static KindColumns Columns(DueWorkKind kind) => kind == DueWorkKind.Reminder ? Reminder : AfterEnd;

    private static void AddKey(NpgsqlParameterCollection parameters, Guid appointmentId, long version)
    {
        parameters.Add(new NpgsqlParameter<Guid> { TypedValue = appointmentId });
        parameters.Add(new NpgsqlParameter<long> { TypedValue = version });
    }

    /// <summary>
    /// One kind of work's columns: where <see cref="DueSql"/> reads its instant (its attempts follow), and the statements
    /// on it ($1 the appointment, $2 the version).
    /// </summary>
    private sealed record KindColumns(DueWorkKind Kind, int DueAtOrdinal, string Retry, string DeleteIfLast, string Empty)
    {
        public static KindColumns For(DueWorkKind kind, string dueAt, string attempts, string otherDueAt, int dueAtOrdinal) => new(
            kind,
            dueAtOrdinal,
            $"UPDATE appointment_due_work SET {dueAt} = $3, {attempts} = {attempts} + 1 WHERE appointment_id = $1 AND version = $2",
            $"DELETE FROM appointment_due_work WHERE appointment_id = $1 AND version = $2 AND {otherDueAt} IS NULL",
            $"UPDATE appointment_due_work SET {dueAt} = NULL, {attempts} = 0 WHERE appointment_id = $1 AND version = $2");
    }

    private sealed record PlannedWork(Guid AppointmentId, long Version, DateTimeOffset? RemindAt, DateTimeOffset? CloseAt);
}
