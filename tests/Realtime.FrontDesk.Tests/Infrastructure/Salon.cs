using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Realtime.FrontDesk.Tests.Infrastructure;

/// <summary>
/// A new organisation set up through the API as its owner would: one location (in Warsaw unless said), two hairdressers
/// and a room working 08:00-20:00 every day, three services and a few clients. The tests work on tomorrow there.
/// </summary>
public sealed class Salon
{
    public const string Warsaw = "Europe/Warsaw";
    private static readonly string[] Week = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private Salon(HttpClient owner, string ownerKey, string timeZone)
    {
        (Owner, OwnerKey, TimeZone) = (owner, ownerKey, timeZone);
        Today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(timeZone)).Date);
    }

    public string TimeZone { get; }

    public HttpClient Owner { get; }
    public string OwnerKey { get; }
    public Guid OrganizationId { get; private set; }
    public Guid LocationId { get; private set; }
    public Guid Maria { get; private set; }
    public Guid Julia { get; private set; }
    public Guid Room { get; private set; }
    public Guid Haircut { get; private set; }
    public Guid Colouring { get; private set; }
    public Guid Consultation { get; private set; }
    public Dictionary<string, Guid> Clients { get; } = [];

    /// <summary>Today at the location, when the tests were set up.</summary>
    public DateOnly Today { get; }

    /// <summary>Tomorrow at the location.</summary>
    public DateOnly Day => Today.AddDays(1);

    public static Task<Salon> Create(FrontDeskFixture fixture, string name, string timeZone = Warsaw) => Create(fixture.BaseAddress, name, timeZone);

    /// <summary>Sets the salon up through the API at that address, whose operator key is <see cref="FrontDeskFixture.OperatorKey"/>.</summary>
    public static async Task<Salon> Create(Uri apiAddress, string name, string timeZone = Warsaw)
    {
        using var operatorClient = FrontDeskFixture.Http(apiAddress, FrontDeskFixture.OperatorKey);
        var organization = await Send(operatorClient, HttpMethod.Post, "/api/organizations", new { name });
        var ownerKey = organization.GetProperty("ownerKey").GetString()!;
        var salon = new Salon(FrontDeskFixture.Http(apiAddress, ownerKey), ownerKey, timeZone) { OrganizationId = Id(organization) };
        // Reminders two days ahead, so a booking on the desk's day (tomorrow) is inside the reminder window, and confirmed
        // at once, whatever the hour the tests run at.
        salon.LocationId = await salon.Create("/api/locations", new { name = "Old Town", timeZone, policies = new { reminderLeadMinutes = 48 * 60 } });
        salon.Maria = await salon.Resource("Maria Kowalska", "staff");
        salon.Julia = await salon.Resource("Julia Nowak", "staff");
        salon.Room = await salon.Resource("Room 1", "room");
        salon.Haircut = await salon.Create("/api/services", new { name = "Haircut", durationMinutes = 45, price = 120 });
        salon.Colouring = await salon.Create("/api/services", new { name = "Colouring", durationMinutes = 90, price = 260 });
        salon.Consultation = await salon.Create("/api/services", new { name = "Consultation", durationMinutes = 30, price = 0 });
        foreach (var (first, last, phone) in new[]
        {
            ("Anna", "Wiśniewska", "+48 600 100 201"), ("Ewa", "Zielińska", "+48 600 100 202"),
            ("Katarzyna", "Lewandowska", "+48 600 100 203"), ("Zofia", "Wójcik", "+48 600 100 204"),
        })
        {
            salon.Clients[first] = await salon.Create("/api/clients", new
            {
                firstName = first, lastName = last, email = $"{first.ToLowerInvariant()}@example.com", phone,
            });
        }
        return salon;
    }

    /// <summary>The instant of a wall-clock time on <see cref="Day"/> at the location.</summary>
    public DateTimeOffset At(int hour, int minute = 0) => On(Day, hour, minute);

    /// <summary>The instant of a wall-clock time on <see cref="Today"/> at the location.</summary>
    public DateTimeOffset TodayAt(int hour, int minute = 0) => On(Today, hour, minute);

    private DateTimeOffset On(DateOnly date, int hour, int minute)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        var local = date.ToDateTime(new TimeOnly(hour, minute));
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>Books through the API; answers the appointment.</summary>
    public Task<JsonElement> Book(Guid[] resourceIds, DateTimeOffset start, Guid[] serviceIds, Guid? clientId, string kind = "appointment",
        bool firstConsultation = false, bool asap = false, int? durationMinutes = null) =>
        Send(Owner, HttpMethod.Post, "/api/appointments", Booking(resourceIds, start, serviceIds, clientId, kind, firstConsultation, asap, durationMinutes));

    /// <summary>The body of <c>POST /api/appointments</c> that <see cref="Book"/> sends.</summary>
    public object Booking(Guid[] resourceIds, DateTimeOffset start, Guid[] serviceIds, Guid? clientId, string kind = "appointment",
        bool firstConsultation = false, bool asap = false, int? durationMinutes = null) => new
        {
            locationId = LocationId, resourceIds, start, serviceIds, clientId, kind, firstConsultation, asap, durationMinutes, source = "phone",
        };

    /// <summary>A new staff key of that role, limited to the location.</summary>
    public async Task<string> Key(string role) =>
        (await Send(Owner, HttpMethod.Post, "/api/keys", new { name = $"{role} desk", role, locationIds = new[] { LocationId } }))
        .GetProperty("key").GetString()!;

    public Task<JsonElement> Act(Guid appointmentId, string action, object? body = null) =>
        Send(Owner, HttpMethod.Post, $"/api/appointments/{appointmentId}/{action}", body ?? new { });

    /// <summary>A day that looks like a real one: visits booked and confirmed, a break, flags (being tomorrow's, none is arrived or completed).</summary>
    public async Task FillTheDay()
    {
        var anna = await Book([Maria], At(9), [Haircut], Clients["Anna"]);
        await Act(Id(anna), "confirm");
        await Book([Maria, Room], At(10), [Colouring], Clients["Ewa"], firstConsultation: true);
        await Book([Maria], At(13), [], null, kind: "break", durationMinutes: 30);
        await Book([Julia], At(8, 30), [Consultation], Clients["Katarzyna"]);
        await Book([Julia], At(15), [Haircut], Clients["Zofia"], asap: true);
        var late = await Book([Julia, Room], At(16, 30), [Colouring], Clients["Anna"]);
        await Send(Owner, HttpMethod.Patch, $"/api/appointments/{Id(late)}", new { paymentDue = true });
    }

    public static Guid Id(JsonElement element) => element.GetProperty("id").GetGuid();

    private async Task<Guid> Resource(string name, string kind) => await Create("/api/resources", new
    {
        name,
        kind,
        workingHours = Week.Select(day => new { locationId = LocationId, dayOfWeek = day, start = "08:00", end = "20:00" }),
    });

    public async Task<Guid> Create(string url, object body) => Id(await Send(Owner, HttpMethod.Post, url, body));

    private static async Task<JsonElement> Send(HttpClient client, HttpMethod method, string url, object body)
    {
        using var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body, options: Json) };
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {url}: {(int)response.StatusCode} {text}");
        return response.StatusCode == HttpStatusCode.NoContent ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
