using static Realtime.Api.Tests.ClientApi.ClientApiSetup;

namespace Realtime.Api.Tests.ClientApi;

/// <summary>
/// A client session reaches its own appointments only: another client's, another organisation's or an unknown id is
/// not found on every client route, and nothing changes.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ClientIsolationTests(ApiFixture api)
{
    /// <summary>Every client route that names an appointment, with a body that would succeed on one's own.</summary>
    public static TheoryData<string, string> Routes() => new()
    {
        { "GET", "" },
        { "POST", "/confirm" },
        { "POST", "/cancel" },
        { "POST", "/reschedule" },
        { "POST", "/join" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Another_clients_appointment_is_not_found_and_unchanged(string method, string route)
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var resource = await tenant.Resource(location);
        var service = await tenant.ServiceWith();
        var (ann, bea) = (await tenant.Client("Ann"), await tenant.Client("Bea"));
        var beas = await tenant.BookedByStaff(location, resource, service, bea, Local(10, 10));
        var before = await Staff(tenant, beas);

        await ProblemAssert.Is(await Call(api.ClientSession(tenant, ann), method, $"/api/client/appointments/{beas}{route}"), HttpStatusCode.NotFound, "not_found");

        Assert.Equal(before.GetProperty("version").GetInt64(), (await Staff(tenant, beas)).GetProperty("version").GetInt64());
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Another_organisations_or_an_unknown_appointment_is_not_found(string method, string route)
    {
        var other = await api.NewTenant("Other chain");
        var otherLocation = await other.Location();
        var theirs = await other.BookedByStaff(otherLocation, await other.Resource(otherLocation), await other.ServiceWith(capacity: 4), await other.Client(), Local(10, 10));
        var tenant = await api.NewTenant();
        using var session = api.ClientSession(tenant, await tenant.Client());

        await ProblemAssert.Is(await Call(session, method, $"/api/client/appointments/{theirs}{route}"), HttpStatusCode.NotFound, "not_found");
        await ProblemAssert.Is(await Call(session, method, $"/api/client/appointments/{Guid.NewGuid()}{route}"), HttpStatusCode.NotFound, "not_found");
        Assert.Equal(1, (await Staff(other, theirs)).GetProperty("seats").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task A_manage_link_session_reaches_its_one_appointment_only(string method, string route)
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var resource = await tenant.Resource(location);
        var service = await tenant.ServiceWith();
        var client = await tenant.Client();
        var linked = await tenant.BookedByStaff(location, resource, service, client, Local(10, 10));
        var otherOwn = await tenant.BookedByStaff(location, resource, service, client, Local(11, 10));
        using var session = api.ClientSession(tenant, client, appointmentId: linked);
        await tenant.ClientLinks(client, linked, otherOwn);

        await ProblemAssert.Is(await Call(session, method, $"/api/client/appointments/{otherOwn}{route}"), HttpStatusCode.NotFound, "not_found");

        var listed = await Send(session, HttpMethod.Get, "/api/client/appointments", null, HttpStatusCode.OK);
        Assert.Equal([linked], listed.GetProperty("items").EnumerateArray().Select(Id));
        Assert.Equal(1, (await Staff(tenant, otherOwn)).GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task The_catalog_names_the_business_s_own_locations_services_and_resources_and_nothing_of_the_staff_s()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var resource = await tenant.Resource(location, "Anna");
        var service = await tenant.ServiceWith(name: "Manicure");
        var other = await api.NewTenant();
        await other.Resource(await other.Location(), "Stranger");

        var catalog = await Send(api.ClientSession(tenant, await tenant.Client("Ann")), HttpMethod.Get, "/api/client/catalog", null, HttpStatusCode.OK);

        Assert.Equal([location], catalog.GetProperty("locations").EnumerateArray().Select(Id));
        Assert.Equal([(service, "Manicure")], catalog.GetProperty("services").EnumerateArray().Select(s => (Id(s), s.GetProperty("name").GetString())));
        Assert.Equal([(resource, "Anna")], catalog.GetProperty("resources").EnumerateArray().Select(r => (Id(r), r.GetProperty("name").GetString())));
        Assert.False(catalog.GetProperty("resources")[0].TryGetProperty("workingHours", out _));
        Assert.False(catalog.GetProperty("locations")[0].TryGetProperty("policy", out _));
        await ProblemAssert.Is(await tenant.Owner.GetAsync("/api/client/catalog"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task A_deleted_client_s_session_ends_with_them()
    {
        var tenant = await api.NewTenant();
        var ann = await tenant.Client("Ann");
        using var session = api.ClientSession(tenant, ann);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/api/client/me")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await tenant.Owner.DeleteAsync($"/api/clients/{ann}")).StatusCode);

        await ProblemAssert.Is(await session.GetAsync("/api/client/me"), HttpStatusCode.Unauthorized, "unauthorized");
        await ProblemAssert.Is(await session.GetAsync("/api/client/appointments"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task A_cancellation_message_for_the_staff_alone_is_not_shown_to_the_client()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var resource = await tenant.Resource(location);
        var service = await tenant.ServiceWith();
        var ann = await tenant.Client("Ann");
        var visit = await tenant.BookedByStaff(location, resource, service, ann, Local(10, 10));
        await Send(tenant.Owner, HttpMethod.Post, $"/api/appointments/{visit}/cancel",
            new { reason = "business", message = "Rude on the phone", notifyClient = false, notifyResource = true }, HttpStatusCode.OK);
        await tenant.ClientLinks(ann, visit);

        var seen = await Send(api.ClientSession(tenant, ann), HttpMethod.Get, $"/api/client/appointments/{visit}", null, HttpStatusCode.OK);

        Assert.Equal("business", seen.GetProperty("cancellation").GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, seen.GetProperty("cancellation").GetProperty("message").ValueKind);
    }

    [Fact]
    public async Task The_list_holds_the_clients_own_appointments_cancelled_included_latest_first()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var resource = await tenant.Resource(location);
        var service = await tenant.ServiceWith();
        var (ann, bea) = (await tenant.Client("Ann"), await tenant.Client("Bea"));
        var earlier = await tenant.BookedByStaff(location, resource, service, ann, Local(10, 10));
        var later = await tenant.BookedByStaff(location, resource, service, ann, Local(12, 10));
        await tenant.BookedByStaff(location, resource, service, bea, Local(11, 10));
        await Send(tenant.Owner, HttpMethod.Post, $"/api/appointments/{earlier}/cancel", new { reason = "business", message = "Closed", notifyClient = true }, HttpStatusCode.OK);
        await tenant.ClientLinks(ann, earlier, later);

        var listed = (await Send(api.ClientSession(tenant, ann), HttpMethod.Get, "/api/client/appointments", null, HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().ToList();

        Assert.Equal([later, earlier], listed.Select(Id));
        Assert.Equal("cancelled", listed[1].GetProperty("status").GetString());
        Assert.Equal("Closed", listed[1].GetProperty("cancellation").GetProperty("message").GetString());
        foreach (var staffOnly in new[] { "notes", "labels", "comments", "history", "price", "seats", "clientId", "source" })
        {
            Assert.False(listed[0].TryGetProperty(staffOnly, out _), $"the client view shows '{staffOnly}'");
        }
    }

    [Fact]
    public async Task Staff_keys_cannot_use_client_routes_nor_client_sessions_staff_routes()
    {
        var tenant = await api.NewTenant();
        var client = await tenant.Client();

        Assert.Equal(HttpStatusCode.Unauthorized, (await tenant.Owner.GetAsync("/api/client/appointments")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.ClientSession(tenant, client).GetAsync("/api/appointments")).StatusCode);
    }

    private static Task<HttpResponseMessage> Call(HttpClient session, string method, string url) => method switch
    {
        "GET" => session.GetAsync(url),
        _ when url.EndsWith("/reschedule", StringComparison.Ordinal) => session.PostAsJsonAsync(url, new { start = Local(12, 10) }, ApiFixture.Json),
        _ => session.PostAsJsonAsync(url, new { }, ApiFixture.Json),
    };
}
