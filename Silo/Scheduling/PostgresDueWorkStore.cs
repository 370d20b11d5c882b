using Npgsql;
using Realtime.Silo.Database;

namespace Realtime.Silo.Scheduling;

/// <summary>
/// The due work in PostgreSQL (table <c>appointment_due_work</c>, script 0008). Plans queued together are written in
/// one round trip and one commit (<see cref="BatchedWrites{T}"/>): planning costs a booking no write of its own. So are
/// the deletions of work done, which <see cref="DueWorkJob"/> makes many at a time.
/// </summary>
public sealed class PostgresDueWorkStore : IDueWorkStore, IAsyncDisposable
{
    private const string PlanSql = """
        INSERT INTO appointment_due_work AS work (appointment_id, kind, version, due_at) VALUES ($1, $2, $3, $4)
        ON CONFLICT (appointment_id, kind) DO UPDATE SET version = excluded.version, due_at = excluded.due_at, attempts = 0
        WHERE work.version < excluded.version
        """;

    private const string UnplanSql = "DELETE FROM appointment_due_work WHERE appointment_id = $1 AND kind = $2 AND version <= $3";

    private const string DueSql = """
        SELECT appointment_id, kind, version, due_at, attempts FROM appointment_due_work
        WHERE due_at <= $1 ORDER BY due_at LIMIT $2
        """;

    private const string DoneSql = "DELETE FROM appointment_due_work WHERE appointment_id = $1 AND kind = $2 AND version = $3";

    private const string RetrySql = """
        UPDATE appointment_due_work SET due_at = $4, attempts = attempts + 1
        WHERE appointment_id = $1 AND kind = $2 AND version = $3
        """;

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
            due.Add(new DueWork(
                reader.GetGuid(0), Enum.Parse<DueWorkKind>(reader.GetString(1)), reader.GetInt64(2),
                reader.GetFieldValue<DateTimeOffset>(3), reader.GetInt32(4)));
        }
        return due;
    }

    public Task Done(DueWork work, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(work);
        return finished.Write(work).WaitAsync(ct);
    }

    public async Task Retry(DueWork work, DateTimeOffset at, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var command = dataSource.CreateCommand(RetrySql);
        AddKey(command.Parameters, work.AppointmentId, work.Kind, work.Version);
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
            commands.BatchCommands.Add(Command(plan, DueWorkKind.Reminder, plan.RemindAt));
            commands.BatchCommands.Add(Command(plan, DueWorkKind.AfterEnd, plan.CloseAt));
        }
        await commands.ExecuteNonQueryAsync(ct);
    }

    private async Task Delete(IReadOnlyList<DueWork> done, CancellationToken ct)
    {
        await using var commands = dataSource.CreateBatch();
        foreach (var work in done)
        {
            var command = new NpgsqlBatchCommand(DoneSql);
            AddKey(command.Parameters, work.AppointmentId, work.Kind, work.Version);
            commands.BatchCommands.Add(command);
        }
        await commands.ExecuteNonQueryAsync(ct);
    }

    private static NpgsqlBatchCommand Command(PlannedWork plan, DueWorkKind kind, DateTimeOffset? dueAt)
    {
        var command = new NpgsqlBatchCommand(dueAt is null ? UnplanSql : PlanSql);
        AddKey(command.Parameters, plan.AppointmentId, kind, plan.Version);
        if (dueAt is { } at) command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = at.ToUniversalTime() });
        return command;
    }

    private static void AddKey(NpgsqlParameterCollection parameters, Guid appointmentId, DueWorkKind kind, long version)
    {
        parameters.Add(new NpgsqlParameter<Guid> { TypedValue = appointmentId });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = kind.ToString() });
        parameters.Add(new NpgsqlParameter<long> { TypedValue = version });
    }

    private sealed record PlannedWork(Guid AppointmentId, long Version, DateTimeOffset? RemindAt, DateTimeOffset? CloseAt);
}
