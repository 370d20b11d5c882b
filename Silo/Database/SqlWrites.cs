using Npgsql;
using NpgsqlTypes;

namespace Realtime.Silo.Database;

/// <summary>Statements and parameters that the PostgreSQL stores share.</summary>
internal static class SqlWrites
{
    /// <summary>
    /// A row replaced when <paramref name="replaceWhen"/> holds, or inserted when it is absent: parameters $1, $2, ...
    /// fill <paramref name="columns"/> in order, and the first column is the key. Not <c>INSERT … ON CONFLICT</c>,
    /// whose speculative insertion logs a 48-byte confirmation record for every new row. The callers write one key's
    /// changes one after another, so nothing races the check that the row is absent; were anything to, the unique key
    /// would refuse the insert, and the caller's write fail.
    /// </summary>
    public static string CheckedUpsert(string table, IReadOnlyList<string> columns, string replaceWhen, string alsoSet) => $"""
        WITH replaced AS (
            UPDATE {table} SET
                {string.Join(", ", columns.Select((column, i) => $"{column} = ${i + 1}").Skip(1))}, {alsoSet}
            WHERE {columns[0]} = $1 AND ({replaceWhen}))
        INSERT INTO {table} ({string.Join(", ", columns)})
        SELECT {string.Join(", ", columns.Select((_, i) => $"${i + 1}"))}
        WHERE NOT EXISTS (SELECT FROM {table} WHERE {columns[0]} = $1)
        """;

    public static NpgsqlParameter Nullable(NpgsqlDbType type, object? value) =>
        new() { NpgsqlDbType = type, Value = value ?? DBNull.Value };
}
