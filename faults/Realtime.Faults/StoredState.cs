using Npgsql;
using Realtime.Grains.Interfaces.Appointments;

namespace Realtime.Faults;

/// <summary>An appointment as its grain last wrote it to Orleans' storage table, with its notes (where a booking's marker is).</summary>
public sealed record StoredAppointment(Appointment Appointment, string? Notes);

/// <summary>
/// Reads one organisation's appointments straight from PostgreSQL: the grains' persisted JSON (which leaves out a member
/// holding its default), and the read model.
/// </summary>
public static class StoredState
{
    private const string PersistedSql = """
        SELECT (s->>'Id')::uuid, (s->>'Version')::bigint, coalesce((s->>'Status')::int, 0), (s->>'Start')::timestamptz,
               ARRAY(SELECT jsonb_array_elements_text(s->'ResourceIds'))::uuid[], s->>'Notes'
          FROM (SELECT convert_from(payloadbinary, 'UTF8')::jsonb AS s FROM orleansstorage
                 WHERE graintypestring = 'appointment' AND payloadbinary IS NOT NULL) a
         WHERE s->>'OrganizationId' = $1 AND NOT coalesce((s->>'Deleted')::boolean, false)
        """;

    private const string ReadModelSql = """
        SELECT id, version, status, starts_at, resource_ids FROM appointment_list WHERE organization_id = $1 AND NOT deleted
        """;

    public static Task<Dictionary<Guid, StoredAppointment>> PersistedAsync(string connectionString, Guid organizationId) =>
        QueryAsync(connectionString, PersistedSql, organizationId.ToString(), row => new StoredAppointment(
            new Appointment(row.GetGuid(0), row.GetInt64(1), (AppointmentStatus)row.GetInt32(2), row.GetFieldValue<DateTimeOffset>(3), row.GetFieldValue<Guid[]>(4)),
            row.IsDBNull(5) ? null : row.GetString(5)));

    public static async Task<Dictionary<Guid, Appointment>> ReadModelAsync(string connectionString, Guid organizationId) =>
        (await QueryAsync(connectionString, ReadModelSql, organizationId, row => new StoredAppointment(
            new Appointment(row.GetGuid(0), row.GetInt64(1), Enum.Parse<AppointmentStatus>(row.GetString(2)), row.GetFieldValue<DateTimeOffset>(3),
                row.GetFieldValue<Guid[]>(4)), null)))
        .ToDictionary(p => p.Key, p => p.Value.Appointment);

    private static async Task<Dictionary<Guid, StoredAppointment>> QueryAsync(
        string connectionString, string sql, object organization, Func<NpgsqlDataReader, StoredAppointment> read)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new NpgsqlParameter { Value = organization } } };
        await using var reader = await command.ExecuteReaderAsync();
        var appointments = new Dictionary<Guid, StoredAppointment>();
        while (await reader.ReadAsync())
        {
            var appointment = read(reader);
            appointments[appointment.Appointment.Id] = appointment;
        }
        return appointments;
    }
}
