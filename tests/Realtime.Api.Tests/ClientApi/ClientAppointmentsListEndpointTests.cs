using Npgsql;
using static Realtime.Api.Tests.ClientApi.ClientApiSetup;

namespace Realtime.Api.Tests.ClientApi;

/// <summary><c>GET /api/client/appointments</c>: the client's record from the appointment list, a page at a time.</summary>
[Collection(ApiCollection.Name)]
public sealed class ClientAppointmentsListEndpointTests(ApiFixture api)
{
    [Fact]
    public async Task The_visits_still_to_come_come_the_next_first_and_every_other_the_latest_first_a_page_at_a_time()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var resource = await tenant.Resource(location);
        var service = await tenant.ServiceWith();
        var (ann, bea) = (await tenant.Client("Ann"), await tenant.Client("Bea"));
        async Task<Guid> Visit(int days) => await tenant.BookedByStaff(location, resource, service, ann, Local(days, 10));
        var (soon, later, latest) = (await Visit(2), await Visit(5), await Visit(9));
        var cancelledAhead = await Visit(3);
        var (completed, ended, missed) = (await Visit(-2), await Visit(-5), await Visit(-9));
        await Send(tenant.Owner, HttpMethod.Post, $"/api/appointments/{cancelledAhead}/cancel", new { reason = "client" }, HttpStatusCode.OK);
        await Send(tenant.Owner, HttpMethod.Post, $"/api/appointments/{completed}/complete", new { }, HttpStatusCode.OK);
        await Send(tenant.Owner, HttpMethod.Post, $"/api/appointments/{missed}/no-show", new { }, HttpStatusCode.OK);
        var beas = await tenant.BookedByStaff(location, resource, service, bea, Local(4, 10));
        await tenant.ClientLinks(ann, soon, later, latest, cancelledAhead, completed, ended, missed);
        await tenant.ListShowsLatest(soon, later, latest, cancelledAhead, completed, ended, missed, beas);
        using var session = api.ClientSession(tenant, ann);

        await Lists(session, "when=upcoming", 3, soon, later, latest);
        await Lists(session, "when=upcoming&pageSize=2", 3, soon, later);
        await Lists(session, "when=upcoming&pageSize=2&page=2", 3, latest);
        await Lists(session, "when=past&pageSize=2", 4, cancelledAhead, completed);
        await Lists(session, "when=past&pageSize=2&page=2", 4, ended, missed);
        await Lists(session, "when=past&pageSize=2&page=3", 4);
        await Lists(session, "", 7, latest, later, cancelledAhead, soon, completed, ended, missed);

        var page = await Send(session, HttpMethod.Get, "/api/client/appointments?when=past&pageSize=2&page=2", null, HttpStatusCode.OK);
        Assert.Equal((2, 2), (page.GetProperty("page").GetInt32(), page.GetProperty("pageSize").GetInt32()));
        Assert.Equal(["cancelled", "completed"], (await Items(session, "when=past&pageSize=2")).Select(a => a.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task A_class_with_a_seat_of_the_clients_is_theirs_and_one_they_left_is_among_the_others_cancelled_by_them()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var resource = await tenant.Resource(location);
        var yoga = await tenant.ServiceWith(capacity: 4, name: "Yoga");
        var (ann, bea) = (await tenant.Client("Ann"), await tenant.Client("Bea"));
        var joined = await tenant.BookedByStaff(location, resource, yoga, bea, Local(3, 10));
        var left = await tenant.BookedByStaff(location, resource, yoga, bea, Local(4, 10));
        using var session = api.ClientSession(tenant, ann);
        await Send(tenant.Owner, HttpMethod.Post, $"/api/appointments/{joined}/seats", new { clientId = ann }, HttpStatusCode.OK);
        await Send(session, HttpMethod.Post, $"/api/client/appointments/{left}/join", null, HttpStatusCode.OK);
        await Send(session, HttpMethod.Post, $"/api/client/appointments/{joined}/confirm", null, HttpStatusCode.OK);
        await Send(session, HttpMethod.Post, $"/api/client/appointments/{left}/cancel", new { message = "Away" }, HttpStatusCode.OK);
        await tenant.ClientLinks(ann, joined, left);
        await tenant.ListShowsLatest(joined, left);

        var ahead = Assert.Single(await Items(session, "when=upcoming"));
        Assert.Equal(joined, Id(ahead));
        Assert.True(ahead.GetProperty("confirmed").GetBoolean()); // her own seat's confirmation, not the class's
        var others = Assert.Single(await Items(session, "when=past"));
        Assert.Equal((left, "cancelled", "client"), (Id(others), others.GetProperty("status").GetString(),
            others.GetProperty("cancellation").GetProperty("reason").GetString()));
        Assert.Equal([joined, left], (await Items(api.ClientSession(tenant, bea), "when=upcoming")).Select(Id));
    }

    [Fact]
    public async Task Another_clients_and_another_organisations_appointments_never_show()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var resource = await tenant.Resource(location);
        var service = await tenant.ServiceWith();
        var (ann, bea) = (await tenant.Client("Ann"), await tenant.Client("Bea"));
        var beas = await tenant.BookedByStaff(location, resource, service, bea, Local(3, 10));
        var anns = await tenant.BookedByStaff(location, resource, service, ann, Local(5, 10));
        await tenant.ClientLinks(bea, beas);
        await tenant.ClientLinks(ann, anns);
        var other = await api.NewTenant("Other chain");
        var outsider = await other.Client("Cai");
        var otherLocation = await other.Location();
        var theirs = await other.BookedByStaff(otherLocation, await other.Resource(otherLocation), await other.ServiceWith(), outsider, Local(3, 10));
        await other.ClientLinks(outsider, theirs);

        await Lists(api.ClientSession(tenant, ann), "", 1, anns);
        // A session of this organisation naming a client of another is no session at all.
        await ProblemAssert.Is(await api.ClientSession(tenant, outsider).GetAsync("/api/client/appointments"), HttpStatusCode.Unauthorized, "unauthorized");
        await Lists(api.ClientSession(other, outsider), "when=upcoming", 1, theirs);
    }

    [Fact]
    public async Task A_manage_link_session_lists_its_one_appointment_in_its_part()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var resource = await tenant.Resource(location);
        var service = await tenant.ServiceWith();
        var ann = await tenant.Client("Ann");
        var linked = await tenant.BookedByStaff(location, resource, service, ann, Local(3, 10));
        var otherOwn = await tenant.BookedByStaff(location, resource, service, ann, Local(4, 10));
        await tenant.ClientLinks(ann, linked, otherOwn);
        using var session = api.ClientSession(tenant, ann, appointmentId: linked);

        await Lists(session, "when=upcoming", 1, linked);
        await Lists(session, "when=past", 0);
        await Lists(session, "", 1, linked);
    }

    [Fact]
    public async Task A_visit_booked_or_moved_a_moment_ago_shows_as_it_now_is_while_the_list_still_trails()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var resource = await tenant.Resource(location);
        var service = await tenant.ServiceWith();
        var ann = await tenant.Client("Ann");
        using var session = api.ClientSession(tenant, ann);
        var moved = await tenant.BookedByStaff(location, resource, service, ann, Local(5, 10));
        var booked = Id(await Send(session, HttpMethod.Post, "/api/client/appointments",
            new { locationId = location, serviceIds = new[] { service }, resourceIds = new[] { resource }, start = Local(4, 10) }, HttpStatusCode.Created));
        await Send(session, HttpMethod.Post, $"/api/client/appointments/{moved}/reschedule", new { start = Local(5, 12) }, HttpStatusCode.OK);
        await tenant.ClientLinks(ann, moved, booked);
        await tenant.ListShowsLatest(moved, booked);

        // As the list is for a moment after each change: the booking not heard of yet, the move not yet applied.
        await using (var trail = api.Database.DataSource.CreateBatch())
        {
            trail.BatchCommands.Add(new NpgsqlBatchCommand("DELETE FROM appointment_list WHERE id = $1") { Parameters = { new() { Value = booked } } });
            trail.BatchCommands.Add(new NpgsqlBatchCommand(
                "UPDATE appointment_list SET starts_at = $2, ends_at = $2 + interval '1 hour', version = version - 1 WHERE id = $1")
            {
                Parameters = { new() { Value = moved }, new() { Value = Local(5, 10).ToUniversalTime() } },
            });
            await trail.ExecuteNonQueryAsync();
        }

        var ahead = await Items(session, "when=upcoming");
        Assert.Equal([(booked, Local(4, 10)), (moved, Local(5, 12))], ahead.Select(a => (Id(a), a.GetProperty("start").GetDateTimeOffset())));
        Assert.Equal(2, (await Send(session, HttpMethod.Get, "/api/client/appointments?when=upcoming", null, HttpStatusCode.OK)).GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("when=soon", "when")]
    [InlineData("pageSize=51", "pageSize")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=many", "pageSize")]
    [InlineData("page=0", "page")]
    public async Task A_bad_part_or_page_is_a_validation_problem_naming_the_parameter(string query, string field)
    {
        var tenant = await api.NewTenant();

        await ProblemAssert.Is(await api.ClientSession(tenant, await tenant.Client()).GetAsync($"/api/client/appointments?{query}"),
            HttpStatusCode.BadRequest, "validation_failed", field);
    }

    private static async Task<List<JsonElement>> Items(HttpClient session, string query) =>
        [.. (await Send(session, HttpMethod.Get, $"/api/client/appointments?{query}", null, HttpStatusCode.OK)).GetProperty("items").EnumerateArray()];

    /// <summary>The page of that query holds these appointments in this order, of <paramref name="total"/> in all.</summary>
    private static async Task Lists(HttpClient session, string query, int total, params Guid[] ids)
    {
        var page = await Send(session, HttpMethod.Get, $"/api/client/appointments?{query}", null, HttpStatusCode.OK);
        Assert.Equal(ids, page.GetProperty("items").EnumerateArray().Select(Id));
        Assert.Equal(total, page.GetProperty("total").GetInt32());
    }
}
