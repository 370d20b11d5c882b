namespace Realtime.Api.Tests.Notifications;

/// <summary>The staff routes: webhook endpoints, notification settings, and an appointment's messages.</summary>
[Collection(NotificationApiCollection.Name)]
public sealed class NotificationEndpointTests(NotificationApiFixture api)
{
    private async Task<HttpClient> KeyClient(Salon salon, string role, params Guid[] locationIds)
    {
        var created = await Send(salon.Owner, HttpMethod.Post, "/api/keys",
            new { name = $"{role} key", role, locationIds = locationIds.Length == 0 ? null : locationIds }, HttpStatusCode.Created);
        return api.Client(created.GetProperty("key").GetString());
    }

    [Fact]
    public async Task Webhook_endpoints_are_created_listed_and_deleted_with_the_secret_shown_once()
    {
        var salon = await api.NewSalon();

        var created = await Send(salon.Owner, HttpMethod.Post, "/api/webhooks",
            new { url = "https://hooks.example.com/realtime", events = new[] { "booked", "noShow" } }, HttpStatusCode.Created);
        var id = Id(created);
        Assert.StartsWith("whsec_", created.GetProperty("secret").GetString());
        Assert.Equal(["booked", "noShow"], created.GetProperty("events").EnumerateArray().Select(e => e.GetString()));

        var listed = Assert.Single((await Send(salon.Owner, HttpMethod.Get, "/api/webhooks", null, HttpStatusCode.OK)).EnumerateArray());
        Assert.Equal(id, Id(listed));
        Assert.Equal("https://hooks.example.com/realtime", listed.GetProperty("url").GetString());
        Assert.False(listed.TryGetProperty("secret", out _));
        Assert.False((await Send(salon.Owner, HttpMethod.Get, $"/api/webhooks/{id}", null, HttpStatusCode.OK)).TryGetProperty("secret", out _));

        await ProblemAssert.Is(await salon.Owner.PostAsJsonAsync("/api/webhooks",
            new { url = "https://hooks.example.com/realtime", events = new[] { "cancelled" } }, ApiFixture.Json), HttpStatusCode.Conflict, "already_exists");

        await Send(salon.Owner, HttpMethod.Delete, $"/api/webhooks/{id}", null, HttpStatusCode.NoContent);
        await ProblemAssert.Is(await salon.Owner.DeleteAsync($"/api/webhooks/{id}"), HttpStatusCode.NotFound, "not_found");
        Assert.Empty((await Send(salon.Owner, HttpMethod.Get, "/api/webhooks", null, HttpStatusCode.OK)).EnumerateArray());
    }

    [Theory]
    [InlineData("http://hooks.example.com/realtime", new[] { "booked" }, "url")]
    [InlineData("https://user:pw@hooks.example.com/", new[] { "booked" }, "url")]
    [InlineData("not a url", new[] { "booked" }, "url")]
    [InlineData(null, new[] { "booked" }, "url")]
    [InlineData("https://hooks.example.com/", new[] { "no-show" }, "events")]
    [InlineData("https://hooks.example.com/", new string[0], "events")]
    [InlineData("https://hooks.example.com/", new[] { "booked", "booked" }, "events")]
    public async Task Invalid_webhooks_are_refused_by_field(string? url, string[] events, string field)
    {
        var salon = await api.NewSalon();

        var response = await salon.Owner.PostAsJsonAsync("/api/webhooks", new { url, events }, ApiFixture.Json);

        await ProblemAssert.Is(response, HttpStatusCode.BadRequest, "validation_failed", field);
    }

    [Fact]
    public async Task Only_owner_and_admin_keys_for_every_location_manage_webhooks()
    {
        var salon = await api.NewSalon();
        var frontDesk = await KeyClient(salon, "frontdesk");
        var limitedAdmin = await KeyClient(salon, "admin", salon.LocationId);
        var admin = await KeyClient(salon, "admin");
        var body = new { url = "https://hooks.example.com/admin", events = new[] { "booked" } };

        Assert.Equal(HttpStatusCode.Forbidden, (await frontDesk.PostAsJsonAsync("/api/webhooks", body, ApiFixture.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await frontDesk.GetAsync("/api/webhooks")).StatusCode);
        await ProblemAssert.Is(await limitedAdmin.PostAsJsonAsync("/api/webhooks", body, ApiFixture.Json), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.Is(await limitedAdmin.GetAsync("/api/notifications/settings"), HttpStatusCode.Forbidden, "forbidden");
        await Send(admin, HttpMethod.Post, "/api/webhooks", body, HttpStatusCode.Created);
    }

    [Fact]
    public async Task Another_organisations_endpoints_and_messages_are_not_found()
    {
        var salon = await api.NewSalon();
        var other = await api.NewSalon("Other chain");
        var endpoint = await salon.Webhook("tenancy", "booked");
        var (client, _) = await salon.Client("en");
        var appointment = await salon.Book(client, Local(5, 10));

        await ProblemAssert.Is(await other.Owner.DeleteAsync($"/api/webhooks/{endpoint}"), HttpStatusCode.NotFound, "not_found");
        await ProblemAssert.Is(await other.Owner.GetAsync($"/api/webhooks/{endpoint}"), HttpStatusCode.NotFound, "not_found");
        Assert.Empty((await Send(other.Owner, HttpMethod.Get, "/api/webhooks", null, HttpStatusCode.OK)).EnumerateArray());
        await ProblemAssert.Is(await other.Owner.GetAsync($"/api/appointments/{appointment}/notifications"), HttpStatusCode.NotFound, "not_found");
        await ProblemAssert.Is(await salon.Owner.GetAsync($"/api/appointments/{Guid.NewGuid()}/notifications"), HttpStatusCode.NotFound, "not_found");
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Client().GetAsync($"/api/appointments/{appointment}/notifications")).StatusCode);

        var otherLocation = Id(await Send(salon.Owner, HttpMethod.Post, "/api/locations", new { name = "North", timeZone = "Europe/Warsaw" }, HttpStatusCode.Created));
        var elsewhere = await KeyClient(salon, "frontdesk", otherLocation);
        await ProblemAssert.Is(await elsewhere.GetAsync($"/api/appointments/{appointment}/notifications"), HttpStatusCode.NotFound, "not_found");

        var frontDesk = await KeyClient(salon, "frontdesk", salon.LocationId);
        var listed = await salon.WaitForNotifications(appointment, n => n.Length == 2);
        Assert.Equal(listed.Length, (await Send(frontDesk, HttpMethod.Get, $"/api/appointments/{appointment}/notifications", null, HttpStatusCode.OK))
            .GetArrayLength());
    }

    [Fact]
    public async Task Notification_settings_are_validated_and_kept()
    {
        var salon = await api.NewSalon();

        var initial = await Send(salon.Owner, HttpMethod.Get, "/api/notifications/settings", null, HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, initial.GetProperty("staffEmail").ValueKind);
        Assert.Equal("en", initial.GetProperty("staffLanguage").GetString());

        await ProblemAssert.Is(await salon.Owner.PutAsJsonAsync("/api/notifications/settings",
            new { staffEmail = "not an address", staffLanguage = "xx" }, ApiFixture.Json), HttpStatusCode.BadRequest, "validation_failed", "staffEmail");
        await ProblemAssert.Is(await salon.Owner.PutAsJsonAsync("/api/notifications/settings",
            new { staffEmail = "desk@example.com", staffLanguage = "de" }, ApiFixture.Json), HttpStatusCode.BadRequest, "validation_failed", "staffLanguage");

        await Send(salon.Owner, HttpMethod.Put, "/api/notifications/settings", new { staffEmail = " desk@example.com ", staffLanguage = "LT" }, HttpStatusCode.OK);
        var saved = await Send(salon.Owner, HttpMethod.Get, "/api/notifications/settings", null, HttpStatusCode.OK);
        Assert.Equal(("desk@example.com", "lt"), (saved.GetProperty("staffEmail").GetString(), saved.GetProperty("staffLanguage").GetString()));
    }
}
