using Npgsql;
using NpgsqlTypes;
using Realtime.Grains.Domain.Notifications;
using Realtime.Grains.Notifications;

namespace Realtime.Silo.Notifications;

/// <summary>
/// The notification outbox in PostgreSQL (table <c>notifications</c>, schema script 0005). Queueing is one
/// <c>INSERT ... ON CONFLICT DO NOTHING</c> on the idempotency key; claiming is one <c>UPDATE</c> over rows chosen
/// <c>FOR UPDATE SKIP LOCKED</c>, so dispatchers on several silos never claim the same row at once.
/// </summary>
public sealed class PostgresNotificationOutbox : INotificationOutbox
{
    private const string Columns = """
        id, organization_id, appointment_id, appointment_version, client_id, kind, channel, recipient, endpoint_id, subject, body,
        status, attempts, next_attempt_at, last_error, created_at, sent_at
        """;

    private const string InsertSql = $"""
        INSERT INTO notifications ({Columns})
        SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::bigint[], $5::uuid[], $6::text[], $7::text[], $8::text[], $9::uuid[],
                             $10::text[], $11::text[], $12::text[], $13::integer[], $14::timestamptz[], $15::text[], $16::timestamptz[],
                             $17::timestamptz[])
        ON CONFLICT DO NOTHING
        """;

    private const string ClaimSql = $"""
        WITH due AS (
            SELECT n.id FROM notifications n
            WHERE n.status IN ('pending', 'failed-retrying') AND n.next_attempt_at <= $1
              AND NOT EXISTS (
                  SELECT 1 FROM notifications earlier
                  WHERE n.appointment_id IS NOT NULL
                    AND earlier.appointment_id = n.appointment_id AND earlier.channel = n.channel
                    AND earlier.recipient = n.recipient AND earlier.appointment_version < n.appointment_version
                    AND earlier.status IN ('pending', 'failed-retrying'))
            ORDER BY n.next_attempt_at, n.appointment_version
            LIMIT $2
            FOR UPDATE OF n SKIP LOCKED)
        UPDATE notifications n SET attempts = n.attempts + 1, next_attempt_at = $3
        FROM due WHERE n.id = due.id
        RETURNING n.id, n.organization_id, n.appointment_id, n.appointment_version, n.client_id, n.kind, n.channel, n.recipient,
                  n.endpoint_id, n.subject, n.body, n.status, n.attempts, n.next_attempt_at, n.last_error, n.created_at, n.sent_at
        """;

    private readonly NpgsqlDataSource dataSource;

    /// <summary>An outbox on a data source that the caller owns (and disposes).</summary>
    public PostgresNotificationOutbox(NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        this.dataSource = dataSource;
    }

    public async Task<int> Enqueue(IReadOnlyCollection<Notification> notifications, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        if (notifications.Count == 0) return 0;
        var rows = notifications.ToArray();
        await using var command = dataSource.CreateCommand(InsertSql);
        command.Parameters.Add(Array(rows, NpgsqlDbType.Uuid, n => n.Id));
        command.Parameters.Add(Array(rows, NpgsqlDbType.Uuid, n => n.OrganizationId));
        command.Parameters.Add(Array(rows, NpgsqlDbType.Uuid, n => n.AppointmentId));
        command.Parameters.Add(Array(rows, NpgsqlDbType.Bigint, n => n.AppointmentVersion));
        command.Parameters.Add(Array(rows, NpgsqlDbType.Uuid, n => n.ClientId));
        command.Parameters.Add(Array(rows, NpgsqlDbType.Text, n => n.Kind));
        command.Parameters.Add(Array(rows, NpgsqlDbType.Text, n => NotificationNames.Of(n.Channel)));
        command.Parameters.Add(Array(rows, NpgsqlDbType.Text, n => n.Recipient));
        command.Parameters.Add(Array(rows, NpgsqlDbType.Uuid, n => n.EndpointId));
        command.Parameters.Add(Array(rows, NpgsqlDbType.Text, n => n.Subject));
        command.Parameters.Add(Array(rows, NpgsqlDbType.Text, n => n.Body));
        command.Parameters.Add(Array(rows, NpgsqlDbType.Text, n => n.Status));
        command.Parameters.Add(Array(rows, NpgsqlDbType.Integer, n => n.Attempts));
        command.Parameters.Add(Array(rows, NpgsqlDbType.TimestampTz, n => n.NextAttemptAt.ToUniversalTime()));
        command.Parameters.Add(Array(rows, NpgsqlDbType.Text, n => n.LastError));
        command.Parameters.Add(Array(rows, NpgsqlDbType.TimestampTz, n => n.CreatedAt.ToUniversalTime()));
        command.Parameters.Add(Array(rows, NpgsqlDbType.TimestampTz, n => n.SentAt?.ToUniversalTime()));
        return await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<Notification[]> ForAppointment(Guid organizationId, Guid appointmentId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM notifications WHERE organization_id = $1 AND appointment_id = $2 " +
            "ORDER BY created_at, appointment_version, id");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = organizationId });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = appointmentId });
        return await Read(command, ct);
    }

    public async Task<Notification[]> ClaimDue(DateTimeOffset now, int max, DateTimeOffset leaseUntil, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        await using var command = dataSource.CreateCommand(ClaimSql);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = max });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = leaseUntil.ToUniversalTime() });
        return await Read(command, ct);
    }

    public async Task<long> CountWaiting(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM notifications WHERE status IN ('pending', 'failed-retrying')");
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    public async Task MarkSent(Guid id, DateTimeOffset sentAt, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE notifications SET status = 'sent', sent_at = $2, last_error = NULL WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = sentAt.ToUniversalTime() });
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task MarkFailed(Guid id, string error, DateTimeOffset? retryAt, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE notifications SET status = $2, last_error = $3, next_attempt_at = coalesce($4, next_attempt_at) " +
            "WHERE id = $1 AND status <> 'sent'");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = retryAt is null ? NotificationStatus.Dead : NotificationStatus.FailedRetrying });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = error });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = (object?)retryAt?.ToUniversalTime() ?? DBNull.Value });
        await command.ExecuteNonQueryAsync(ct);
    }

    private static NpgsqlParameter Array<T>(Notification[] rows, NpgsqlDbType type, Func<Notification, T> value) => new()
    {
        NpgsqlDbType = NpgsqlDbType.Array | type,
        Value = rows.Select(value).ToArray(),
    };

    private static async Task<Notification[]> Read(NpgsqlCommand command, CancellationToken ct)
    {
        var rows = new List<Notification>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new Notification
            {
                Id = reader.GetGuid(0),
                OrganizationId = reader.GetGuid(1),
                AppointmentId = reader.IsDBNull(2) ? null : reader.GetGuid(2),
                AppointmentVersion = reader.GetInt64(3),
                ClientId = reader.IsDBNull(4) ? null : reader.GetGuid(4),
                Kind = reader.GetString(5),
                Channel = NotificationNames.ChannelOf(reader.GetString(6)),
                Recipient = reader.GetString(7),
                EndpointId = reader.IsDBNull(8) ? null : reader.GetGuid(8),
                Subject = reader.IsDBNull(9) ? null : reader.GetString(9),
                Body = reader.GetString(10),
                Status = reader.GetString(11),
                Attempts = reader.GetInt32(12),
                NextAttemptAt = reader.GetFieldValue<DateTimeOffset>(13),
                LastError = reader.IsDBNull(14) ? null : reader.GetString(14),
                CreatedAt = reader.GetFieldValue<DateTimeOffset>(15),
                SentAt = reader.IsDBNull(16) ? null : reader.GetFieldValue<DateTimeOffset>(16),
            });
        }

        return [.. rows];
    }
}
