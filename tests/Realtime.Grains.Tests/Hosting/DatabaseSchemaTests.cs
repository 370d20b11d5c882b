using Npgsql;
using Realtime.Grains.Tests.Infrastructure;
using Realtime.Silo.Database;

namespace Realtime.Grains.Tests.Hosting;

public sealed class DatabaseSchemaTests
{
    [Fact]
    public async Task Applying_twice_applies_every_script_once()
    {
        await using var database = await PostgresDatabase.CreateAsync("schema_twice", applySchema: false);

        var first = await DatabaseSchema.ApplyAsync(database.ConnectionString);
        var second = await DatabaseSchema.ApplyAsync(database.ConnectionString);

        Assert.Equal(DatabaseSchema.Scripts.Select(s => s.Version), first);
        Assert.Empty(second);
        Assert.Equal(DatabaseSchema.Scripts.Count, await CountAsync(database, "SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task Concurrent_applies_do_not_fail_and_apply_each_script_once()
    {
        await using var database = await PostgresDatabase.CreateAsync("schema_concurrent", applySchema: false);

        var results = await Task.WhenAll(Enumerable.Range(0, 4)
            .Select(_ => Task.Run(() => DatabaseSchema.ApplyAsync(database.ConnectionString))));

        Assert.Equal(DatabaseSchema.Scripts.Select(s => s.Version), results.SelectMany(r => r).Order());
        Assert.Equal(DatabaseSchema.Scripts.Count, await CountAsync(database, "SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public void Scripts_are_numbered_from_one_without_gaps()
    {
        Assert.Equal(Enumerable.Range(1, DatabaseSchema.Scripts.Count), DatabaseSchema.Scripts.Select(s => s.Version));
        Assert.Equal("0001_orleans_clustering.sql", DatabaseSchema.Scripts[0].FileName);
        Assert.Equal("0002_orleans_persistence.sql", DatabaseSchema.Scripts[1].FileName);
    }

    [Fact]
    public async Task A_changed_script_that_was_already_applied_stops_start_up()
    {
        await using var database = await PostgresDatabase.CreateAsync("schema_changed");
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var tamper = new NpgsqlCommand("UPDATE schema_migrations SET checksum = 'x' WHERE version = 1", connection);
            await tamper.ExecuteNonQueryAsync();
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => DatabaseSchema.ApplyAsync(database.ConnectionString));
        Assert.Contains("0001_orleans_clustering.sql", error.Message);
    }

    [Fact]
    public async Task The_query_table_holds_every_query_the_providers_read()
    {
        await using var database = await PostgresDatabase.CreateAsync("schema_queries");
        string[] expected =
        [
            // Orleans.Clustering.AdoNet 10.4.2: required ...
            "GatewaysQueryKey", "MembershipReadRowKey", "MembershipReadAllKey", "InsertMembershipVersionKey",
            "UpdateIAmAlivetimeKey", "InsertMembershipKey", "UpdateMembershipKey", "DeleteMembershipTableEntriesKey",
            "CleanupDefunctSiloEntriesKey",
            // ... and optional, used when present
            "CleanupDefunctSiloEntryKey",
            // Orleans.Persistence.AdoNet 10.4.2 (DeleteStorageKey only with DeleteStateOnClear)
            "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey",
        ];

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT querykey FROM orleansquery", connection);
        var keys = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                keys.Add(reader.GetString(0));
            }
        }

        Assert.Equal(expected.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
    }

    private static async Task<long> CountAsync(PostgresDatabase database, string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
