using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Realtime.Bench;

/// <summary>Realtime itself: the API process co-hosting its silo, on its own database.</summary>
public sealed class RealtimeSystem(ServerProcess server, string connectionString, string operatorKey) : IBookingSystem
{
    public const string DatabaseName = "bench_realtime";

    private static readonly string[] Week = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    public string Name => "Realtime";

    public string Database => DatabaseName;

    public ServerProcess Server => server;

    public static async Task<RealtimeSystem> StartAsync(string dll, PostgresServer postgres, string logPath)
    {
        await postgres.RecreateDatabaseAsync(DatabaseName);
        var connectionString = postgres.ConnectionString(DatabaseName);
        var operatorKey = Convert.ToHexString(Guid.NewGuid().ToByteArray());
        var server = await ServerProcess.StartAsync(dll, new Dictionary<string, string>
        {
            ["Realtime__Storage"] = "Postgres",
            ["Realtime__OperatorKey"] = operatorKey,
            ["ConnectionStrings__Postgres"] = connectionString,
            ["Orleans__ClusterId"] = DatabaseName,
            ["Orleans__ServiceId"] = DatabaseName,
            ["Orleans__AdvertisedIP"] = "127.0.0.1",
            ["Orleans__SiloPort"] = ServerProcess.FreePort().ToString(),
            ["Orleans__GatewayPort"] = ServerProcess.FreePort().ToString(),
            ["Logging__LogLevel__Default"] = "Warning",
        }, "/health/ready", logPath);
        return new RealtimeSystem(server, connectionString, operatorKey);
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();

    /// <summary>A new organisation and its owner's client.</summary>
    public async Task<Tenant> NewTenantAsync()
    {
        using var operatorClient = Http.Client(server.Address, operatorKey);
        var created = await PostAsync(operatorClient, "/api/organizations", new { name = "Bench" });
        var owner = Http.Client(server.Address, created.GetProperty("ownerKey").GetString());
        return new Tenant(created.GetProperty("id").GetGuid(), owner, created.GetProperty("ownerKey").GetString()!, connectionString);
    }

    public async Task<IBookingTarget> NewTargetAsync(int resources)
    {
        var tenant = await NewTenantAsync();
        var location = await tenant.LocationAsync();
        var resourceIds = await Task.WhenAll(Enumerable.Range(0, resources).Select(_ => tenant.ResourceAsync(location)));
        var service = await tenant.ServiceAsync();
        return new Target(tenant, location, service, resourceIds);
    }

    private static async Task<JsonElement> PostAsync(HttpClient http, string url, object body)
    {
        using var response = await Http.PostJsonAsync(http, url, body);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"POST {url}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>One organisation seen through its owner key.</summary>
    public sealed class Tenant(Guid organizationId, HttpClient owner, string ownerKey, string connectionString)
    {
        public string OwnerKey => ownerKey;

        public HttpClient Owner => owner;

        public async Task<Guid> LocationAsync() =>
            (await PostAsync(owner, "/api/locations", new { name = "Bench", timeZone = BenchCalendar.TimeZone })).GetProperty("id").GetGuid();

        /// <summary>A member of staff working the opening hours every day at the location.</summary>
        public async Task<Guid> ResourceAsync(Guid locationId) =>
            (await PostAsync(owner, "/api/resources", new
            {
                name = "Staff",
                kind = "staff",
                workingHours = Week.Select(day => new
                {
                    locationId, dayOfWeek = day, start = BenchCalendar.Opens.ToString("HH:mm"), end = BenchCalendar.Closes.ToString("HH:mm"),
                }),
            })).GetProperty("id").GetGuid();

        /// <summary>A visit of the bench's length that any resource can give.</summary>
        public async Task<Guid> ServiceAsync() =>
            (await PostAsync(owner, "/api/services", new { name = "Visit", durationMinutes = BenchCalendar.VisitMinutes, price = 50 }))
                .GetProperty("id").GetGuid();

        /// <summary>Books one visit; the outcome and, when accepted, the appointment's id.</summary>
        public async Task<(Outcome Outcome, Guid? Id)> BookAsync(
            Guid locationId, Guid resourceId, DateTimeOffset start, CancellationToken cancellationToken = default)
        {
            Guid? id = null;
            var outcome = await Http.OutcomeAsync("Realtime POST /api/appointments", async () =>
            {
                var response = await Http.PostJsonAsync(owner, "/api/appointments", new
                {
                    locationId, resourceIds = new[] { resourceId }, start, durationMinutes = BenchCalendar.VisitMinutes, source = "phone",
                }, cancellationToken);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    id = (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetGuid();
                }
                return response;
            }, cancellationToken);
            return (outcome, id);
        }

        public Task<long> OverlappingPairsAsync() => PersistedInvariants.OverlappingPairs(connectionString, organizationId);
    }

    private sealed class Target(Tenant tenant, Guid locationId, Guid serviceId, Guid[] resourceIds) : IBookingTarget
    {
        public IReadOnlyList<Guid> ResourceIds => resourceIds;

        public async Task<Outcome> BookAsync(Guid resourceId, DateTimeOffset start, CancellationToken cancellationToken = default) =>
            (await tenant.BookAsync(locationId, resourceId, start, cancellationToken)).Outcome;

        public async Task<int?> CountFreeSlotsAsync(DateTimeOffset from, DateTimeOffset to)
        {
            var url = $"/api/locations/{locationId}/availability?serviceId={serviceId}&from={Http.Instant(from)}&to={Http.Instant(to)}";
            using var response = await Http.GetAsync(tenant.Owner, url);
            return response?.StatusCode == HttpStatusCode.OK
                ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("slots").GetArrayLength()
                : null;
        }

        public Task<long> OverlappingPairsAsync() => tenant.OverlappingPairsAsync();
    }
}
