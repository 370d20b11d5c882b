namespace Realtime.Api.Tests.Endpoints;

[Collection(ApiCollection.Name)]
public sealed class ConfigurationEndpointTests(ApiFixture api)
{
    [Fact]
    public async Task Locations_are_created_read_listed_and_updated()
    {
        var tenant = await api.NewTenant();
        var created = await Send(tenant.Owner, HttpMethod.Post, "/api/locations",
            new { name = "Santiago centro", address = "Av. Providencia 1", timeZone = "America/Santiago", policies = new { reminderLeadMinutes = 120 } },
            HttpStatusCode.Created);
        var id = Id(created);

        var read = await Send(tenant.Owner, HttpMethod.Get, $"/api/locations/{id}", null, HttpStatusCode.OK);
        Assert.Equal("America/Santiago", read.GetProperty("timeZone").GetString());
        Assert.Equal(120, read.GetProperty("policies").GetProperty("reminderLeadMinutes").GetInt32());

        var updated = await Send(tenant.Owner, HttpMethod.Put, $"/api/locations/{id}",
            new { name = "Santiago", timeZone = "America/Santiago", policies = new { afterEnd = "markNoShow" } }, HttpStatusCode.OK);
        Assert.Equal("markNoShow", updated.GetProperty("policies").GetProperty("afterEnd").GetString());
        Assert.Equal(120, updated.GetProperty("policies").GetProperty("reminderLeadMinutes").GetInt32());

        var list = await Send(tenant.Owner, HttpMethod.Get, "/api/locations", null, HttpStatusCode.OK);
        Assert.Equal([id], list.EnumerateArray().Select(Id));
    }

    [Fact]
    public async Task A_location_needs_a_real_time_zone()
    {
        var tenant = await api.NewTenant();

        var response = await tenant.Owner.PostAsJsonAsync("/api/locations", new { name = "Nowhere", timeZone = "Mars/Olympus" }, ApiFixture.Json);

        await ProblemAssert.Is(response, HttpStatusCode.BadRequest, "validation_failed", "timeZone");
    }

    [Fact]
    public async Task Resources_have_working_hours_and_dated_exceptions()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var staff = await tenant.Resource(location, "Marta");

        var hours = await Send(tenant.Owner, HttpMethod.Put, $"/api/resources/{staff}/working-hours",
            new[] { new { locationId = location, dayOfWeek = "monday", start = "09:00", end = "17:00" } }, HttpStatusCode.OK);
        Assert.Equal("09:00", hours.GetProperty("workingHours")[0].GetProperty("start").GetString());

        var withException = await Send(tenant.Owner, HttpMethod.Post, $"/api/resources/{staff}/exceptions",
            new { locationId = location, date = "2026-12-24", kind = "timeOff", note = "Christmas Eve" }, HttpStatusCode.OK);
        var exceptionId = withException.GetProperty("exceptions")[0].GetProperty("id").GetGuid();
        var removed = await Send(tenant.Owner, HttpMethod.Delete, $"/api/resources/{staff}/exceptions/{exceptionId}", null, HttpStatusCode.OK);
        Assert.Equal(0, removed.GetProperty("exceptions").GetArrayLength());

        var list = await Send(tenant.Owner, HttpMethod.Get, "/api/resources", null, HttpStatusCode.OK);
        Assert.Equal("Marta", list[0].GetProperty("name").GetString());
        Assert.Equal("staff", list[0].GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Working_hours_must_be_complete_and_at_own_locations()
    {
        var tenant = await api.NewTenant();
        var other = await api.NewTenant();
        var foreignLocation = await other.Location();

        var response = await tenant.Owner.PostAsJsonAsync("/api/resources", new
        {
            name = "Jan", kind = "staff",
            workingHours = new object[]
            {
                new { locationId = foreignLocation, dayOfWeek = "monday", start = "09:00", end = "17:00" },
                new { dayOfWeek = "tuesday", start = "09:00" },
            },
        }, ApiFixture.Json);

        var problem = await ProblemAssert.Is(response, HttpStatusCode.BadRequest, "validation_failed", "workingHours[0].locationId");
        Assert.True(problem.GetProperty("errors").TryGetProperty("workingHours[1].end", out _));
    }

    [Fact]
    public async Task A_staff_member_s_hours_at_two_locations_never_meet()
    {
        var tenant = await api.NewTenant();
        var centre = await tenant.Location(name: "Centre");
        var mokotow = await tenant.Location(name: "Mokotów");
        var staff = await tenant.Resource(centre, "Marta"); // 07:00–21:00 every day at the centre

        var overlapping = await tenant.Owner.PutAsJsonAsync($"/api/resources/{staff}/working-hours", new object[]
        {
            new { locationId = centre, dayOfWeek = "monday", start = "09:00", end = "15:00" },
            new { locationId = mokotow, dayOfWeek = "monday", start = "14:00", end = "20:00" },
        }, ApiFixture.Json);
        var problem = await ProblemAssert.Is(overlapping, HttpStatusCode.BadRequest, "validation_failed", "workingHours[1]");
        Assert.Contains("at Centre and at Mokotów at the same time", problem.GetProperty("errors").GetProperty("workingHours[1]")[0].GetString());

        var extraAtMokotow = new { locationId = mokotow, date = "2027-01-11", kind = "extraHours", start = "10:00", end = "12:00" };
        await ProblemAssert.Is(
            await tenant.Owner.PostAsJsonAsync($"/api/resources/{staff}/exceptions", extraAtMokotow, ApiFixture.Json),
            HttpStatusCode.BadRequest, "validation_failed", "start");
        var dayOff = await Send(tenant.Owner, HttpMethod.Post, $"/api/resources/{staff}/exceptions",
            new { locationId = centre, date = "2027-01-11", kind = "timeOff" }, HttpStatusCode.OK);
        var accepted = await Send(tenant.Owner, HttpMethod.Post, $"/api/resources/{staff}/exceptions", extraAtMokotow, HttpStatusCode.OK);
        Assert.Equal(2, accepted.GetProperty("exceptions").GetArrayLength());
        // The day off keeps the two apart: taking it away is refused.
        var dayOffId = dayOff.GetProperty("exceptions")[0].GetProperty("id").GetGuid();
        await ProblemAssert.Is(await tenant.Owner.DeleteAsync($"/api/resources/{staff}/exceptions/{dayOffId}"), HttpStatusCode.BadRequest, "validation_failed", "exceptionId");
        await ProblemAssert.Is(
            await tenant.Owner.PostAsJsonAsync($"/api/resources/{staff}/exceptions",
                new { locationId = mokotow, date = "9999-12-31", kind = "extraHours", start = "20:00", end = "00:00" }, ApiFixture.Json),
            HttpStatusCode.BadRequest, "validation_failed", "date");

        var apart = await Send(tenant.Owner, HttpMethod.Put, $"/api/resources/{staff}/working-hours", new object[]
        {
            new { locationId = centre, dayOfWeek = "monday", start = "09:00", end = "14:00" },
            new { locationId = mokotow, dayOfWeek = "monday", start = "14:00", end = "20:00" },
        }, HttpStatusCode.OK);
        Assert.Equal(2, apart.GetProperty("workingHours").GetArrayLength());
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080/api/keys")]
    [InlineData("https://localhost/hooks")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://10.0.0.5/hooks")]
    public async Task A_webhook_cannot_point_into_the_servers_own_network(string url)
    {
        var tenant = await api.NewTenant();

        var problem = await ProblemAssert.Is(
            await tenant.Owner.PostAsJsonAsync("/api/webhooks", new { url, events = new[] { "booked" } }, ApiFixture.Json),
            HttpStatusCode.BadRequest, "validation_failed", "url");

        Assert.Empty((await Send(tenant.Owner, HttpMethod.Get, "/api/webhooks", null, HttpStatusCode.OK)).EnumerateArray());
        Assert.NotNull(problem.GetProperty("errors").GetProperty("url")[0].GetString());
    }

    [Fact]
    public async Task Services_are_created_read_and_updated()
    {
        var tenant = await api.NewTenant();
        var created = await Send(tenant.Owner, HttpMethod.Post, "/api/services", new
        {
            name = "Massage", durationMinutes = 50, price = 150.5, bufferAfterMinutes = 10, requiredResourceKinds = new[] { "staff", "room" },
            policy = new { maxReschedules = 1 },
        }, HttpStatusCode.Created);
        var id = Id(created);
        Assert.Equal(1, created.GetProperty("policy").GetProperty("maxReschedules").GetInt32());

        var updated = await Send(tenant.Owner, HttpMethod.Put, $"/api/services/{id}", new { name = "Massage", durationMinutes = 60 }, HttpStatusCode.OK);
        Assert.Equal(60, updated.GetProperty("durationMinutes").GetInt32());
        await Send(tenant.Owner, HttpMethod.Get, $"/api/services/{id}", null, HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-15)]
    [InlineData(100000)]
    public async Task A_service_duration_must_be_sensible(int durationMinutes)
    {
        var tenant = await api.NewTenant();

        var response = await tenant.Owner.PostAsJsonAsync("/api/services", new { name = "Odd", durationMinutes }, ApiFixture.Json);

        await ProblemAssert.Is(response, HttpStatusCode.BadRequest, "validation_failed", "durationMinutes");
    }

    [Fact]
    public async Task Clients_are_created_edited_blacklisted_and_deleted()
    {
        var tenant = await api.NewTenant();
        var id = await tenant.Client("Lucia");

        var edited = await Send(tenant.Owner, HttpMethod.Put, $"/api/clients/{id}", new
        {
            firstName = "Lucía", lastName = "García", email = "lucia@example.es", phone = "+34 600 000 000", language = "es", birthDate = "1990-05-17",
        }, HttpStatusCode.OK);
        Assert.Equal("Lucía", edited.GetProperty("firstName").GetString());

        var blacklisted = await Send(tenant.Owner, HttpMethod.Post, $"/api/clients/{id}/blacklist", new { reason = "Two no-shows" }, HttpStatusCode.OK);
        Assert.True(blacklisted.GetProperty("blacklisted").GetBoolean());
        var cleared = await Send(tenant.Owner, HttpMethod.Delete, $"/api/clients/{id}/blacklist", null, HttpStatusCode.OK);
        Assert.False(cleared.GetProperty("blacklisted").GetBoolean());

        await Send(tenant.Owner, HttpMethod.Delete, $"/api/clients/{id}", null, HttpStatusCode.NoContent);
        await ProblemAssert.Is(await tenant.Owner.GetAsync($"/api/clients/{id}"), HttpStatusCode.NotFound, "not_found");
    }

    [Theory]
    [InlineData("email", "not-an-email")]
    [InlineData("firstName", "")]
    [InlineData("birthDate", "2999-01-01")]
    [InlineData("language", "xx")]
    public async Task Client_fields_are_validated(string field, string value)
    {
        var tenant = await api.NewTenant();
        var body = new Dictionary<string, string> { ["firstName"] = "Ana", ["lastName"] = "Lopez", ["email"] = "ana@example.com", [field] = value };

        var response = await tenant.Owner.PostAsJsonAsync("/api/clients", body, ApiFixture.Json);

        await ProblemAssert.Is(response, HttpStatusCode.BadRequest, "validation_failed", field);
    }
}
