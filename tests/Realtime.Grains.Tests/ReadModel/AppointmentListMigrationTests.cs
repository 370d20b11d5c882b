using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;
using NpgsqlTypes;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Projections;
using Realtime.Silo.Database;
using Realtime.Silo.ReadModel;

namespace Realtime.Grains.Tests.ReadModel;

/// <summary>Script 0010 turns the list's rows, written as a jsonb view before it, into columns that read back the same.</summary>
public sealed class AppointmentListMigrationTests
{
    private const int ColumnsScript = 10;

    /// <summary>How the list wrote its view column until script 0010.</summary>
    private static readonly JsonSerializerOptions ViewJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private static readonly Actor Desk = Actor.Staff("desk-1", "Front desk");
    private readonly Guid organization = Guid.NewGuid();

    [Fact]
    public async Task Rows_written_as_a_view_read_back_the_same_after_the_script_and_a_tombstone_still_keeps_older_versions_out()
    {
        await using var database = await PostgresDatabase.CreateAsync("list_columns", applySchema: false);
        await database.RunScripts(s => s.Version < ColumnsScript);

        var start = new DateTimeOffset(2026, 6, 8, 9, 0, 0, TimeSpan.FromHours(2));
        var cancelled = Appointment(start, client: Guid.NewGuid()) with
        {
            Status = AppointmentStatus.Cancelled,
            Price = 120.50m,
            Labels = ["vip", "first"],
            Comments = [new AppointmentComment("Prefers the window seat", Desk, start.AddDays(-2))],
            Notes = "Bring the file",
            FirstConsultation = true,
            PaymentDue = true,
            ClientReschedules = 2,
            Cancellation = new Cancellation(CancellationReason.Client, "Ill", start.AddHours(-3), Desk),
            BufferBeforeMinutes = 5,
            BufferAfterMinutes = 10,
        };
        var plain = Appointment(new DateTimeOffset(2026, 6, 8, 11, 30, 0, TimeSpan.FromMinutes(-330)), client: null);
        var deleted = Appointment(new DateTimeOffset(2026, 6, 8, 14, 0, 0, TimeSpan.Zero), client: null) with { Version = 4 };
        await WriteAsView(database, cancelled, deleted: false);
        await WriteAsView(database, plain, deleted: false);
        await WriteAsView(database, deleted, deleted: true);

        await database.RunScripts(s => s.Version == ColumnsScript);

        await using var readModel = new PostgresAppointmentReadModel(database.DataSource);
        await readModel.Apply(deleted with { Version = 3 }, deleted: false, CancellationToken.None);
        var page = await readModel.Query(new AppointmentQuery(organization), CancellationToken.None);

        Assert.Equal(2, page.Total);
        Assert.Equal(
            [Json(cancelled with { History = [] }), Json(plain with { History = [] })],
            page.Items.Select(Json));
        Assert.Equal(TimeSpan.FromMinutes(-330), page.Items[1].Start.Offset);
    }

    private AppointmentView Appointment(DateTimeOffset start, Guid? client) => new(
        Guid.NewGuid(), 2, organization, Guid.NewGuid(), AppointmentKind.Appointment, AppointmentStatus.Booked, [Guid.NewGuid()],
        [Guid.NewGuid()], client, start, 45, 0, 0, Confirmed: true, Price: null, [], [], null, FirstConsultation: false,
        Asap: true, "phone", PaymentDue: false, ClientReschedules: 0, null,
        [new HistoryEntry(1, start.AddDays(-1), Desk, "booked", null), new HistoryEntry(2, start.AddDays(-1).AddMinutes(5), Desk, "confirmed", null)],
        start.AddDays(-1).ToUniversalTime(), start.AddDays(-1).AddMinutes(5).ToUniversalTime(), client is { } seated ? [seated] : [], 1);

    private static string Json(AppointmentView appointment) => JsonSerializer.Serialize(appointment);

    /// <summary>The upsert of the list before script 0010, with the view as it wrote it (the history left out).</summary>
    private static async Task WriteAsView(PostgresDatabase database, AppointmentView appointment, bool deleted)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO appointment_list
                (id, version, deleted, organization_id, location_id, kind, status, starts_at, ends_at, resource_ids,
                 client_id, source, cancellation_reason, view)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
            """, connection);
        var item = AppointmentListRules.ListItem(appointment);
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
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Uuid, Value = (object?)item.ClientId ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)item.Source ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)item.Cancellation?.Reason.ToString() ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = JsonSerializer.Serialize(item, ViewJson) });
        await command.ExecuteNonQueryAsync();
    }
}
