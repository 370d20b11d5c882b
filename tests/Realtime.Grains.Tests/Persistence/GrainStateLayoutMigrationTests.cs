using Npgsql;

namespace Realtime.Grains.Tests.Persistence;

/// <summary>
/// Script 0011 lays the grain state rows out anew, the state last, so that an update kept on its page logs only what
/// changed. Rows written before it keep everything they held, and the key stays unique.
/// </summary>
public sealed class GrainStateLayoutMigrationTests : IAsyncLifetime
{
    private const int LayoutScript = 11;

    private const string Columns =
        "grainidhash, grainidn0, grainidn1, graintypehash, graintypestring, grainidextensionstring, serviceid, payloadbinary, modifiedon, version";

    private static readonly string InsertSql = $"INSERT INTO orleansstorage ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";

    private static readonly DateTime WrittenAt = new(2026, 11, 30, 8, 15, 0, DateTimeKind.Utc);

    private static readonly object?[][] Rows =
    [
        [11, 1L, 2L, 7, "appointment", null, "realtime", "{\"Version\":3}"u8.ToArray(), WrittenAt, 3],
        [12, 0L, 0L, 8, "resource-calendar", "0b6f7c1e/2026-12-01", "realtime", "{\"Reservations\":[]}"u8.ToArray(), WrittenAt, 9],
        [13, 0L, 0L, 9, "idempotency", "key-1", "realtime", null, WrittenAt.AddDays(-3), 2],
    ];

    /// <summary>A database of its own for each test, with the scripts before this one run.</summary>
    private PostgresDatabase database = null!;

    public async Task InitializeAsync()
    {
        database = await PostgresDatabase.CreateAsync("grain_state_layout", applySchema: false);
        await database.RunScripts(s => s.Version < LayoutScript);
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task Rows_written_before_the_script_read_back_the_same_with_the_state_last_and_the_key_still_unique()
    {
        await using var connection = await Connect();
        foreach (var row in Rows) await Execute(connection, InsertSql, row);

        await database.RunScripts(s => s.Version == LayoutScript);

        Assert.Equal(Rows.Select(Describe), await ReadRows(connection));
        Assert.Equal("payloadbinary", await Scalar(connection, "SELECT attname FROM pg_attribute WHERE attrelid = 'orleansstorage'::regclass AND attnum > 0 ORDER BY attnum DESC LIMIT 1"));
        Assert.Equal(0, await Execute(connection, """
            INSERT INTO orleansstorage (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring, grainidextensionstring, serviceid, version)
            VALUES ($1, $2, $3, $4, $5, $6, $7, 1) ON CONFLICT DO NOTHING
            """, Rows[1][..7]));
    }

    [Fact]
    public async Task A_write_still_open_when_the_script_starts_is_copied_and_not_lost()
    {
        await using var writer = await Connect();
        await using var open = await writer.BeginTransactionAsync();
        await Execute(writer, InsertSql, Rows[0]);

        var script = database.RunScripts(s => s.Version == LayoutScript);
        await using var observer = await Connect();
        await Eventually.True(
            async () => (long)(await Scalar(observer, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"))! > 0,
            "the script waiting for the open write");
        await open.CommitAsync();
        await script;

        Assert.Equal([Describe(Rows[0])], await ReadRows(observer));
    }

    private async Task<NpgsqlConnection> Connect()
    {
        var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<List<string>> ReadRows(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM orleansstorage ORDER BY grainidhash", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            var values = new object?[reader.FieldCount];
            for (var i = 0; i < values.Length; i++) values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(Describe(values));
        }
        return rows;
    }

    private static string Describe(object?[] row) => string.Join(" | ", row.Select(value => value switch
    {
        null => "null",
        byte[] bytes => Convert.ToHexString(bytes),
        DateTime at => at.ToUniversalTime().ToString("O"),
        _ => value.ToString(),
    }));

    private static async Task<int> Execute(NpgsqlConnection connection, string sql, object?[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        return await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> Scalar(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
