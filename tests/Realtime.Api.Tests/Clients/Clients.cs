namespace Realtime.Api.Tests.Clients;

/// <summary>Shortcuts of the client tests: clients with chosen names, and the list as the API answers it.</summary>
internal static class Clients
{
    public static async Task<Guid> Create(
        HttpClient staff, string firstName, string lastName, string? email = null, string? phone = null, string? note = null,
        string language = "pl") =>
        Id(await Send(staff, HttpMethod.Post, "/api/clients", new
        {
            firstName, lastName, email = email ?? $"c.{Guid.NewGuid():N}@example.com", phone, note, language,
        }, HttpStatusCode.Created));

    public static Task<JsonElement> List(HttpClient staff, string query = "") =>
        Send(staff, HttpMethod.Get, $"/api/clients{(query.Length == 0 ? "" : "?" + query)}", null, HttpStatusCode.OK);

    public static async Task<Guid[]> ListedIds(HttpClient staff, string query = "") =>
        [.. (await List(staff, query)).GetProperty("items").EnumerateArray().Select(Id)];

    public static async Task<Guid[]> Found(HttpClient staff, string search) =>
        await ListedIds(staff, "search=" + Uri.EscapeDataString(search));

    public static async Task<JsonElement> Listed(HttpClient staff, Guid id) =>
        (await List(staff, "pageSize=500")).GetProperty("items").EnumerateArray().Single(item => Id(item) == id);

    public static async Task<Guid> Book(Tenant tenant, Guid location, Guid staff, DateTimeOffset start, Guid client) =>
        Id(await Send(tenant.Owner, HttpMethod.Post, "/api/appointments", Booking(location, [staff], start, 60, client), HttpStatusCode.Created));
}
