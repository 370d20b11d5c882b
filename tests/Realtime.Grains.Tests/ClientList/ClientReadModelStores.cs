using Npgsql;
using Realtime.Grains.Projections;
using Realtime.Grains.Projections.Clients;
using Realtime.Silo.ReadModel;
using Realtime.Silo.ReadModel.Clients;

namespace Realtime.Grains.Tests.ClientList;

/// <summary>The shared behaviour against the in-memory stores (fresh ones per test).</summary>
public sealed class InMemoryClientReadModelTests : ClientReadModelBehaviour
{
    public InMemoryClientReadModelTests()
    {
        var appointments = new InMemoryAppointmentReadModel();
        Appointments = appointments;
        ReadModel = new InMemoryClientReadModel(appointments);
    }

    protected override IClientReadModel ReadModel { get; }

    protected override IAppointmentReadModel Appointments { get; }
}

/// <summary>The shared behaviour against PostgreSQL: one database with the schema, shared by the tests of this class.</summary>
public sealed class PostgresClientReadModelTests(ClientListDatabase database)
    : ClientReadModelBehaviour, IClassFixture<ClientListDatabase>
{
    protected override IClientReadModel ReadModel => database.ReadModel;

    protected override IAppointmentReadModel Appointments => database.Appointments;
}

/// <summary>
/// A fresh database with the Realtime schema (scripts 0003 and 0004 included), the client list on it and the
/// appointment list it reads last appointment dates from. Exports read two clients per query, so that every export
/// of a test pages through several batches.
/// </summary>
public sealed class ClientListDatabase : IAsyncLifetime
{
    public const int ExportBatchSize = 2;

    public PostgresDatabase Database { get; private set; } = null!;

    public PostgresClientReadModel ReadModel { get; private set; } = null!;

    public PostgresAppointmentReadModel Appointments { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await PostgresDatabase.CreateAsync("clientlist");
        ReadModel = new PostgresClientReadModel(Database.DataSource, ExportBatchSize);
        Appointments = new PostgresAppointmentReadModel(Database.DataSource);
    }

    public async Task DisposeAsync()
    {
        await Appointments.DisposeAsync();
        await Database.DisposeAsync();
    }
}
