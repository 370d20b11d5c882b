using System.Net;
using System.Net.Http.Json;

namespace Realtime.Bench;

/// <summary>The baseline service (Realtime.Bench.Baseline): one table with an exclusion constraint.</summary>
public sealed class BaselineSystem(ServerProcess server, HttpClient http, string connectionString) : IBookingSystem
{
    public const string DatabaseName = "bench_baseline";

    public string Name => "Baseline";

    public string Database => DatabaseName;

    public ServerProcess Server => server;

    public static async Task<BaselineSystem> StartAsync(string dll, PostgresServer postgres, string logPath)
    {
        await postgres.RecreateDatabaseAsync(DatabaseName);
        var connectionString = postgres.ConnectionString(DatabaseName);
        var server = await ServerProcess.StartAsync(dll, new Dictionary<string, string>
        {
            ["ConnectionStrings__Baseline"] = connectionString,
            ["Logging__LogLevel__Default"] = "Warning",
        }, "/health", logPath);
        return new BaselineSystem(server, Http.Client(server.Address), connectionString);
    }

    /// <summary>Deadlocks the service met and retried (SQLSTATE 40P01), since it started.</summary>
    public async Task<long> DeadlockRetriesAsync() =>
        (await http.GetFromJsonAsync<RetryStats>("/stats/retries"))!.Deadlocks;

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        await server.DisposeAsync();
    }

    public Task<IBookingTarget> NewTargetAsync(int resources) =>
        Task.FromResult<IBookingTarget>(new Target(http, connectionString, [.. Enumerable.Range(0, resources).Select(_ => Guid.NewGuid())]));

    private sealed record RetryStats(long Deadlocks, long SerializationFailures);

    private sealed class Target(HttpClient http, string connectionString, Guid[] resourceIds) : IBookingTarget
    {
        public IReadOnlyList<Guid> ResourceIds => resourceIds;

        public Task<Outcome> BookAsync(Guid resourceId, DateTimeOffset start, CancellationToken cancellationToken = default) =>
            Http.OutcomeAsync("Baseline POST /bookings", () => Http.PostJsonAsync(
                http, "/bookings", new { resourceId, start, durationMinutes = BenchCalendar.VisitMinutes }, cancellationToken), cancellationToken);

        public async Task<int?> CountFreeSlotsAsync(DateTimeOffset from, DateTimeOffset to)
        {
            var url = $"/availability?resourceIds={string.Join(',', resourceIds)}&from={Http.Instant(from)}&to={Http.Instant(to)}" +
                $"&slotMinutes={BenchCalendar.VisitMinutes}&opens={BenchCalendar.Opens:HH\\:mm}&closes={BenchCalendar.Closes:HH\\:mm}";
            using var response = await Http.GetAsync(http, url);
            return response?.StatusCode == HttpStatusCode.OK ? (await response.Content.ReadFromJsonAsync<object[]>())!.Length : null;
        }

        public Task<long> OverlappingPairsAsync() => PostgresServer.CountAsync(connectionString, """
            SELECT count(*) FROM bookings x JOIN bookings y
                ON x.resource_id = y.resource_id AND x.id < y.id AND x.during && y.during
             WHERE x.resource_id = ANY($1)
            """, resourceIds);
    }
}
