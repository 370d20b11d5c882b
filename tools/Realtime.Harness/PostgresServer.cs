using Npgsql;

namespace Realtime.Harness;

/// <summary>The one PostgreSQL server every system under test writes to, seen through its maintenance database.</summary>
public sealed class PostgresServer(string adminConnectionString)
{
    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = database }.ConnectionString;

    /// <summary>Drops and creates <paramref name="database"/>, so every run starts empty.</summary>
    public async Task RecreateDatabaseAsync(string database)
    {
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        await ExecuteAsync($"CREATE DATABASE \"{database}\"");
    }

    /// <summary>A server setting as <c>SHOW</c> prints it (server_version, fsync, synchronous_commit...).</summary>
    public async Task<string> SettingAsync(string name) => (string)(await ScalarAsync($"SHOW {name}"))!;

    /// <summary>The WAL position written and flushed so far (e.g. 0/1A2B3C4D), for pg_waldump.</summary>
    public async Task<string> WalFlushPositionAsync() => (string)(await ScalarAsync("SELECT pg_current_wal_flush_lsn()::text"))!;

    /// <summary>A checkpoint: every page's next change is logged whole again (a full-page image).</summary>
    public Task CheckpointAsync() => ExecuteAsync("CHECKPOINT");

    /// <summary>How long an idle backend may take to report its statistics (PostgreSQL 15: 10 s).</summary>
    public static readonly TimeSpan StatisticsDelay = TimeSpan.FromSeconds(11);

    /// <summary>
    /// Deadlocks PostgreSQL detected in <paramref name="database"/> since its statistics were reset, as far as reported:
    /// an idle backend reports within <see cref="StatisticsDelay"/>.
    /// </summary>
    public async Task<long> DeadlocksAsync(string database) =>
        Convert.ToInt64(await ScalarAsync("SELECT deadlocks FROM pg_stat_database WHERE datname = $1", database));

    public static async Task<long> CountAsync(string connectionString, string sql, params object[] parameters) =>
        Convert.ToInt64(await QueryAsync(connectionString, sql, parameters));

    public static Task ExecuteAsync(string connectionString, string sql) => QueryAsync(connectionString, sql);

    private Task ExecuteAsync(string sql) => QueryAsync(adminConnectionString, sql);

    private Task<object?> ScalarAsync(string sql, params object[] parameters) => QueryAsync(adminConnectionString, sql, parameters);

    /// <summary>The first column of the first row, if any.</summary>
    private static async Task<object?> QueryAsync(string connectionString, string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters) command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return await command.ExecuteScalarAsync();
    }
}
