using Npgsql;
using Realtime.Harness;
using Realtime.Grains.Domain.Calendars;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Calendars;
using Realtime.Grains.Interfaces.Common;

namespace Realtime.Grains.Tests.Persistence;

/// <summary>A crash between taking calendar time and recording the appointment must not leave the time taken for good.</summary>
[Collection(PostgresClusterCollection.Name)]
public sealed class CrashRecoveryTests(PostgresClusterFixture fixture)
{
    private const string CrashMarker = "simulated-crash-before-record";

    [Fact]
    public async Task A_failed_appointment_write_leaves_an_orphan_that_the_next_conflicting_request_gets()
    {
        var chain = await Chain.Create(fixture.Grains);
        var staff = await chain.AddResource();
        var start = chain.Local(5, 10);
        var crashed = Guid.NewGuid();
        await using (await FailingWrites(
            $"NEW.graintypestring = 'appointment' AND position(convert_to('{CrashMarker}', 'UTF8') IN NEW.payloadbinary) > 0"))
        {
            await Assert.ThrowsAnyAsync<Exception>(() =>
                fixture.Grains.GetGrain<IAppointmentGrain>(crashed).Book(chain.Booking([staff], start) with { Notes = CrashMarker }));
        }

        var calendar = fixture.Grains.GetGrain<IResourceCalendarGrain>(CalendarPartitions.Key(staff, DateOnly.FromDateTime(start.UtcDateTime)));
        Assert.Contains(crashed, (await calendar.GetReservations()).Select(r => r.AppointmentId));

        var (winner, _) = await chain.Book(chain.Booking([staff], start.AddMinutes(15)));

        Assert.Equal([winner], (await calendar.GetReservations()).Select(r => r.AppointmentId));
        Assert.Null(await fixture.Grains.GetGrain<IAppointmentGrain>(crashed).Get());
    }

    [Fact]
    public async Task Time_taken_by_a_process_that_died_before_recording_is_freed_when_someone_needs_it()
    {
        var chain = await Chain.Create(fixture.Grains);
        var staff = await chain.AddResource();
        var start = chain.Local(5, 14);
        var neverRecorded = Guid.NewGuid();
        var calendar = fixture.Grains.GetGrain<IResourceCalendarGrain>(CalendarPartitions.Key(staff, DateOnly.FromDateTime(start.UtcDateTime)));
        Assert.True((await calendar.Reserve(new Reservation(neverRecorded, TimeRange.FromMinutes(start, 60)))).Reserved);
        await fixture.Restart();
        chain = chain.Through(fixture.Grains);

        await chain.Book(chain.Booking([staff], start.AddMinutes(30)));
    }

    [Fact]
    public async Task A_calendar_write_that_failed_is_not_trusted_by_the_retry_that_follows()
    {
        var chain = await Chain.Create(fixture.Grains);
        var staff = await chain.AddResource();
        var start = chain.Local(5, 16);
        var appointment = Guid.NewGuid();
        await using (await FailingWrites($"NEW.graintypestring = 'resource-calendar' AND NEW.grainidextensionstring LIKE '{staff:N}%'"))
        {
            await Assert.ThrowsAnyAsync<Exception>(() =>
                fixture.Grains.GetGrain<IAppointmentGrain>(appointment).Book(chain.Booking([staff], start)));
        }

        Assert.True((await fixture.Grains.GetGrain<IAppointmentGrain>(appointment).Book(chain.Booking([staff], start))).IsSuccess);

        Assert.Equal(0, await PersistedInvariants.LiveIntervalsNotHeldByCalendars(fixture.Database.ConnectionString, chain.OrganizationId));
    }

    /// <summary>Makes PostgreSQL refuse every grain-state write matching <paramref name="condition"/> until disposed.</summary>
    private async Task<IAsyncDisposable> FailingWrites(string condition)
    {
        var connectionString = fixture.Database.ConnectionString;
        await Sql(connectionString, $$"""
            CREATE OR REPLACE FUNCTION fail_writes() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF {{condition}} THEN
                    RAISE EXCEPTION 'simulated failure of a grain-state write';
                END IF;
                RETURN NEW;
            END $$;
            CREATE OR REPLACE TRIGGER fail_writes BEFORE INSERT OR UPDATE ON orleansstorage
                FOR EACH ROW EXECUTE FUNCTION fail_writes();
            """);
        return new Removal(() => Sql(connectionString, "DROP TRIGGER fail_writes ON orleansstorage"));
    }

    private sealed class Removal(Func<Task> remove) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await remove();
    }

    private static async Task Sql(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
