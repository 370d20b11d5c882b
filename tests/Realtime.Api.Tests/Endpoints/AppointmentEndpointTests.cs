using Realtime.Testing;

namespace Realtime.Api.Tests.Endpoints;

[Collection(ApiCollection.Name)]
public sealed class AppointmentEndpointTests(ApiFixture api)
{
    [Fact]
    public async Task An_appointment_goes_through_its_life_over_http()
    {
        var tenant = await api.NewTenant();
        var zone = TestZones.Midday();
        var location = await tenant.Location(zone);
        var staff = await tenant.Resource(location);
        var client = await tenant.Client();
        var start = Local(0, 13, timeZone: zone); // today, so that the client can arrive

        var booked = await Send(tenant.Owner, HttpMethod.Post, "/api/appointments", Booking(location, [staff], start, 45, client), HttpStatusCode.Created);
        var id = Id(booked);
        Assert.Equal(7, id.Version);
        Assert.Equal("booked", booked.GetProperty("status").GetString());
        Assert.Equal(start, booked.GetProperty("start").GetDateTimeOffset());

        var url = $"/api/appointments/{id}";
        var updated = await Send(tenant.Owner, HttpMethod.Patch, url, new { labels = new[] { "vip" }, comment = "Likes tea", paymentDue = true }, HttpStatusCode.OK);
        Assert.Equal("labels +vip; comment added; payment due on", updated.GetProperty("history")[1].GetProperty("details").GetString());
        var unchanged = await Send(tenant.Owner, HttpMethod.Patch, url, new { labels = new[] { "vip" } }, HttpStatusCode.OK);
        Assert.Equal(updated.GetProperty("version").GetInt64(), unchanged.GetProperty("version").GetInt64());
        await Send(tenant.Owner, HttpMethod.Post, $"{url}/confirm", null, HttpStatusCode.OK);
        await Send(tenant.Owner, HttpMethod.Post, $"{url}/unconfirm", null, HttpStatusCode.OK);
        var moved = await Send(tenant.Owner, HttpMethod.Post, $"{url}/reschedule", new { start = start.AddHours(1), notifyClient = true }, HttpStatusCode.OK);
        Assert.Equal(start.AddHours(1), moved.GetProperty("start").GetDateTimeOffset());
        await Send(tenant.Owner, HttpMethod.Post, $"{url}/arrive", null, HttpStatusCode.OK);
        var completed = await Send(tenant.Owner, HttpMethod.Post, $"{url}/complete",
            new { totalPrice = 99.5, label = "colour", comment = "Used product X", nextVisit = new { } }, HttpStatusCode.OK);
        Assert.Equal("completed", completed.GetProperty("appointment").GetProperty("status").GetString());
        var followUp = completed.GetProperty("nextVisit").GetProperty("appointmentId").GetGuid();
        Assert.Equal(7, followUp.Version);
        var undone = await Send(tenant.Owner, HttpMethod.Post, $"{url}/undo-completion", null, HttpStatusCode.OK);
        Assert.Equal("booked", undone.GetProperty("status").GetString()); // completed ahead of its time: booked again, not past
        await Send(tenant.Owner, HttpMethod.Post, $"{url}/cancel", new { reason = "client", message = "Moved away", notifyClient = true }, HttpStatusCode.OK);
        await Send(tenant.Owner, HttpMethod.Post, $"{url}/restore", null, HttpStatusCode.OK);

        var read = await Send(tenant.Owner, HttpMethod.Get, url, null, HttpStatusCode.OK);
        Assert.Equal(
            ["booked", "updated", "confirmed", "unconfirmed", "rescheduled", "arrived", "completed", "completion-undone", "cancelled", "restored"],
            read.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("action").GetString()));
        Assert.Equal(start.AddDays(7).AddHours(1), (await Send(tenant.Owner, HttpMethod.Get, $"/api/appointments/{followUp}", null, HttpStatusCode.OK))
            .GetProperty("start").GetDateTimeOffset());

        await Send(tenant.Owner, HttpMethod.Delete, url, null, HttpStatusCode.NoContent);
        await ProblemAssert.Is(await tenant.Owner.GetAsync(url), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task A_visit_ahead_is_neither_arrived_nor_completed_before_its_day_nor_a_no_show_before_it_begins()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var staff = await tenant.Resource(location);
        var url = $"/api/appointments/{Id(await Send(tenant.Owner, HttpMethod.Post, "/api/appointments", Booking(location, [staff], Local(3, 10)), HttpStatusCode.Created))}";

        var early = await ProblemAssert.Is(
            await tenant.Owner.PostAsJsonAsync($"{url}/complete", new { totalPrice = 80 }), HttpStatusCode.Conflict, "visit_not_started", "start");
        Assert.Contains("not begun", early.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var arrival = await ProblemAssert.Is(await tenant.Owner.PostAsync($"{url}/arrive", null), HttpStatusCode.Conflict, "visit_not_started", "start");
        Assert.Contains("checked in from the visit's day on", arrival.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Nor is it marked a no-show, refused alike.
        var noShow = await ProblemAssert.Is(
            await tenant.Owner.PostAsJsonAsync($"{url}/no-show", new { blacklist = true }, ApiFixture.Json), HttpStatusCode.Conflict, "visit_not_started", "start");
        Assert.Contains("once it has begun", noShow.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var stored = await Send(tenant.Owner, HttpMethod.Get, url, null, HttpStatusCode.OK);
        Assert.Equal(("booked", 1), (stored.GetProperty("status").GetString(), stored.GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task No_show_frees_the_time_and_can_blacklist()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var staff = await tenant.Resource(location);
        var client = await tenant.Client();
        var start = Local(-1, 10);
        var id = Id(await Send(tenant.Owner, HttpMethod.Post, "/api/appointments", Booking(location, [staff], start, 60, client), HttpStatusCode.Created));

        var noShow = await Send(tenant.Owner, HttpMethod.Post, $"/api/appointments/{id}/no-show", new { blacklist = true }, HttpStatusCode.OK);

        Assert.Equal("noShow", noShow.GetProperty("status").GetString());
        // The client's record follows right after the answer.
        await Eventually.True(
            async () => (await Send(tenant.Owner, HttpMethod.Get, $"/api/clients/{client}", null, HttpStatusCode.OK)).GetProperty("blacklisted").GetBoolean(),
            "the no-show blacklists the client");
        await Send(tenant.Owner, HttpMethod.Post, "/api/appointments", Booking(location, [staff], start), HttpStatusCode.Created);
    }

    [Fact]
    public async Task Booking_errors_have_their_own_codes()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var staff = await tenant.Resource(location);
        var start = Local(5, 12);
        var id = Id(await Send(tenant.Owner, HttpMethod.Post, "/api/appointments", Booking(location, [staff], start), HttpStatusCode.Created));

        await ProblemAssert.Is(await tenant.Owner.PostAsJsonAsync("/api/appointments", Booking(location, [staff], start.AddMinutes(30)), ApiFixture.Json),
            HttpStatusCode.Conflict, "slot_taken");
        await ProblemAssert.Is(await tenant.Owner.PostAsJsonAsync("/api/appointments", Booking(location, [staff], Local(5, 22)), ApiFixture.Json),
            (HttpStatusCode)422, "outside_working_hours");
        await ProblemAssert.Is(await tenant.Owner.PostAsync($"/api/appointments/{id}/undo-completion", null), HttpStatusCode.Conflict, "invalid_transition");
        await ProblemAssert.Is(await tenant.Owner.PostAsJsonAsync("/api/appointments", Booking(location, [Guid.NewGuid()], start), ApiFixture.Json),
            HttpStatusCode.NotFound, "not_found");
        await ProblemAssert.Is(await tenant.Owner.PostAsync($"/api/appointments/{Guid.NewGuid()}/confirm", null), HttpStatusCode.NotFound, "not_found");
        // Only an appointment whose client was deleted before it became theirs cancels for that reason, by itself.
        await ProblemAssert.Is(await tenant.Owner.PostAsJsonAsync($"/api/appointments/{id}/cancel", new { reason = "clientDeleted" }, ApiFixture.Json),
            HttpStatusCode.BadRequest, "malformed_request", "reason");
    }

    [Fact]
    public async Task Sixty_four_concurrent_posts_of_one_slot_give_one_created_and_sixty_three_conflicts()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var staff = await tenant.Resource(location);
        var body = Booking(location, [staff], Local(6, 9));

        var responses = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => tenant.Owner.PostAsJsonAsync("/api/appointments", body, ApiFixture.Json)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        foreach (var conflict in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await ProblemAssert.Is(conflict, HttpStatusCode.Conflict, "slot_taken");
        }
    }
}
