using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using NpgsqlTypes;

namespace Realtime.Bench.Baseline;

public sealed record AvailableSlot(DateTimeOffset Start, DateTimeOffset End, Guid ResourceId);

/// <summary>
/// The equivalent of Realtime's availability search, in SQL: starts on UTC quarter-hours in [from, to) whose visit lies
/// within the daily opening hours, each with the first of the asked resources (in the order asked) that no booking
/// overlaps; at most 1,000 slots, the earliest first.
/// </summary>
public static class AvailabilityApi
{
    private const string Sql = """
        WITH resource AS (
            SELECT id, position FROM unnest($1::uuid[]) WITH ORDINALITY AS r(id, position)),
        start AS (
            SELECT s FROM generate_series($2::timestamptz, $3::timestamptz - interval '1 microsecond', interval '15 minutes') AS s
             WHERE (s AT TIME ZONE 'UTC')::time >= $4 AND (s AT TIME ZONE 'UTC')::time <= $5 - $6::interval)
        SELECT DISTINCT ON (start.s) start.s, resource.id
          FROM start CROSS JOIN resource
         WHERE NOT EXISTS (SELECT 1 FROM bookings b
                            WHERE b.resource_id = resource.id AND b.during && tstzrange(start.s, start.s + $6::interval))
         ORDER BY start.s, resource.position
         LIMIT 1000
        """;

    public static IEndpointRouteBuilder MapAvailabilityApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/availability", Find);
        return app;
    }

    private static async Task<Results<Ok<AvailableSlot[]>, ValidationProblem>> Find(
        string resourceIds, DateTimeOffset from, DateTimeOffset to, int slotMinutes, TimeOnly opens, TimeOnly closes,
        NpgsqlDataSource database, CancellationToken aborted)
    {
        var resources = resourceIds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var ids = new Guid[resources.Length];
        for (var i = 0; i < resources.Length; i++)
        {
            if (!Guid.TryParse(resources[i], out ids[i])) return Invalid("resourceIds", "Not a list of ids.");
        }
        if (slotMinutes <= 0) return Invalid("slotMinutes", "Must be positive.");
        if (to <= from) return Invalid("to", "Must be after from.");

        var slot = TimeSpan.FromMinutes(slotMinutes);
        await using var command = database.CreateCommand(Sql);
        command.Parameters.Add(new() { Value = ids });
        command.Parameters.Add(new() { Value = from.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = to.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = opens });
        command.Parameters.Add(new() { Value = closes });
        command.Parameters.Add(new() { Value = slot });
        var slots = new List<AvailableSlot>();
        await using var reader = await command.ExecuteReaderAsync(aborted);
        while (await reader.ReadAsync(aborted))
        {
            var start = reader.GetFieldValue<DateTimeOffset>(0);
            slots.Add(new AvailableSlot(start, start + slot, reader.GetGuid(1)));
        }
        return TypedResults.Ok(slots.ToArray());
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
