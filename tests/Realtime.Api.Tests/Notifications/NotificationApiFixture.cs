using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Realtime.Testing;

namespace Realtime.Api.Tests.Notifications;

/// <summary>
/// The API with a co-hosted silo whose dispatcher really sends: e-mail to an aiosmtpd server, SMS and webhooks to a
/// Kestrel receiver, on a fresh database. Retries are quick (0.2 s, doubling, at most 1 s) and a message is dead after
/// <see cref="MaxAttempts"/> attempts.
/// </summary>
public sealed class NotificationApiFixture : IAsyncLifetime
{
    public const int MaxAttempts = 3;

    public PostgresDatabase Database { get; private set; } = null!;

    public SmtpServer Smtp { get; private set; } = null!;

    public WebhookReceiver Receiver { get; private set; } = null!;

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Smtp = await SmtpServer.StartAsync();
        Receiver = await WebhookReceiver.StartAsync();
        Database = await PostgresDatabase.CreateAsync("notify_api");
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            foreach (var (key, value) in ApiNodeSettings.For(Database, ApiFixture.OperatorKey)) web.UseSetting(key, value);
            web.UseSetting("Realtime:Smtp:Host", "127.0.0.1");
            web.UseSetting("Realtime:Smtp:Port", Smtp.Port.ToString());
            web.UseSetting("Realtime:Smtp:From", "bookings@realtime.test");
            web.UseSetting("Realtime:Sms:Url", Receiver.SmsUrl);
            web.UseSetting("Realtime:Webhooks:AllowPrivateNetworks", "true"); // the receiver listens on this machine
            web.UseSetting("Realtime:Notifications:MaxAttempts", MaxAttempts.ToString());
            web.UseSetting("Realtime:Notifications:InitialRetryDelay", "00:00:00.2");
            web.UseSetting("Realtime:Notifications:MaxRetryDelay", "00:00:01");
            web.UseSetting("Realtime:Notifications:PollInterval", "00:00:00.1");
        });
        using var warmUp = Factory.CreateClient();
        (await warmUp.GetAsync("/health/ready")).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Database.DisposeAsync();
        await Receiver.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    public HttpClient Client(string? bearer = null)
    {
        var client = Factory.CreateClient();
        if (bearer is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return client;
    }

    /// <summary>A new organisation with a location in <paramref name="timeZone"/>, one staff member and one service.</summary>
    public async Task<Salon> NewSalon(string name = "Salon Aurora", string timeZone = "Europe/Warsaw")
    {
        using var operatorClient = Client(ApiFixture.OperatorKey);
        var created = await Send(operatorClient, HttpMethod.Post, "/api/organizations", new { name }, HttpStatusCode.Created);
        var owner = Client(created.GetProperty("ownerKey").GetString());
        var location = Id(await Send(owner, HttpMethod.Post, "/api/locations", new { name = "Centre", address = "Main street 1", timeZone }, HttpStatusCode.Created));
        var staff = Id(await Send(owner, HttpMethod.Post, "/api/resources", new
        {
            name = "Anna",
            kind = "staff",
            workingHours = Week.Select(day => new { locationId = location, dayOfWeek = day, start = "07:00", end = "21:00" }),
        }, HttpStatusCode.Created));
        return new Salon(this, Id(created), owner, location, staff, timeZone);
    }
}

/// <summary>One organisation as the notification tests use it.</summary>
public sealed record Salon(NotificationApiFixture Api, Guid OrganizationId, HttpClient Owner, Guid LocationId, Guid StaffId, string TimeZone)
{
    public async Task<(Guid Id, string Email)> Client(string language, string? phone = null, string firstName = "Ewa")
    {
        var email = $"{firstName.ToLowerInvariant()}.{Guid.NewGuid():N}@example.com";
        var created = await Send(Owner, HttpMethod.Post, "/api/clients",
            new { firstName, lastName = "Nowak", email, phone, language }, HttpStatusCode.Created);
        return (Id(created), email);
    }

    /// <summary>Registers a receiver endpoint for the events and gives the receiver its secret.</summary>
    public async Task<Guid> Webhook(string name, params string[] events)
    {
        var created = await Send(Owner, HttpMethod.Post, "/api/webhooks", new { url = Api.Receiver.Url(name), events }, HttpStatusCode.Created);
        Api.Receiver.Trust(name, created.GetProperty("secret").GetString()!);
        return Id(created);
    }

    public async Task<Guid> Book(Guid clientId, DateTimeOffset start, bool notifyClient = true, int minutes = 90) =>
        Id(await Send(Owner, HttpMethod.Post, "/api/appointments", new
        {
            locationId = LocationId, resourceIds = new[] { StaffId }, clientId, start, durationMinutes = minutes, notifyClient,
        }, HttpStatusCode.Created));

    public async Task<JsonElement[]> Notifications(Guid appointmentId) =>
        [.. (await Send(Owner, HttpMethod.Get, $"/api/appointments/{appointmentId}/notifications", null, HttpStatusCode.OK)).EnumerateArray()];

    /// <summary>Waits until the appointment's messages satisfy <paramref name="done"/>.</summary>
    public async Task<JsonElement[]> WaitForNotifications(Guid appointmentId, Func<JsonElement[], bool> done, TimeSpan? timeout = null)
    {
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var notifications = await Notifications(appointmentId);
            if (done(notifications)) return notifications;
            if (deadline.Elapsed > (timeout ?? TimeSpan.FromSeconds(20)))
            {
                Assert.Fail("The notifications did not reach the expected states: " + string.Join("; ", notifications.Select(n =>
                    $"{n.GetProperty("kind")} {n.GetProperty("channel")} {n.GetProperty("status")} x{n.GetProperty("attempts")} {n.GetProperty("lastError")}")));
            }

            await Task.Delay(25);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class NotificationApiCollection : ICollectionFixture<NotificationApiFixture>
{
    public const string Name = "notifications api";
}
