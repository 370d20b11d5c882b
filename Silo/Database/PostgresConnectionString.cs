using System.Data.Common;
using Npgsql;

namespace Realtime.Silo.Database;

/// <summary>
/// The Npgsql settings Realtime runs with unless the configured connection string sets them itself. Realtime keeps no
/// session state on a pooled connection (the schema step, which takes a session lock, uses a connection of its own),
/// so a connection going back to the pool need not be reset with <c>DISCARD ALL</c> (a statement per use, and it would
/// drop prepared statements); and the few statements it repeats on every booking are worth preparing once.
/// </summary>
public static class PostgresConnectionString
{
    public const int MaxAutoPrepare = 64;

    public static string Tuned(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var tuned = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Sets(given, "No Reset On Close", "NoResetOnClose")) tuned.NoResetOnClose = true;
        if (!Sets(given, "Max Auto Prepare", "MaxAutoPrepare")) tuned.MaxAutoPrepare = MaxAutoPrepare;
        return tuned.ConnectionString;
    }

    private static bool Sets(DbConnectionStringBuilder given, params string[] keywords) => keywords.Any(given.ContainsKey);
}
