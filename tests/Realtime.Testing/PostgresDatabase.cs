using System.Text.RegularExpressions;
using Npgsql;
using Realtime.Silo.Database;

namespace Realtime.Testing;

/// <summary>
/// A fresh, uniquely named PostgreSQL database for one test (or one test class), with the Realtime schema
/// applied; dropped again on dispose. The server comes from <c>REALTIME_TEST_POSTGRES</c>, which
/// <c>./test.sh</c> sets to a private cluster it starts itself.
/// </summary>
public sealed partial class PostgresDatabase : IAsyncDisposable
{
    public const string EnvironmentVariable = "REALTIME_TEST_POSTGRES";

    private readonly string _adminConnectionString;
    private NpgsqlDataSource? _dataSource;

    private PostgresDatabase(string adminConnectionString, string name, string connectionString)
    {
        _adminConnectionString = adminConnectionString;
        Name = name;
        ConnectionString = connectionString;
    }

    /// <summary>The database name: the prefix (lowercase letters, digits, underscores) and a random suffix.</summary>
    public string Name { get; }

    /// <summary>Connection string of this database (Npgsql syntax).</summary>
    public string ConnectionString { get; }

    /// <summary>A data source on this database, made at first use and disposed with it.</summary>
    public NpgsqlDataSource DataSource => _dataSource ??= NpgsqlDataSource.Create(ConnectionString);

    /// <summary>Creates a database with the schema applied.</summary>
    public static Task<PostgresDatabase> CreateAsync(string namePrefix) => CreateAsync(namePrefix, applySchema: true);

    /// <summary>Creates a database; with <paramref name="applySchema"/> false it is left empty.</summary>
    public static async Task<PostgresDatabase> CreateAsync(string namePrefix, bool applySchema)
    {
        var adminConnectionString = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(adminConnectionString))
        {
            throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set: run ./test.sh or set {EnvironmentVariable} to a PostgreSQL " +
                "connection string whose user may create databases, e.g. " +
                "\"Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres\".");
        }

        var prefix = NotIdentifierCharacters().Replace(namePrefix.ToLowerInvariant(), "_").Trim('_');
        if (prefix.Length == 0 || char.IsDigit(prefix[0]))
        {
            prefix = "t_" + prefix;
        }
        var shortPrefix = prefix.Length > 40 ? prefix[..40] : prefix;
        var name = $"{shortPrefix}_{Guid.NewGuid().ToString("N")[..12]}";

        await using (var admin = new NpgsqlConnection(adminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
        var database = new PostgresDatabase(adminConnectionString, name, connectionString);
        if (applySchema)
        {
            try
            {
                await DatabaseSchema.ApplyAsync(connectionString);
            }
            catch
            {
                await database.DisposeAsync();
                throw;
            }
        }
        return database;
    }

    /// <summary>
    /// Runs the schema scripts chosen, in order, each in a transaction as start-up runs them, without recording them: for
    /// tests of what a script does to data written before it.
    /// </summary>
    public async Task RunScripts(Func<SchemaScript, bool> which)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        foreach (var script in DatabaseSchema.Scripts.Where(which))
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await using var command = new NpgsqlCommand(script.Sql, connection, transaction);
            await command.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_dataSource is not null) await _dataSource.DisposeAsync();
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }
        await using var admin = new NpgsqlConnection(_adminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    [GeneratedRegex("[^a-z0-9_]+")]
    private static partial Regex NotIdentifierCharacters();
}
