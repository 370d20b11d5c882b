using Npgsql;
using Realtime.Silo.Scheduling;
using Realtime.Testing;

namespace Realtime.Silo.Tests.Database;

/// <summary>Script 0013 folds an appointment's rows of due work (one per kind) into one row; nothing planned is lost.</summary>
public sealed class DueWorkRowMigrationTests : IAsyncLifetime
{
    private const int RowScript = 13;

    private static readonly DateTimeOffset Noon = new(2027, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly Guid both = Guid.NewGuid();
    private readonly Guid afterEndOnly = Guid.NewGuid();
    private PostgresDatabase database = null!;

    public async Task InitializeAsync()
    {
        database = await PostgresDatabase.CreateAsync("due_work_row", applySchema: false);
        await database.RunScripts(s => s.Version < RowScript);
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task Each_kind_keeps_its_instant_attempts_and_version_and_falls_due_as_before()
    {
        await Insert(both, "Reminder", 2, Noon.AddHours(-2), attempts: 1);
        await Insert(both, "AfterEnd", 2, Noon.AddHours(1), attempts: 0);
        await Insert(afterEndOnly, "AfterEnd", 3, Noon.AddHours(2), attempts: 4);

        await database.RunScripts(s => s.Version == RowScript);

        await using var store = new PostgresDueWorkStore(database.DataSource);
        Assert.Equal(
            [
                new DueWork(both, DueWorkKind.Reminder, 2, Noon.AddHours(-2), 1),
                new DueWork(both, DueWorkKind.AfterEnd, 2, Noon.AddHours(1), 0),
                new DueWork(afterEndOnly, DueWorkKind.AfterEnd, 3, Noon.AddHours(2), 4),
            ],
            await store.Due(Noon.AddDays(1), 10, CancellationToken.None));
        await using var count = database.DataSource.CreateCommand("SELECT count(*) FROM appointment_due_work");
        Assert.Equal(2L, await count.ExecuteScalarAsync());
    }

    private async Task Insert(Guid appointmentId, string kind, long version, DateTimeOffset dueAt, int attempts)
    {
        await using var command = database.DataSource.CreateCommand(
            "INSERT INTO appointment_due_work (appointment_id, kind, version, due_at, attempts) VALUES ($1, $2, $3, $4, $5)");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = appointmentId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = kind });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = version });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = dueAt });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = attempts });
        await command.ExecuteNonQueryAsync();
    }
}
