using Npgsql;

namespace Realtime.Bench.Baseline;

/// <summary>One row per booking; the exclusion constraint is the whole double-booking rule.</summary>
public static class BookingsSchema
{
    private const string Sql = """
        CREATE EXTENSION IF NOT EXISTS btree_gist;
        CREATE TABLE IF NOT EXISTS bookings (
            id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
            resource_id uuid NOT NULL,
            during tstzrange NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now(),
            EXCLUDE USING gist (resource_id WITH =, during WITH &&));
        """;

    public static async Task CreateAsync(NpgsqlDataSource database)
    {
        await using var command = database.CreateCommand(Sql);
        await command.ExecuteNonQueryAsync();
    }
}
