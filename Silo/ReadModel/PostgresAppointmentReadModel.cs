using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;
using NpgsqlTypes;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Projections;
using Realtime.Silo.Database;

namespace Realtime.Silo.ReadModel;

/// <summary>
/// The appointment list in PostgreSQL (table <c>appointment_list</c>, created by schema script 0003). Each
/// <see cref="Apply"/> is one upsert that only a newer version wins, so repeated and out-of-order deliveries are
/// harmless; the same rules as <see cref="AppointmentListRules"/>, stated in SQL. Upserts queued together are sent
/// and committed together (<see cref="BatchedWrites{T}"/>).
/// </summary>
public sealed class PostgresAppointmentReadModel : IAppointmentReadModel, IDisposable, IAsyncDisposable
{
    /// <summary>How the view column is written: camelCase, enums as their names.</summary>
    internal static readonly JsonSerializerOptions ViewJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private const string UpsertSql = """
        INSERT INTO appointment_list AS target
            (id, version, deleted, organization_id, location_id, kind, status, starts_at, ends_at,
             resource_ids, client_id, source, cancellation_reason, view)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
        ON CONFLICT (id) DO UPDATE SET
            version = excluded.version,
            deleted = excluded.deleted,
            organization_id = excluded.organization_id,
            location_id = excluded.location_id,
            kind = excluded.kind,
            status = excluded.status,
            starts_at = excluded.starts_at,
            ends_at = excluded.ends_at,
            resource_ids = excluded.resource_ids,
            client_id = excluded.client_id,
            source = excluded.source,
            cancellation_reason = excluded.cancellation_reason,
            view = excluded.view,
            projected_at = now()
        WHERE target.version < excluded.version
           OR (target.version = excluded.version AND excluded.deleted AND NOT target.deleted)
        """;

    private const string ReportSql = """
        SELECT id, kind, status, source, cancellation_reason, resource_ids, starts_at, ends_at
        FROM appointment_list
        WHERE NOT deleted AND organization_id = $1 AND location_id = $2 AND during && tstzrange($3, $4, '[)')
        """;

    private readonly NpgsqlDataSource dataSource;
    private readonly BatchedWrites<(AppointmentView Appointment, bool Deleted)> upserts;

    /// <summary>A read model on a data source that the caller owns (and disposes, after this).</summary>
    public PostgresAppointmentReadModel(NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        this.dataSource = dataSource;
        upserts = new BatchedWrites<(AppointmentView, bool)>(Upsert);
    }

    /// <summary>Waits for the upsert's commit, which it shares with whatever other changes were queued with it.</summary>
    public Task Apply(AppointmentView appointment, bool deleted, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        return upserts.Write((appointment, deleted)).WaitAsync(ct);
    }

    private async Task Upsert(IReadOnlyList<(AppointmentView Appointment, bool Deleted)> changes, CancellationToken ct)
    {
        await using var batch = dataSource.CreateBatch();
        foreach (var (appointment, deleted) in changes) batch.BatchCommands.Add(UpsertCommand(appointment, deleted));
        await batch.ExecuteNonQueryAsync(ct);
    }

    private static NpgsqlBatchCommand UpsertCommand(AppointmentView appointment, bool deleted)
    {
        var item = AppointmentListRules.ListItem(appointment);
        var command = new NpgsqlBatchCommand(UpsertSql);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = item.Id });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = item.Version });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = deleted });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = item.OrganizationId });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = item.LocationId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = item.Kind.ToString() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = item.Status.ToString() });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = item.Start.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = item.End.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = item.ResourceIds });
        command.Parameters.Add(SqlFilter.Nullable(NpgsqlDbType.Uuid, item.ClientId));
        command.Parameters.Add(SqlFilter.Nullable(NpgsqlDbType.Text, item.Source));
        command.Parameters.Add(SqlFilter.Nullable(NpgsqlDbType.Text, item.Cancellation?.Reason.ToString()));
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = JsonSerializer.Serialize(item, ViewJson) });
        return command;
    }

    public async Task<AppointmentPage> Query(AppointmentQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.ThrowIfInvalid();

        var filter = Filter(query);
        await using var batch = dataSource.CreateBatch();

        var count = new NpgsqlBatchCommand($"SELECT count(*) FROM appointment_list WHERE {filter.Sql}");
        count.Parameters.AddRange(filter.Parameters());
        batch.BatchCommands.Add(count);

        var page = new NpgsqlBatchCommand(
            $"SELECT view FROM appointment_list WHERE {filter.Sql} ORDER BY starts_at, id " +
            $"LIMIT ${filter.Count + 1} OFFSET ${filter.Count + 2}");
        page.Parameters.AddRange(filter.Parameters());
        page.Parameters.Add(new NpgsqlParameter<int> { TypedValue = query.PageSize });
        page.Parameters.Add(new NpgsqlParameter<long> { TypedValue = query.Offset });
        batch.BatchCommands.Add(page);

        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var total = checked((int)reader.GetInt64(0));
        await reader.NextResultAsync(ct);
        var items = new List<AppointmentView>(query.PageSize);
        while (await reader.ReadAsync(ct))
        {
            items.Add(JsonSerializer.Deserialize<AppointmentView>(reader.GetString(0), ViewJson)
                ?? throw new InvalidDataException("appointment_list.view holds JSON null."));
        }
        return new AppointmentPage(total, query.Page, query.PageSize, [.. items]);
    }

    public async Task<IReadOnlyList<ReportAppointment>> ListForReports(
        Guid organizationId, Guid locationId, TimeRange period, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(ReportSql);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = organizationId });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = locationId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = period.Start.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = period.End.ToUniversalTime() });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var found = new List<ReportAppointment>();
        while (await reader.ReadAsync(ct))
        {
            found.Add(new ReportAppointment(
                reader.GetGuid(0),
                Enum.Parse<AppointmentKind>(reader.GetString(1)),
                Enum.Parse<AppointmentStatus>(reader.GetString(2)),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : Enum.Parse<CancellationReason>(reader.GetString(4)),
                reader.GetFieldValue<Guid[]>(5),
                reader.GetFieldValue<DateTimeOffset>(6),
                reader.GetFieldValue<DateTimeOffset>(7)));
        }
        return found;
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public ValueTask DisposeAsync() => upserts.DisposeAsync();

    /// <summary>Only the filters that are given appear, so each combination gets a plan of its own.</summary>
    private static SqlFilter Filter(AppointmentQuery query)
    {
        var filter = new SqlFilter("NOT deleted")
            .And("organization_id = {0}", () => new NpgsqlParameter<Guid> { TypedValue = query.OrganizationId });
        if (query.LocationId is { } location)
        {
            filter.And("location_id = {0}", () => new NpgsqlParameter<Guid> { TypedValue = location });
        }
        if (query.AllowedLocationIds is { } allowed)
        {
            var allowedIds = allowed.Distinct().ToArray();
            filter.And("location_id = ANY({0})", () => new NpgsqlParameter<Guid[]> { TypedValue = allowedIds });
        }
        if (query.From is not null || query.To is not null)
        {
            // A missing bound of a range is infinite.
            filter.And("during && tstzrange({0}, {1}, '[)')",
                () => SqlFilter.Nullable(NpgsqlDbType.TimestampTz, query.From?.ToUniversalTime()),
                () => SqlFilter.Nullable(NpgsqlDbType.TimestampTz, query.To?.ToUniversalTime()));
        }
        if (query.Statuses is { Count: > 0 } statuses)
        {
            var names = statuses.Distinct().Select(s => s.ToString()).ToArray();
            filter.And("status = ANY({0})", () => new NpgsqlParameter<string[]> { TypedValue = names });
        }
        if (query.ResourceId is { } resource)
        {
            filter.And("resource_ids @> ARRAY[{0}]", () => new NpgsqlParameter<Guid> { TypedValue = resource });
        }
        if (query.ClientId is { } client)
        {
            filter.And("client_id = {0}", () => new NpgsqlParameter<Guid> { TypedValue = client });
        }
        return filter;
    }
}
