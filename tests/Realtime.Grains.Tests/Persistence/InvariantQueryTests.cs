using Realtime.Harness;

namespace Realtime.Grains.Tests.Persistence;

[Collection(PostgresClusterCollection.Name)]
public sealed class InvariantQueryTests(PostgresClusterFixture fixture)
{
    [Fact]
    public async Task The_invariant_queries_catch_a_forged_overlapping_row()
    {
        var chain = await Chain.Create(fixture.Grains);
        var staff = await chain.AddResource();
        await chain.Book(chain.Booking([staff], chain.Local(4, 10)));
        var connection = fixture.Database.ConnectionString;
        var overlapsBefore = await PersistedInvariants.OverlappingPairs(connection, chain.OrganizationId);
        var unheldBefore = await PersistedInvariants.LiveIntervalsNotHeldByCalendars(connection, chain.OrganizationId);

        Assert.Equal(1, await PersistedInvariants.PlantForgedCopy(connection, chain.OrganizationId));

        Assert.Equal(overlapsBefore + 1, await PersistedInvariants.OverlappingPairs(connection, chain.OrganizationId));
        Assert.Equal(unheldBefore + 1, await PersistedInvariants.LiveIntervalsNotHeldByCalendars(connection, chain.OrganizationId));
    }

    [Fact]
    public async Task A_calendar_still_stored_in_an_earlier_form_holds_its_appointments()
    {
        var chain = await Chain.Create(fixture.Grains);
        var staff = await chain.AddResource();
        await chain.Book(chain.Booking([staff], chain.Local(4, 12)));
        var connection = fixture.Database.ConnectionString;
        Assert.Equal(0, await PersistedInvariants.LiveIntervalsNotHeldByCalendars(connection, chain.OrganizationId));

        await RewriteCalendars(staff, """
            jsonb_build_object('Reservations', (SELECT jsonb_agg(jsonb_build_array(
                r->0, r->1, to_jsonb((r->>1)::timestamptz + make_interval(mins => (r->>2)::int)))) FROM jsonb_array_elements(s->'Reservations') r))
            """);
        Assert.Equal(0, await PersistedInvariants.LiveIntervalsNotHeldByCalendars(connection, chain.OrganizationId));

        await RewriteCalendars(staff, """
            jsonb_build_object('Reservations', (SELECT jsonb_agg(jsonb_build_object(
                'AppointmentId', r->>0, 'Occupied', jsonb_build_object('Start', r->>1, 'End', r->>2))) FROM jsonb_array_elements(s->'Reservations') r))
            """);
        Assert.Equal(0, await PersistedInvariants.LiveIntervalsNotHeldByCalendars(connection, chain.OrganizationId));

        await RewriteCalendars(staff, """jsonb_build_object('Reservations', '[]'::jsonb)""");
        Assert.Equal(1, await PersistedInvariants.LiveIntervalsNotHeldByCalendars(connection, chain.OrganizationId));
    }

    /// <summary>Replaces the stored state <c>s</c> of every calendar partition of <paramref name="resource"/> with <paramref name="newState"/>.</summary>
    private async Task RewriteCalendars(Guid resource, string newState)
    {
        await using var command = fixture.DataSource.CreateCommand($"""
            UPDATE orleansstorage SET payloadbinary = convert_to(({newState})::text, 'UTF8')
              FROM (SELECT grainidextensionstring AS key, convert_from(payloadbinary, 'UTF8')::jsonb AS s FROM orleansstorage
                     WHERE graintypestring = 'resource-calendar' AND grainidextensionstring LIKE '{resource:N}%') calendar
             WHERE graintypestring = 'resource-calendar' AND grainidextensionstring = calendar.key
            """);
        Assert.True(await command.ExecuteNonQueryAsync() > 0);
    }
}
