using Npgsql;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Projections;
using Realtime.Silo.ReadModel;

namespace Realtime.Grains.Tests.ReadModel;

/// <summary>
/// Two in-process silos on a fresh PostgreSQL database, registered as a real silo is (grains plus the appointment
/// projection), and a test trigger on <c>appointment_list</c> that refuses rows whose source is listed in
/// <c>test_failing_sources</c>, so a test can make the projection fail and recover at will.
/// </summary>
public sealed class ProjectionClusterFixture() : PostgresClusterFixture("projection")
{
    /// <summary>The appointment list as the API reads it.</summary>
    public PostgresAppointmentReadModel ReadModel { get; private set; } = null!;

    protected override async Task OnDatabaseCreated()
    {
        ReadModel = new PostgresAppointmentReadModel(DataSource);
        await Execute("""
            CREATE TABLE test_failing_sources (source text PRIMARY KEY);

            CREATE FUNCTION test_refuse_failing_sources() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF EXISTS (SELECT 1 FROM test_failing_sources WHERE source = NEW.source) THEN
                    RAISE EXCEPTION 'test trigger: the projection of appointment % is failing', NEW.id;
                END IF;
                RETURN NEW;
            END
            $$;

            CREATE TRIGGER test_refuse_failing_sources BEFORE INSERT OR UPDATE ON appointment_list
                FOR EACH ROW EXECUTE FUNCTION test_refuse_failing_sources();
            """);
    }

    /// <summary>From now on every projection write of an appointment with this source fails.</summary>
    public Task FailProjectionsOf(string source) =>
        Execute("INSERT INTO test_failing_sources (source) VALUES ($1)", source);

    public Task StopFailing(string source) =>
        Execute("DELETE FROM test_failing_sources WHERE source = $1", source);

    /// <summary>The row of an appointment as stored (tombstones included), or null when there is none.</summary>
    public async Task<(long Version, bool Deleted, string Status)?> Row(Guid appointmentId)
    {
        await using var command = DataSource.CreateCommand("SELECT version, deleted, status FROM appointment_list WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = appointmentId });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetInt64(0), reader.GetBoolean(1), reader.GetString(2)) : null;
    }

    /// <summary>Waits until the appointment's row has reached <paramref name="version"/>; fails after <paramref name="timeout"/>.</summary>
    public Task<(long Version, bool Deleted, string Status)> WaitForRow(Guid appointmentId, long version, TimeSpan timeout)
        => WaitForVersion(() => Row(appointmentId), row => row.Version, version, timeout, $"The appointment list row of {appointmentId}");
}

[CollectionDefinition(Name)]
public sealed class ProjectionClusterCollection : ICollectionFixture<ProjectionClusterFixture>
{
    public const string Name = "projection cluster";
}
