using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using NpgsqlTypes;

namespace Realtime.Bench.Baseline;

public sealed record BookingRequest(Guid ResourceId, DateTimeOffset Start, int DurationMinutes);

public sealed record BookingResponse(Guid Id, Guid ResourceId, DateTimeOffset Start, DateTimeOffset End);

public static class BookingsApi
{
    private const string ExclusionViolation = "23P01";
    private const int MaxAttempts = 10;

    public static IEndpointRouteBuilder MapBookingsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/bookings", Book);
        app.MapGet("/stats/retries", (RetryCounters retries) => TypedResults.Ok(retries.Snapshot()));
        return app;
    }

    /// <summary>
    /// 201 with the booking, or 409 when the constraint refuses an overlap; deadlocks are retried and counted. A client
    /// that gives up cancels the statement, so that it stops holding locks others wait for.
    /// </summary>
    private static async Task<Results<Created<BookingResponse>, Conflict, ValidationProblem>> Book(
        BookingRequest body, NpgsqlDataSource database, RetryCounters retries, CancellationToken aborted)
    {
        if (body.DurationMinutes <= 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["durationMinutes"] = ["Must be positive."] });
        }

        var start = body.Start.ToUniversalTime();
        var end = start.AddMinutes(body.DurationMinutes);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var command = database.CreateCommand(
                    "INSERT INTO bookings (resource_id, during) VALUES ($1, tstzrange($2, $3)) RETURNING id");
                command.Parameters.Add(new() { Value = body.ResourceId });
                command.Parameters.Add(new() { Value = start, NpgsqlDbType = NpgsqlDbType.TimestampTz });
                command.Parameters.Add(new() { Value = end, NpgsqlDbType = NpgsqlDbType.TimestampTz });
                var id = (Guid)(await command.ExecuteScalarAsync(aborted))!;
                return TypedResults.Created($"/bookings/{id}", new BookingResponse(id, body.ResourceId, start, end));
            }
            catch (PostgresException error) when (error.SqlState == ExclusionViolation)
            {
                return TypedResults.Conflict();
            }
            catch (PostgresException error) when (attempt < MaxAttempts && retries.IsRetryable(error))
            {
            }
        }
    }
}
