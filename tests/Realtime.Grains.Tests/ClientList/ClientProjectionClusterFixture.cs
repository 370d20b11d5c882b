using Npgsql;
using Realtime.Silo.ReadModel;
using Realtime.Silo.ReadModel.Clients;

namespace Realtime.Grains.Tests.ClientList;

/// <summary>
/// Two in-process silos on a fresh PostgreSQL database, registered as a real silo is (grains plus the projections),
/// and a test trigger on <c>client_list</c> that refuses rows of the clients listed in <c>test_failing_clients</c>,
/// so a test can make the client projection fail and recover at will.
/// </summary>
public sealed class ClientProjectionClusterFixture() : PostgresClusterFixture("clientprojection")
{
    /// <summary>The client list as the API reads it.</summary>
    public PostgresClientReadModel ReadModel { get; private set; } = null!;

    /// <summary>The appointment list as the API reads it.</summary>
    public PostgresAppointmentReadModel Appointments { get; private set; } = null!;

    protected override async Task OnDatabaseCreated()
    {
        ReadModel = new PostgresClientReadModel(DataSource);
        Appointments = new PostgresAppointmentReadModel(DataSource);
        await Execute("""
            CREATE TABLE test_failing_clients (id uuid PRIMARY KEY);

            CREATE FUNCTION test_refuse_failing_clients() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF EXISTS (SELECT 1 FROM test_failing_clients WHERE id = NEW.id) THEN
                    RAISE EXCEPTION 'test trigger: the projection of client % is failing', NEW.id;
                END IF;
                RETURN NEW;
            END
            $$;

            CREATE TRIGGER test_refuse_failing_clients BEFORE INSERT OR UPDATE ON client_list
                FOR EACH ROW EXECUTE FUNCTION test_refuse_failing_clients();
            """);
    }

    /// <summary>From now on every projection write of this client fails.</summary>
    public Task FailProjectionsOf(Guid clientId) => Execute("INSERT INTO test_failing_clients (id) VALUES ($1)", clientId);

    public Task StopFailing(Guid clientId) => Execute("DELETE FROM test_failing_clients WHERE id = $1", clientId);

    /// <summary>The row of a client as stored (tombstones included), or null when there is none.</summary>
    public async Task<(long Version, bool Deleted, string LastName, bool Blacklisted)?> Row(Guid clientId)
    {
        await using var command = DataSource.CreateCommand("SELECT version, deleted, last_name, blacklisted FROM client_list WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = clientId });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetInt64(0), reader.GetBoolean(1), reader.GetString(2), reader.GetBoolean(3)) : null;
    }

    /// <summary>Waits until the client's row has reached <paramref name="version"/>; fails after <paramref name="timeout"/>.</summary>
    public Task<(long Version, bool Deleted, string LastName, bool Blacklisted)> WaitForRow(Guid clientId, long version, TimeSpan timeout)
        => WaitForVersion(() => Row(clientId), row => row.Version, version, timeout, $"The client list row of {clientId}");
}

[CollectionDefinition(Name)]
public sealed class ClientProjectionClusterCollection : ICollectionFixture<ClientProjectionClusterFixture>
{
    public const string Name = "client projection cluster";
}
