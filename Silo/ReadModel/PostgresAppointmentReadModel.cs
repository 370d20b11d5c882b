using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;
using NpgsqlTypes;
using Realtime.Grains.Domain.Appointments;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Projections;
using Realtime.Silo.Database;

namespace Realtime.Silo.ReadModel;

/// <summary>
/// The appointment list in PostgreSQL (table <c>appointment_list</c>, created by schema script 0003, each field in a
/// column of its own since script 0010). Each <see cref="Apply"/> is one upsert that only a newer version wins, so
/// repeated and out-of-order deliveries are harmless; the same rules as <see cref="AppointmentListRules"/>, stated in
/// SQL. Upserts queued together are sent and committed together (<see cref="BatchedWrites{T}"/>).
/// </summary>
public sealed class PostgresAppointmentReadModel : IAppointmentReadModel, IDisposable, IAsyncDisposable
{
    /// <summary>How the comments and the cancellation are written: camelCase, enums as their names.</summary>
    private static readonly JsonSerializerOptions NestedJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The columns an item is written to (in the order of the upsert's parameters, $1...) and read from.</summary>
    private static readonly string[] ItemColumns =
    [
        "id", "version", "deleted", "organization_id", "location_id", "kind", "status", "starts_at", "ends_at",
        "resource_ids", "client_id", "source", "cancellation_reason", "start_offset_minutes", "service_ids",
        "buffer_before_minutes", "buffer_after_minutes", "confirmed", "price", "labels", "comments", "notes",
        "first_consultation", "asap", "payment_due", "client_reschedules", "cancellation", "created_at", "updated_at",
        "seats", "capacity",
    ];

    /// <summary>
    /// Replaces an older version (or, at the same version, marks it deleted), or inserts the first (an appointment's
    /// changes are listed one after another). $1 is the id, $2 the version, $3 whether it is deleted.
    /// </summary>
    private static readonly string UpsertSql = SqlWrites.CheckedUpsert(
        "appointment_list", ItemColumns, "version < $2 OR (version = $2 AND $3 AND NOT deleted)", "projected_at = now()");

    private const string ReportSql = """
        SELECT id, kind, status, source, cancellation_reason, resource_ids, starts_at, ends_at, service_ids, price
        FROM appointment_list
        WHERE NOT deleted AND organization_id = $1 AND location_id = $2 AND ends_at > $3 AND starts_at < $4 AND starts_at > $5
        """;

    /// <summary>
    /// No appointment lasts longer (the booking rules refuse it), so one that overlaps a period starting at <c>from</c>
    /// starts after <c>from</c> less this: the bound that lets a start index serve an overlap query.
    /// </summary>
    private static readonly TimeSpan LongestAppointment = TimeSpan.FromMinutes(BookingRules.MaxDurationMinutes);

    private static NpgsqlParameter<DateTimeOffset> EarliestStartOverlapping(DateTimeOffset from) =>
        new() { TypedValue = from.UtcDateTime - DateTime.MinValue < LongestAppointment ? DateTimeOffset.MinValue : (from - LongestAppointment).ToUniversalTime() };

    private static readonly string[] OccupyingStatuses =
        [.. Enum.GetValues<AppointmentStatus>().Where(AppointmentTransitions.OccupiesTime).Select(s => s.ToString())];

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
        command.Parameters.AddRange(new NpgsqlParameter[]
        {
            new NpgsqlParameter<Guid> { TypedValue = item.Id },
            new NpgsqlParameter<long> { TypedValue = item.Version },
            new NpgsqlParameter<bool> { TypedValue = deleted },
            new NpgsqlParameter<Guid> { TypedValue = item.OrganizationId },
            new NpgsqlParameter<Guid> { TypedValue = item.LocationId },
            new NpgsqlParameter<string> { TypedValue = item.Kind.ToString() },
            new NpgsqlParameter<string> { TypedValue = item.Status.ToString() },
            new NpgsqlParameter<DateTimeOffset> { TypedValue = item.Start.ToUniversalTime() },
            new NpgsqlParameter<DateTimeOffset> { TypedValue = item.End.ToUniversalTime() },
            new NpgsqlParameter<Guid[]> { TypedValue = item.ResourceIds },
            SqlWrites.Nullable(NpgsqlDbType.Uuid, item.ClientId),
            SqlWrites.Nullable(NpgsqlDbType.Text, item.Source),
            SqlWrites.Nullable(NpgsqlDbType.Text, item.Cancellation?.Reason.ToString()),
            new NpgsqlParameter<short> { TypedValue = checked((short)item.Start.Offset.TotalMinutes) },
            new NpgsqlParameter<Guid[]> { TypedValue = item.ServiceIds },
            new NpgsqlParameter<int> { TypedValue = item.BufferBeforeMinutes },
            new NpgsqlParameter<int> { TypedValue = item.BufferAfterMinutes },
            new NpgsqlParameter<bool> { TypedValue = item.Confirmed },
            SqlWrites.Nullable(NpgsqlDbType.Numeric, item.Price),
            new NpgsqlParameter<string[]> { TypedValue = item.Labels },
            SqlWrites.Nullable(NpgsqlDbType.Jsonb, item.Comments.Length > 0 ? JsonSerializer.Serialize(item.Comments, NestedJson) : null),
            SqlWrites.Nullable(NpgsqlDbType.Text, item.Notes),
            new NpgsqlParameter<bool> { TypedValue = item.FirstConsultation },
            new NpgsqlParameter<bool> { TypedValue = item.Asap },
            new NpgsqlParameter<bool> { TypedValue = item.PaymentDue },
            new NpgsqlParameter<int> { TypedValue = item.ClientReschedules },
            SqlWrites.Nullable(NpgsqlDbType.Jsonb, item.Cancellation is { } cancellation ? JsonSerializer.Serialize(cancellation, NestedJson) : null),
            new NpgsqlParameter<DateTimeOffset> { TypedValue = item.CreatedAt.ToUniversalTime() },
            new NpgsqlParameter<DateTimeOffset> { TypedValue = item.UpdatedAt.ToUniversalTime() },
            new NpgsqlParameter<Guid[]> { TypedValue = item.Seats },
            new NpgsqlParameter<int> { TypedValue = item.Capacity },
        });
        return command;
    }

    /// <summary>A row of <see cref="ItemColumns"/> as the list item it was written from.</summary>
    private static AppointmentView ReadItem(NpgsqlDataReader row)
    {
        T Get<T>(string column) => row.GetFieldValue<T>(row.GetOrdinal(column));
        string? Text(string column) => row.GetValue(row.GetOrdinal(column)) as string;

        var startsAt = Get<DateTimeOffset>("starts_at");
        return new AppointmentView(
            Id: Get<Guid>("id"),
            Version: Get<long>("version"),
            OrganizationId: Get<Guid>("organization_id"),
            LocationId: Get<Guid>("location_id"),
            Kind: Enum.Parse<AppointmentKind>(Get<string>("kind")),
            Status: Enum.Parse<AppointmentStatus>(Get<string>("status")),
            ResourceIds: Get<Guid[]>("resource_ids"),
            ServiceIds: Get<Guid[]>("service_ids"),
            ClientId: Get<Guid?>("client_id"),
            Start: startsAt.ToOffset(TimeSpan.FromMinutes(Get<short>("start_offset_minutes"))),
            DurationMinutes: (int)(Get<DateTimeOffset>("ends_at") - startsAt).TotalMinutes,
            BufferBeforeMinutes: Get<int>("buffer_before_minutes"),
            BufferAfterMinutes: Get<int>("buffer_after_minutes"),
            Confirmed: Get<bool>("confirmed"),
            Price: Get<decimal?>("price"),
            Labels: Get<string[]>("labels"),
            Comments: Text("comments") is { } comments ? Nested<AppointmentComment[]>(comments) : [],
            Notes: Text("notes"),
            FirstConsultation: Get<bool>("first_consultation"),
            Asap: Get<bool>("asap"),
            Source: Text("source"),
            PaymentDue: Get<bool>("payment_due"),
            ClientReschedules: Get<int>("client_reschedules"),
            Cancellation: Text("cancellation") is { } cancellation ? Nested<Cancellation>(cancellation) : null,
            History: [],
            CreatedAt: Get<DateTimeOffset>("created_at"),
            UpdatedAt: Get<DateTimeOffset>("updated_at"),
            Seats: Get<Guid[]>("seats"),
            Capacity: Get<int>("capacity"));
    }

    private static T Nested<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, NestedJson) ?? throw new InvalidDataException($"appointment_list holds JSON null for a {typeof(T).Name}.");

    public async Task<long?> ListedVersion(Guid appointmentId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("SELECT version FROM appointment_list WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = appointmentId });
        return await command.ExecuteScalarAsync(ct) as long?;
    }

    public async Task<IReadOnlySet<Guid>> Listed(IReadOnlyCollection<Guid> appointmentIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(appointmentIds);
        await using var command = dataSource.CreateCommand("SELECT id FROM appointment_list WHERE id = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. appointmentIds] });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var listed = new HashSet<Guid>();
        while (await reader.ReadAsync(ct)) listed.Add(reader.GetGuid(0));
        return listed;
    }

    public async Task<IReadOnlyList<ListedOccupancy>> Occupancies(IReadOnlyCollection<Guid> appointmentIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(appointmentIds);
        await using var command = dataSource.CreateCommand(
            "SELECT id, resource_ids, starts_at, ends_at, buffer_before_minutes, buffer_after_minutes FROM appointment_list " +
            "WHERE id = ANY($1) AND NOT deleted AND status = ANY($2)");
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. appointmentIds] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = OccupyingStatuses });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var found = new List<ListedOccupancy>();
        while (await reader.ReadAsync(ct))
        {
            var (start, end) = (reader.GetFieldValue<DateTimeOffset>(2), reader.GetFieldValue<DateTimeOffset>(3));
            found.Add(new ListedOccupancy(
                reader.GetGuid(0),
                reader.GetFieldValue<Guid[]>(1),
                new TimeRange(start.AddMinutes(-reader.GetInt32(4)), end.AddMinutes(reader.GetInt32(5)))));
        }
        return found;
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
            $"SELECT {string.Join(", ", ItemColumns)} FROM appointment_list WHERE {filter.Sql} ORDER BY starts_at, id " +
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
        while (await reader.ReadAsync(ct)) items.Add(ReadItem(reader));
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
        command.Parameters.Add(EarliestStartOverlapping(period.Start));
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
                reader.GetFieldValue<DateTimeOffset>(7),
                reader.GetFieldValue<Guid[]>(8),
                reader.IsDBNull(9) ? null : reader.GetDecimal(9)));
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
        // Overlap with the half-open period: a missing bound is infinite.
        if (query.From is { } from)
        {
            filter.And("ends_at > {0} AND starts_at > {1}",
                () => new NpgsqlParameter<DateTimeOffset> { TypedValue = from.ToUniversalTime() },
                () => EarliestStartOverlapping(from));
        }
        if (query.To is { } to)
        {
            filter.And("starts_at < {0}", () => new NpgsqlParameter<DateTimeOffset> { TypedValue = to.ToUniversalTime() });
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
        if (query.AnyResourceIds is { } anyOf)
        {
            filter.And("resource_ids && {0}", () => new NpgsqlParameter<Guid[]> { TypedValue = [.. anyOf] });
        }
        if (query.ClientId is { } client)
        {
            // The booking client, or any seat holder of a group (the partial index of script 0015 covers only groups).
            filter.And("(client_id = {0} OR (capacity > 1 AND seats @> ARRAY[{0}]))", () => new NpgsqlParameter<Guid> { TypedValue = client });
        }
        if (query.Ids is { } ids)
        {
            filter.And("id = ANY({0})", () => new NpgsqlParameter<Guid[]> { TypedValue = [.. ids] });
        }
        if (query.Agenda is { } part)
        {
            // ClientAgenda.IsAhead; a class nobody holds any more has no client_id, hence the COALESCE.
            var aheadStatuses = ClientAgenda.AheadStatuses.Select(s => s.ToString()).ToArray();
            filter.And(
                (part.Ahead ? "" : "NOT ") + "COALESCE(status = ANY({0}) AND ends_at > {1} AND (client_id = {2} OR seats @> ARRAY[{2}]), false)",
                () => new NpgsqlParameter<string[]> { TypedValue = aheadStatuses },
                () => new NpgsqlParameter<DateTimeOffset> { TypedValue = part.Now.ToUniversalTime() },
                () => new NpgsqlParameter<Guid> { TypedValue = part.ClientId });
        }
        return filter;
    }
}
