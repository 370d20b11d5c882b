using Npgsql;

namespace Realtime.Harness;

/// <summary>
/// Invariants of one organisation, checked by SQL over the grains' persisted JSON state, not through the grains. A member
/// holding its default is left out of that JSON, so every one read here is read through <c>coalesce</c>.
/// </summary>
public static class PersistedInvariants
{
    private const string LiveIntervals = """
        WITH appointment AS (
            SELECT grainidn0, grainidn1, convert_from(payloadbinary, 'UTF8')::jsonb AS s
              FROM orleansstorage
             WHERE graintypestring = 'appointment' AND payloadbinary IS NOT NULL
               AND convert_from(payloadbinary, 'UTF8')::jsonb->>'OrganizationId' = @organization),
        live AS (
            SELECT a.grainidn0, a.grainidn1, s->>'Id' AS appointment, r.resource,
                   tstzrange((s->>'Start')::timestamptz - make_interval(mins => coalesce((s->'Timing'->>'BufferBeforeMinutes')::int, 0)),
                             (s->>'Start')::timestamptz + make_interval(mins => coalesce((s->'Timing'->>'DurationMinutes')::int, 0)
                                                                                 + coalesce((s->'Timing'->>'BufferAfterMinutes')::int, 0))) AS during
              FROM appointment a, jsonb_array_elements_text(a.s->'ResourceIds') AS r(resource)
             WHERE NOT coalesce((s->>'Deleted')::boolean, false) AND coalesce((s->>'Status')::int, 0) IN (0, 1, 2, 5))
        """;

    /// <summary>Pairs of live appointments (booked, arrived, completed, past) overlapping on one resource, buffers included.</summary>
    public static Task<long> OverlappingPairs(string connectionString, Guid organizationId) => Count(connectionString, organizationId, LiveIntervals + """
        SELECT count(*) FROM live x JOIN live y
            ON x.resource = y.resource AND (x.grainidn0, x.grainidn1) < (y.grainidn0, y.grainidn1) AND x.during && y.during
        """);

    /// <summary>
    /// Live appointment intervals that no calendar partition of their resource holds (must be none). A reservation is
    /// stored as <c>[id, start, minutes]</c>, or by servers before that as <c>[id, start, end]</c> or as an object.
    /// </summary>
    public static Task<long> LiveIntervalsNotHeldByCalendars(string connectionString, Guid organizationId) => Count(connectionString, organizationId, LiveIntervals + """
        , held AS (
            SELECT left(c.grainidextensionstring, 32) AS resource,
                   coalesce(r->>0, r->>'AppointmentId') AS appointment,
                   tstzrange(coalesce(r->>1, r->'Occupied'->>'Start')::timestamptz,
                             CASE jsonb_typeof(r->2) WHEN 'number' THEN (r->>1)::timestamptz + make_interval(mins => (r->>2)::int)
                                  ELSE coalesce(r->>2, r->'Occupied'->>'End')::timestamptz END) AS during
              FROM orleansstorage c, jsonb_array_elements(convert_from(c.payloadbinary, 'UTF8')::jsonb->'Reservations') AS r
             WHERE c.graintypestring = 'resource-calendar' AND c.payloadbinary IS NOT NULL)
        SELECT count(*) FROM live l
         WHERE NOT EXISTS (SELECT 1 FROM held h
                            WHERE h.resource = replace(l.resource, '-', '') AND h.appointment = l.appointment AND h.during = l.during)
        """);

    public static Task<long> LiveAppointments(string connectionString, Guid organizationId) =>
        Count(connectionString, organizationId, LiveIntervals + "SELECT count(DISTINCT (grainidn0, grainidn1)) FROM live");

    /// <summary>Plants a forged live copy of an appointment under a new key, as a broken server might: for negative controls.</summary>
    public static Task<long> PlantForgedCopy(string connectionString, Guid organizationId) => Count(connectionString, organizationId, """
        WITH source AS (
            SELECT * FROM orleansstorage
             WHERE graintypestring = 'appointment' AND payloadbinary IS NOT NULL
               AND convert_from(payloadbinary, 'UTF8')::jsonb->>'OrganizationId' = @organization
             ORDER BY modifiedon LIMIT 1)
        INSERT INTO orleansstorage (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring, grainidextensionstring,
                                    serviceid, payloadbinary, modifiedon, version)
        SELECT grainidhash, grainidn0 + 1, grainidn1, graintypehash, graintypestring, grainidextensionstring, serviceid,
               convert_to(jsonb_set(convert_from(payloadbinary, 'UTF8')::jsonb, '{Id}', to_jsonb(gen_random_uuid()::text))::text, 'UTF8'),
               modifiedon, version
          FROM source
        RETURNING 1
        """);

    public static Task<long> RecordedAppointments(string connectionString, Guid organizationId) => Count(connectionString, organizationId, """
        SELECT count(*) FROM orleansstorage WHERE graintypestring = 'appointment' AND payloadbinary IS NOT NULL
           AND convert_from(payloadbinary, 'UTF8')::jsonb->>'OrganizationId' = @organization
        """);

    private static async Task<long> Count(string connectionString, Guid organizationId, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("organization", organizationId.ToString());
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
