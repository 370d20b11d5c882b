using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace Realtime.Silo.Database;

/// <summary>
/// Brings a PostgreSQL database up to the schema this build expects, by running the numbered scripts
/// embedded from <c>Database/Scripts/NNNN_name.sql</c> that the database has not run yet.
/// </summary>
/// <remarks>
/// <para>To change the schema, add the next numbered script; never edit one that may have run somewhere
/// (its checksum is recorded and a changed script stops start-up).</para>
/// <para>Safe to call from several processes at once: a PostgreSQL advisory lock serialises them, and each
/// script runs in its own transaction together with the row that records it.</para>
/// </remarks>
public static partial class DatabaseSchema
{
    /// <summary>Advisory lock key ("realtime" in ASCII) held while scripts are checked and applied.</summary>
    private const long AdvisoryLockKey = 0x7265616C74696D65;

    private static readonly Lazy<IReadOnlyList<SchemaScript>> EmbeddedScripts = new(LoadEmbeddedScripts);

    /// <summary>The embedded scripts, in the order they are applied.</summary>
    public static IReadOnlyList<SchemaScript> Scripts => EmbeddedScripts.Value;

    /// <summary>Applies every embedded script the database has not run yet; does nothing when it is up to date.</summary>
    /// <returns>The numbers of the scripts applied by this call (empty when the database was up to date).</returns>
    public static async Task<IReadOnlyList<int>> ApplyAsync(string connectionString, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        // Unpooled: the session lock below must go with the session, whatever happens to the unlock.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct);

        await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({AdvisoryLockKey})", ct);
        try
        {
            await ExecuteAsync(connection, null, """
                CREATE TABLE IF NOT EXISTS schema_migrations
                (
                    version    integer     NOT NULL PRIMARY KEY,
                    name       text        NOT NULL,
                    checksum   text        NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """, ct);

            var applied = await ReadAppliedAsync(connection, ct);
            var appliedNow = new List<int>();
            foreach (var script in Scripts)
            {
                if (applied.TryGetValue(script.Version, out var checksum))
                {
                    if (checksum != script.Checksum)
                    {
                        throw new InvalidOperationException(
                            $"Schema script {script.FileName} was changed after it had been applied to this database. " +
                            "Applied scripts must not change: put the change in a new numbered script " +
                            "(or, for a throw-away development database, delete it and start again).");
                    }
                    continue;
                }

                await using var transaction = await connection.BeginTransactionAsync(ct);
                await ExecuteAsync(connection, transaction, script.Sql, ct);
                await using (var record = new NpgsqlCommand(
                    "INSERT INTO schema_migrations (version, name, checksum) VALUES (@version, @name, @checksum)",
                    connection, transaction))
                {
                    record.Parameters.AddWithValue("version", script.Version);
                    record.Parameters.AddWithValue("name", script.Name);
                    record.Parameters.AddWithValue("checksum", script.Checksum);
                    await record.ExecuteNonQueryAsync(ct);
                }
                await transaction.CommitAsync(ct);
                appliedNow.Add(script.Version);
            }
            return appliedNow;
        }
        finally
        {
            // Unlock on the same session even if the caller gave up; closing the (unpooled) connection would also do it.
            if (connection.State == System.Data.ConnectionState.Open)
            {
                await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
            }
        }
    }

    private static async Task<Dictionary<int, string>> ReadAppliedAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var applied = new Dictionary<int, string>();
        await using var command = new NpgsqlCommand("SELECT version, checksum FROM schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            applied[reader.GetInt32(0)] = reader.GetString(1);
        }
        return applied;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 120 };
        await command.ExecuteNonQueryAsync(ct);
    }

    private static IReadOnlyList<SchemaScript> LoadEmbeddedScripts()
    {
        var assembly = typeof(DatabaseSchema).Assembly;
        var scripts = new List<SchemaScript>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var match = ScriptResourceName().Match(resource);
            if (!match.Success)
            {
                continue;
            }
            scripts.Add(SchemaScript.Load(assembly, resource, int.Parse(match.Groups["version"].Value), match.Groups["name"].Value));
        }

        var duplicate = scripts.GroupBy(s => s.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException(
                $"Two schema scripts share number {duplicate.Key}: {string.Join(", ", duplicate.Select(s => s.FileName))}.");
        }
        if (scripts.Count == 0)
        {
            throw new InvalidOperationException("No schema scripts are embedded (expected Database/Scripts/NNNN_name.sql).");
        }
        return scripts.OrderBy(s => s.Version).ToArray();
    }

    [GeneratedRegex(@"\.Database\.Scripts\.(?<version>\d{4})_(?<name>[A-Za-z0-9_]+)\.sql$")]
    private static partial Regex ScriptResourceName();
}

/// <summary>One numbered schema script embedded in the silo assembly.</summary>
public sealed record SchemaScript(int Version, string Name, string Sql, string Checksum)
{
    public string FileName => $"{Version:D4}_{Name}.sql";

    internal static SchemaScript Load(Assembly assembly, string resource, int version, string name)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource {resource} is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        // Line endings depend on the checkout; the checksum must not.
        var sql = reader.ReadToEnd().Replace("\r\n", "\n");
        var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));
        return new SchemaScript(version, name, sql, checksum);
    }
}
