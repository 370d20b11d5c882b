namespace Realtime.Api.Tests.Endpoints;

/// <summary>Every route, seen with another organisation's key (must reveal nothing) and with each role.</summary>
[Collection(ApiCollection.Name)]
public sealed class AccessMatrixTests(ApiFixture api)
{
    /// <summary>One organisation's world: ids a foreign key will try every route with.</summary>
    private sealed record World(Tenant Tenant, Guid Location, Guid Staff, Guid Service, Guid Client, Guid Appointment, Guid ExceptionId)
    {
        public IEnumerable<(string Method, string Path, object? Body)> Routes()
        {
            var booking = Booking(Location, [Staff], Local(9, 10));
            yield return ("GET", $"/api/locations/{Location}", null);
            yield return ("PUT", $"/api/locations/{Location}", new { name = "Mine now", timeZone = "Europe/Warsaw" });
            yield return ("GET", $"/api/resources/{Staff}", null);
            yield return ("PUT", $"/api/resources/{Staff}/working-hours", Array.Empty<object>());
            yield return ("POST", $"/api/resources/{Staff}/exceptions", new { locationId = Location, date = "2026-12-24", kind = "timeOff" });
            yield return ("DELETE", $"/api/resources/{Staff}/exceptions/{ExceptionId}", null);
            yield return ("GET", $"/api/services/{Service}", null);
            yield return ("PUT", $"/api/services/{Service}", new { name = "Mine", durationMinutes = 30 });
            yield return ("GET", $"/api/clients/{Client}", null);
            yield return ("PUT", $"/api/clients/{Client}", new { firstName = "X", lastName = "Y", email = "x@example.com" });
            yield return ("POST", $"/api/clients/{Client}/blacklist", new { reason = "spite" });
            yield return ("DELETE", $"/api/clients/{Client}/blacklist", null);
            yield return ("DELETE", $"/api/clients/{Client}", null);
            yield return ("POST", "/api/appointments", booking);
            yield return ("GET", $"/api/appointments/{Appointment}", null);
            yield return ("PATCH", $"/api/appointments/{Appointment}", new { notes = "mine" });
            yield return ("POST", $"/api/appointments/{Appointment}/reschedule", new { start = Local(9, 12) });
            foreach (var action in new[] { "confirm", "unconfirm", "arrive", "complete", "cancel", "no-show", "restore", "undo-completion" })
            {
                yield return ("POST", $"/api/appointments/{Appointment}/{action}", null);
            }

            yield return ("DELETE", $"/api/appointments/{Appointment}", null);
        }
    }

    private async Task<World> Build()
    {
        var tenant = await api.NewTenant("Victim chain");
        var location = await tenant.Location();
        var staff = await tenant.Resource(location);
        var withException = await Send(tenant.Owner, HttpMethod.Post, $"/api/resources/{staff}/exceptions",
            new { locationId = location, date = "2026-12-25", kind = "timeOff" }, HttpStatusCode.OK);
        var appointment = Id(await Send(tenant.Owner, HttpMethod.Post, "/api/appointments", Booking(location, [staff], Local(8, 10)), HttpStatusCode.Created));
        return new World(tenant, location, staff, await tenant.Service(), await tenant.Client(), appointment,
            withException.GetProperty("exceptions")[0].GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Another_organisations_key_finds_nothing_on_any_route_and_changes_nothing()
    {
        var victim = await Build();
        var intruder = await api.NewTenant("Intruder chain");
        var before = await Send(victim.Tenant.Owner, HttpMethod.Get, $"/api/appointments/{victim.Appointment}", null, HttpStatusCode.OK);

        foreach (var (method, path, body) in victim.Routes())
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (body is not null) request.Content = JsonContent.Create(body, options: ApiFixture.Json);
            var response = await intruder.Owner.SendAsync(request);
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden,
                $"{method} {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        var after = await Send(victim.Tenant.Owner, HttpMethod.Get, $"/api/appointments/{victim.Appointment}", null, HttpStatusCode.OK);
        Assert.Equal(before.GetProperty("version").GetInt64(), after.GetProperty("version").GetInt64());
        await Send(victim.Tenant.Owner, HttpMethod.Get, $"/api/clients/{victim.Client}", null, HttpStatusCode.OK);
        foreach (var list in new[] { "/api/locations", "/api/resources", "/api/services" })
        {
            Assert.Equal(0, (await Send(intruder.Owner, HttpMethod.Get, list, null, HttpStatusCode.OK)).GetArrayLength());
        }
    }

    [Fact]
    public async Task Requests_without_a_valid_key_are_unauthorised()
    {
        var victim = await Build();
        using var anonymous = api.Client();
        using var forged = api.Client("rtk_00000000000000000000000000000000_AAAA");

        foreach (var (method, path, body) in victim.Routes().Take(5))
        {
            foreach (var client in new[] { anonymous, forged })
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (body is not null) request.Content = JsonContent.Create(body, options: ApiFixture.Json);
                await ProblemAssert.Is(await client.SendAsync(request), HttpStatusCode.Unauthorized, "unauthorized");
            }
        }
    }

    public static TheoryData<string, string, string, bool> RoleCases => new()
    {
        // role, method, route kind, allowed
        { "frontDesk", "POST", "location", false },
        { "frontDesk", "PUT", "location", false },
        { "frontDesk", "POST", "resource", false },
        { "frontDesk", "PUT", "working-hours", false },
        { "frontDesk", "POST", "service", false },
        { "frontDesk", "DELETE", "client", false },
        { "frontDesk", "DELETE", "appointment", false },
        { "frontDesk", "POST", "key", false },
        { "frontDesk", "GET", "keys", false },
        { "frontDesk", "POST", "organization", false },
        { "frontDesk", "GET", "location", true },
        { "frontDesk", "POST", "client", true },
        { "frontDesk", "POST", "appointment", true },
        { "frontDesk", "POST", "confirm", true },
        { "admin", "POST", "location", true },
        { "admin", "POST", "service", true },
        { "admin", "DELETE", "client", true },
        { "admin", "DELETE", "appointment", true },
        { "admin", "GET", "keys", true },
        { "admin", "POST", "organization", false },
        { "owner", "DELETE", "appointment", true },
        { "owner", "POST", "organization", false },
    };

    [Theory]
    [MemberData(nameof(RoleCases))]
    public async Task Each_role_may_do_what_it_should_and_no_more(string role, string method, string route, bool allowed)
    {
        var world = await Build();
        var key = role == "owner" ? world.Tenant.Owner : await world.Tenant.KeyClient(role);
        var (path, body) = route switch
        {
            "location" when method == "POST" => ("/api/locations", (object?)new { name = "Second", timeZone = "Europe/Vilnius" }),
            "location" when method == "PUT" => ($"/api/locations/{world.Location}", new { name = "Renamed", timeZone = "Europe/Warsaw" }),
            "location" => ($"/api/locations/{world.Location}", null),
            "resource" => ("/api/resources", new { name = "Room 2", kind = "room" }),
            "working-hours" => ($"/api/resources/{world.Staff}/working-hours", Array.Empty<object>()),
            "service" => ("/api/services", new { name = "Nails", durationMinutes = 30 }),
            "client" when method == "POST" => ("/api/clients", new { firstName = "Jo", lastName = "Doe", email = "jo@example.com" }),
            "client" => ($"/api/clients/{world.Client}", null),
            "appointment" when method == "POST" => ("/api/appointments", Booking(world.Location, [world.Staff], Local(10, 10))),
            "appointment" => ($"/api/appointments/{world.Appointment}", null),
            "confirm" => ($"/api/appointments/{world.Appointment}/confirm", null),
            "key" => ("/api/keys", new { name = "k", role = "frontDesk" }),
            "keys" => ("/api/keys", null),
            "organization" => ("/api/organizations", new { name = "Another chain" }),
            _ => throw new ArgumentOutOfRangeException(nameof(route)),
        };
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null) request.Content = JsonContent.Create(body, options: ApiFixture.Json);

        var response = await key.SendAsync(request);

        if (allowed) Assert.True(response.IsSuccessStatusCode, $"{role} {method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        else await ProblemAssert.Is(response, HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task A_key_limited_to_one_location_sees_nothing_of_another()
    {
        var tenant = await api.NewTenant();
        var warsaw = await tenant.Location("Europe/Warsaw", "Warsaw");
        var vilnius = await tenant.Location("Europe/Vilnius", "Vilnius");
        var staff = await tenant.Resource(warsaw);
        var vilniusStaff = await tenant.Resource(vilnius, "Rūta");
        var inVilnius = Id(await Send(tenant.Owner, HttpMethod.Post, "/api/appointments",
            Booking(vilnius, [vilniusStaff], Local(3, 10, timeZone: "Europe/Vilnius")), HttpStatusCode.Created));
        var desk = await tenant.KeyClient("frontDesk", warsaw);

        await Send(desk, HttpMethod.Post, "/api/appointments", Booking(warsaw, [staff], Local(3, 10)), HttpStatusCode.Created);
        await ProblemAssert.Is(await desk.GetAsync($"/api/appointments/{inVilnius}"), HttpStatusCode.NotFound, "not_found");
        await ProblemAssert.Is(await desk.GetAsync($"/api/locations/{vilnius}"), HttpStatusCode.NotFound, "not_found");
        await ProblemAssert.Is(await desk.PostAsJsonAsync("/api/appointments",
            Booking(vilnius, [vilniusStaff], Local(4, 10, timeZone: "Europe/Vilnius")), ApiFixture.Json), HttpStatusCode.NotFound, "not_found");
        Assert.Equal([warsaw], (await Send(desk, HttpMethod.Get, "/api/locations", null, HttpStatusCode.OK)).EnumerateArray().Select(Id));
    }
}
