using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Realtime.Testing;

namespace Realtime.Api.Tests.Infrastructure;

/// <summary>
/// One organisation seen through its owner key, with shortcuts to set up what a test needs. <c>connect</c> makes a client
/// of the API the tenant lives on, with a bearer key or none.
/// </summary>
public sealed class Tenant(Func<string?, HttpClient> connect, Guid organizationId, string ownerKey)
{
    public string OwnerKey { get; } = ownerKey;

    public static readonly string[] Week = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    public Guid OrganizationId { get; } = organizationId;

    public HttpClient Owner { get; } = connect(ownerKey);

    /// <summary>A new organisation, made by the operator (<see cref="ApiFixture.OperatorKey"/>), with its owner key.</summary>
    public static async Task<Tenant> Create(Func<string?, HttpClient> connect, string name)
    {
        using var operatorClient = connect(ApiFixture.OperatorKey);
        var created = await Send(operatorClient, HttpMethod.Post, "/api/organizations", new { name }, HttpStatusCode.Created);
        return new Tenant(connect, Id(created), created.GetProperty("ownerKey").GetString()!);
    }

    public async Task<Guid> Location(string timeZone = "Europe/Warsaw", string name = "Centre") =>
        Id(await Send(Owner, HttpMethod.Post, "/api/locations", new { name, timeZone }, HttpStatusCode.Created));

    /// <summary>A resource working 07:00-21:00 every day at the location.</summary>
    public async Task<Guid> Resource(Guid locationId, string name = "Anna", string kind = "staff") =>
        Id(await Send(Owner, HttpMethod.Post, "/api/resources", new
        {
            name,
            kind,
            workingHours = Week.Select(day => new { locationId, dayOfWeek = day, start = "07:00", end = "21:00" }),
        }, HttpStatusCode.Created));

    public async Task<Guid> Service(int durationMinutes = 60, string name = "Haircut") =>
        Id(await Send(Owner, HttpMethod.Post, "/api/services", new { name, durationMinutes, price = 80 }, HttpStatusCode.Created));

    public async Task<Guid> Client(string firstName = "Ewa") =>
        Id(await Send(Owner, HttpMethod.Post, "/api/clients", new
        {
            firstName, lastName = "Nowak", email = $"{firstName.ToLowerInvariant()}.{Guid.NewGuid():N}@example.com", language = "pl",
        }, HttpStatusCode.Created));

    /// <summary>A client authenticated with a new key of that role (optionally limited to locations).</summary>
    public async Task<HttpClient> KeyClient(string role, params Guid[] locationIds)
    {
        var created = await Send(Owner, HttpMethod.Post, "/api/keys",
            new { name = $"{role} key", role, locationIds = locationIds.Length == 0 ? null : locationIds }, HttpStatusCode.Created);
        return connect(created.GetProperty("key").GetString());
    }

    public static object Booking(Guid locationId, Guid[] resourceIds, DateTimeOffset start, int durationMinutes = 60, Guid? clientId = null) =>
        new { locationId, resourceIds, start, durationMinutes, clientId, source = "phone" };

    /// <summary>An instant at a local time of the zone, some days from today.</summary>
    public static DateTimeOffset Local(int daysFromToday, int hour, int minute = 0, string timeZone = "Europe/Warsaw")
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).Date.AddDays(daysFromToday).AddHours(hour).AddMinutes(minute);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    public static async Task<JsonElement> Send(HttpClient client, HttpMethod method, string url, object? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = JsonContent.Create(body, options: ApiFixture.Json);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {url}: expected {(int)expected}, got {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static Guid Id(JsonElement element) => element.GetProperty("id").GetGuid();

    /// <summary>A client of the API at <paramref name="api"/>, with a bearer key or none.</summary>
    public static HttpClient Connect(Uri api, string? key)
    {
        var client = new HttpClient { BaseAddress = api };
        if (key is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        return client;
    }

    /// <summary>
    /// The appointment list (and what reads it: reports, client lists, calendar feeds) follows each change right after
    /// its answer: waits until it shows the current version of each of these appointments.
    /// </summary>
    public async Task ListShowsLatest(params Guid[] appointmentIds)
    {
        var versions = new Dictionary<Guid, long>();
        foreach (var id in appointmentIds)
        {
            versions[id] = (await Send(Owner, HttpMethod.Get, $"/api/appointments/{id}", null, HttpStatusCode.OK)).GetProperty("version").GetInt64();
        }
        await Eventually.True(async () =>
        {
            var listed = (await Send(Owner, HttpMethod.Get, "/api/appointments?pageSize=500", null, HttpStatusCode.OK)).GetProperty("items")
                .EnumerateArray().ToDictionary(Id, item => item.GetProperty("version").GetInt64());
            return versions.All(v => listed.TryGetValue(v.Key, out var version) && version >= v.Value);
        }, "the appointment list shows the latest versions");
    }

    /// <summary>A booking is linked to its client right after its answer: waits until the client links each of these appointments.</summary>
    public async Task ClientLinks(Guid clientId, params Guid[] appointmentIds) =>
        await Eventually.True(
            async () => (await Send(Owner, HttpMethod.Get, $"/api/clients/{clientId}", null, HttpStatusCode.OK)).GetProperty("appointmentIds")
                .EnumerateArray().Select(e => e.GetGuid()).ToHashSet().IsSupersetOf(appointmentIds),
            "the client links the appointments");
}
