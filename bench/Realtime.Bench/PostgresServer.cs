using Npgsql;

namespace Realtime.Bench;

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

    /// <summary>WAL written by the whole server since its statistics were reset (so: measure with nothing else running).</summary>
    public async Task<long> WalBytesAsync() => Convert.ToInt64(await ScalarAsync("SELECT wal_bytes FROM pg_stat_wal"));

    /// <summary>Deadlocks PostgreSQL detected in <paramref name="database"/> since its statistics were reset.</summary>
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
