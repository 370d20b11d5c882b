using Npgsql;
using Realtime.Grains.Projections;
using Realtime.Silo.ReadModel;

namespace Realtime.Grains.Tests.ReadModel;

/// <summary>The shared behaviour against the in-memory store (a fresh one per test).</summary>
public sealed class InMemoryAppointmentReadModelTests : AppointmentReadModelBehaviour
{
    protected override IAppointmentReadModel ReadModel { get; } = new InMemoryAppointmentReadModel();
}

/// <summary>The shared behaviour against PostgreSQL: one database with the schema, shared by the tests of this class.</summary>
public sealed class PostgresAppointmentReadModelTests(ReadModelDatabase database)
    : AppointmentReadModelBehaviour, IClassFixture<ReadModelDatabase>
{
    protected override IAppointmentReadModel ReadModel => database.ReadModel;
}

/// <summary>A fresh database with the Realtime schema (script 0003 included) and a read model on it.</summary>
public sealed class ReadModelDatabase : IAsyncLifetime
{
    public PostgresDatabase Database { get; private set; } = null!;

    public PostgresAppointmentReadModel ReadModel { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await PostgresDatabase.CreateAsync("readmodel");
        ReadModel = new PostgresAppointmentReadModel(Database.DataSource);
    }

    public async Task DisposeAsync()
    {
        await ReadModel.DisposeAsync();
        await Database.DisposeAsync();
    }
}
