using Realtime.Testing;
using static Realtime.Api.Tests.ClientApi.ClientApiSetup;

namespace Realtime.Api.Tests.ClientApi;

[Collection(ApiCollection.Name)]
public sealed class ClientBookingEndpointTests(ApiFixture api)
{
    [Fact]
    public async Task A_slot_from_the_clients_availability_is_booked_online_shown_to_staff_and_linked_to_the_profile()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var resource = await tenant.Resource(location);
        var service = await tenant.ServiceWith(new { bookingNoticeHours = 72 });
        var client = await tenant.Client();
        using var session = api.ClientSession(tenant, client);

        var slots = (await Send(session, HttpMethod.Get,
            $"/api/client/availability?locationId={location}&serviceId={service}&from={Uri.EscapeDataString(InHours(0).ToString("O"))}&to={Uri.EscapeDataString(InHours(24 * 5).ToString("O"))}",
            null, HttpStatusCode.OK)).GetProperty("slots").EnumerateArray().ToList();
        Assert.NotEmpty(slots);
        Assert.All(slots, s => Assert.True(s.GetProperty("start").GetDateTimeOffset() >= InHours(72)));
        var staffSlots = (await Send(tenant.Owner, HttpMethod.Get,
            $"/api/locations/{location}/availability?serviceId={service}&from={Uri.EscapeDataString(InHours(0).ToString("O"))}&to={Uri.EscapeDataString(InHours(24 * 5).ToString("O"))}",
            null, HttpStatusCode.OK)).GetProperty("slots").GetArrayLength();
        Assert.True(staffSlots > slots.Count, "staff are not bound by the booking notice");

        var start = slots[0].GetProperty("start").GetDateTimeOffset();
        var booked = await Send(session, HttpMethod.Post, "/api/client/appointments",
            new { locationId = location, serviceIds = new[] { service }, start, notes = "Window seat please", asap = true }, HttpStatusCode.Created);
        var id = Id(booked);
        Assert.Equal(7, id.Version);

        var listed = await Eventually.Value(
            () => Send(tenant.Owner, HttpMethod.Get, $"/api/appointments?clientId={client}", null, HttpStatusCode.OK),
            list => list.GetProperty("items").GetArrayLength() > 0, "the booking is listed");
        var row = Assert.Single(listed.GetProperty("items").EnumerateArray());
        Assert.Equal((id, "online", resource), (Id(row), row.GetProperty("source").GetString(), row.GetProperty("resourceIds")[0].GetGuid()));
        Assert.Equal("Window seat please", row.GetProperty("notes").GetString());
        Assert.True(row.GetProperty("asap").GetBoolean());
        var profile = await Eventually.Value(
            () => Send(tenant.Owner, HttpMethod.Get, $"/api/clients/{client}/appointments", null, HttpStatusCode.OK),
            page => page.GetProperty("items").GetArrayLength() > 0, "the booking is linked to the client");
        Assert.Equal([id], profile.GetProperty("items").EnumerateArray().Select(Id));
        await tenant.ClientLinks(client, id);
        Assert.Equal([id], (await Send(session, HttpMethod.Get, "/api/client/appointments", null, HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Select(Id));
        Assert.Equal(start, (await Send(session, HttpMethod.Get, $"/api/client/appointments/{id}", null, HttpStatusCode.OK))
            .GetProperty("start").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_client_cannot_book_or_move_online_into_their_own_visit_which_staff_still_may_book_alongside()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var (anna, piotr) = (await tenant.Resource(location), await tenant.Resource(location, "Piotr"));
        var service = await tenant.ServiceWith();
        var ewa = await tenant.Client();
        using var session = api.ClientSession(tenant, ewa);
        var visit = await tenant.BookedByStaff(location, anna, service, ewa, Local(5, 11));
        await Eventually.True(async () => (await Send(tenant.Owner, HttpMethod.Get, $"/api/appointments?clientId={ewa}", null, HttpStatusCode.OK))
            .GetProperty("items").GetArrayLength() == 1, "the visit is listed");

        var busy = await ProblemAssert.Is(await session.PostAsJsonAsync("/api/client/appointments",
            new ClientSlot(location, [service], [piotr], Local(5, 11, 30)), ApiFixture.Json), HttpStatusCode.Conflict, "client_busy", "start");
        Assert.Equal(Local(5, 11), busy.GetProperty("visitStart").GetDateTimeOffset());
        Assert.Equal(Local(5, 12), busy.GetProperty("visitEnd").GetDateTimeOffset());
        Assert.Equal("Europe/Warsaw", busy.GetProperty("timeZone").GetString());
        Assert.Contains("11:00–12:00", busy.GetProperty("errors").GetProperty("start")[0].GetString());
        var own = Id(await Send(session, HttpMethod.Post, "/api/client/appointments",
            new ClientSlot(location, [service], [piotr], Local(5, 12)), HttpStatusCode.Created));
        await ProblemAssert.Is(await session.PostAsJsonAsync($"/api/client/appointments/{own}/reschedule", new { start = Local(5, 10, 30) }, ApiFixture.Json),
            HttpStatusCode.Conflict, "client_busy", "start");

        await Send(tenant.Owner, HttpMethod.Post, $"/api/appointments/{visit}/cancel", new { reason = "business" }, HttpStatusCode.OK);
        await Send(session, HttpMethod.Post, $"/api/client/appointments/{own}/reschedule", new { start = Local(5, 10, 30) }, HttpStatusCode.OK);
        await tenant.BookedByStaff(location, anna, service, ewa, Local(5, 11));
    }

    [Fact]
    public async Task A_clients_availability_leaves_out_the_times_of_their_own_live_visits()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var (anna, piotr) = (await tenant.Resource(location), await tenant.Resource(location, "Piotr"));
        var service = await tenant.ServiceWith();
        var (ewa, olga) = (await tenant.Client("Ewa"), await tenant.Client("Olga"));
        await tenant.BookedByStaff(location, anna, service, ewa, Local(5, 11)); // 11:00-12:00 with Anna
        await Eventually.True(async () => (await Send(tenant.Owner, HttpMethod.Get, $"/api/appointments?clientId={ewa}", null, HttpStatusCode.OK))
            .GetProperty("items").GetArrayLength() == 1, "the visit is listed");
        var day = $"{Local(5, 0):yyyy-MM-dd}";

        async Task<DateTimeOffset[]> Starts(Guid client)
        {
            using var session = api.ClientSession(tenant, client);
            var found = await Send(session, HttpMethod.Get,
                $"/api/client/availability?locationId={location}&serviceId={service}&resourceId={piotr}&from={day}&to={day}", null, HttpStatusCode.OK);
            return [.. found.GetProperty("slots").EnumerateArray().Select(s => s.GetProperty("start").GetDateTimeOffset())];
        }

        var forEwa = await Starts(ewa);
        var forOlga = await Starts(olga);
        Assert.Contains(Local(5, 11), forOlga);
        Assert.Contains(Local(5, 10, 30), forOlga);
        Assert.DoesNotContain(forEwa, start => start > Local(5, 10) && start < Local(5, 12)); // booking these is refused as client_busy
        Assert.Contains(Local(5, 10), forEwa);
        Assert.Contains(Local(5, 12), forEwa);
        Assert.Equal(forOlga.Where(start => start <= Local(5, 10) || start >= Local(5, 12)), forEwa);
    }

    [Fact]
    public async Task A_client_cannot_hold_a_slot_or_take_a_seat_online_in_the_time_of_their_own_visit_which_staff_still_may_seat_them_in()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var (anna, piotr, studio) = (await tenant.Resource(location), await tenant.Resource(location, "Piotr"), await tenant.Resource(location, "Studio", "room"));
        var (service, yoga) = (await tenant.ServiceWith(), await tenant.ServiceWith(capacity: 4, name: "Yoga"));
        var (ewa, olga) = (await tenant.Client("Ewa"), await tenant.Client("Olga"));
        using var session = api.ClientSession(tenant, ewa);
        var visit = await tenant.BookedByStaff(location, anna, service, ewa, Local(5, 11));
        var yogaClass = await tenant.BookedByStaff(location, studio, yoga, olga, Local(5, 11, 30));
        await Eventually.True(async () => (await Send(tenant.Owner, HttpMethod.Get, $"/api/appointments?clientId={ewa}", null, HttpStatusCode.OK))
            .GetProperty("items").GetArrayLength() == 1, "the visit is listed");

        var held = await ProblemAssert.Is(await session.PostAsJsonAsync("/api/client/holds",
            new ClientSlot(location, [service], [piotr], Local(5, 10, 30)), ApiFixture.Json), HttpStatusCode.Conflict, "client_busy", "start");
        Assert.Contains("11:00–12:00", held.GetProperty("errors").GetProperty("start")[0].GetString());
        Assert.Equal(Local(5, 11), held.GetProperty("visitStart").GetDateTimeOffset());
        Assert.Equal((await Staff(tenant, visit)).GetProperty("start").GetString(), held.GetProperty("visitStart").GetString()); // as the API writes times
        var joined = await ProblemAssert.Is(await session.PostAsync($"/api/client/appointments/{yogaClass}/join", null), HttpStatusCode.Conflict, "client_busy");
        Assert.Equal(held.GetProperty("detail").GetString(), joined.GetProperty("detail").GetString());
        Assert.False(joined.TryGetProperty("errors", out _), "joining names no time of its own, so no field is at fault");
        Assert.Equal([olga], (await Staff(tenant, yogaClass)).GetProperty("seats").EnumerateArray().Select(s => s.GetGuid()));

        await Send(session, HttpMethod.Post, "/api/client/holds", new ClientSlot(location, [service], [piotr], Local(5, 12)), HttpStatusCode.Created);
        var seated = await Send(tenant.Owner, HttpMethod.Post, $"/api/appointments/{yogaClass}/seats", new { clientId = ewa }, HttpStatusCode.OK);
        Assert.Equal([olga, ewa], seated.GetProperty("seats").EnumerateArray().Select(s => s.GetGuid()));
    }

    [Fact]
    public async Task A_held_slot_is_booked_by_its_holder_only_and_becomes_the_appointment()
    {
        var (tenant, ewa, olga, slot) = await api.TwoClientsAndASlot();
        using var ewaSession = ewa;
        using var olgaSession = olga;
        var holdId = (await Send(ewa, HttpMethod.Post, "/api/client/holds", slot, HttpStatusCode.Created)).GetProperty("holdId").GetGuid();

        var taken = await ProblemAssert.Is(await olga.PostAsJsonAsync("/api/client/appointments", slot, ApiFixture.Json), HttpStatusCode.Conflict, "slot_taken");
        Assert.DoesNotContain(holdId.ToString(), taken.GetRawText()); // whoever knows a held id may book the time
        await ProblemAssert.Is(await olga.PostAsJsonAsync("/api/client/appointments", new { slot.LocationId, slot.ServiceIds, slot.ResourceIds, slot.Start, holdId }, ApiFixture.Json),
            HttpStatusCode.Conflict, "slot_taken");
        var booked = await Send(ewa, HttpMethod.Post, "/api/client/appointments",
            new { slot.LocationId, slot.ServiceIds, slot.ResourceIds, slot.Start, holdId }, HttpStatusCode.Created);

        Assert.Equal(holdId, Id(booked));
        Assert.Equal("booked", (await Staff(tenant, holdId)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_manage_link_session_cannot_book_hold_wait_or_accept_offers()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var resource = await tenant.Resource(location);
        var service = await tenant.ServiceWith();
        var client = await tenant.Client();
        var own = await tenant.BookedByStaff(location, resource, service, client, Local(6, 10));
        using var manage = api.ClientSession(tenant, client, appointmentId: own);
        var slot = new { locationId = location, serviceIds = new[] { service }, resourceIds = new[] { resource }, start = Local(5, 10) };

        await ProblemAssert.Is(await manage.PostAsJsonAsync("/api/client/appointments", slot, ApiFixture.Json), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.Is(await manage.PostAsJsonAsync("/api/client/holds", slot, ApiFixture.Json), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.Is(await manage.PostAsJsonAsync("/api/client/waitlist", new { locationId = location, serviceId = service }, ApiFixture.Json),
            HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.Is(await manage.PostAsync($"/api/client/offers/{Guid.NewGuid()}/accept", null), HttpStatusCode.Forbidden, "forbidden");
        // Nor does it see or change the client's waiting lists and offers.
        await ProblemAssert.Is(await manage.GetAsync("/api/client/waitlist"), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.Is(await manage.DeleteAsync($"/api/client/waitlist/{Guid.NewGuid()}"), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.Is(await manage.GetAsync("/api/client/offers"), HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(HttpStatusCode.OK, (await manage.GetAsync($"/api/client/appointments/{own}")).StatusCode);
    }

    [Fact]
    public async Task Booking_routes_over_the_clients_limit_answer_429_with_retry_after()
    {
        await using var node = await api.StartNode(new Dictionary<string, string> { ["Realtime:RateLimits:ClientBooking"] = "2" });
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var resource = await tenant.Resource(location);
        var service = await tenant.ServiceWith();
        var client = await tenant.Client();
        using var http = node.CreateClient();
        http.DefaultRequestHeaders.Authorization = api.ClientSession(tenant, client).DefaultRequestHeaders.Authorization;
        using var other = node.CreateClient();
        other.DefaultRequestHeaders.Authorization = api.ClientSession(tenant, await tenant.Client("Olga")).DefaultRequestHeaders.Authorization;
        object Slot(int hour) => new { locationId = location, serviceIds = new[] { service }, resourceIds = new[] { resource }, start = Local(5, hour) };

        Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync("/api/client/appointments", Slot(10), ApiFixture.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync("/api/client/holds", Slot(12), ApiFixture.Json)).StatusCode);
        var refused = await http.PostAsJsonAsync("/api/client/appointments", Slot(14), ApiFixture.Json);

        var problem = await ProblemAssert.Is(refused, HttpStatusCode.TooManyRequests, "rate_limited");
        var retryAfter = int.Parse(Assert.Single(refused.Headers.GetValues("Retry-After")));
        Assert.InRange(retryAfter, 1, 60);
        Assert.Equal(retryAfter, problem.GetProperty("retryAfterSeconds").GetInt32()); // for a page to say in the client's words
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/client/appointments")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await other.PostAsJsonAsync("/api/client/appointments", Slot(14), ApiFixture.Json)).StatusCode);
    }

    [Fact]
    public async Task Bad_bookings_are_refused_with_their_fields_and_codes()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var resource = await tenant.Resource(location);
        var service = await tenant.ServiceWith();
        var client = await tenant.Client();
        using var session = api.ClientSession(tenant, client);

        await ProblemAssert.Is(await session.PostAsJsonAsync("/api/client/appointments", new { serviceIds = Array.Empty<Guid>() }, ApiFixture.Json),
            HttpStatusCode.BadRequest, "validation_failed", "locationId");
        await ProblemAssert.Is(await session.PostAsJsonAsync("/api/client/appointments",
            new { locationId = location, serviceIds = new[] { service, Guid.NewGuid() }, start = Local(5, 10) }, ApiFixture.Json),
            HttpStatusCode.BadRequest, "validation_failed", "resourceIds");
        var afterHours = await ProblemAssert.Is(await session.PostAsJsonAsync("/api/client/appointments",
            new { locationId = location, serviceIds = new[] { service }, start = Local(5, 23) }, ApiFixture.Json),
            HttpStatusCode.Conflict, "slot_taken", "start");
        Assert.Contains("outside working hours", afterHours.GetProperty("detail").GetString());
        // Without resources, a time the policy forbids still gets the policy's reason, not "nothing is free".
        await ProblemAssert.Is(await session.PostAsJsonAsync("/api/client/appointments",
            new { locationId = location, serviceIds = new[] { service }, start = Local(-1, 10) }, ApiFixture.Json),
            (HttpStatusCode)422, "policy_booking_notice");
        await ProblemAssert.Is(await session.PostAsJsonAsync("/api/client/appointments",
            new { locationId = location, serviceIds = new[] { service }, start = Local(200, 10) }, ApiFixture.Json),
            (HttpStatusCode)422, "policy_booking_horizon");
        await ProblemAssert.Is(await session.PostAsJsonAsync("/api/client/appointments",
            new { locationId = Guid.NewGuid(), serviceIds = new[] { service }, resourceIds = new[] { resource }, start = Local(5, 10) }, ApiFixture.Json),
            HttpStatusCode.NotFound, "not_found");
        await ProblemAssert.Is(await session.GetAsync($"/api/client/availability?locationId={Guid.NewGuid()}&serviceId={service}&from=2026-01-01&to=2026-01-02"),
            HttpStatusCode.NotFound, "not_found");
        await ProblemAssert.Is(await session.GetAsync($"/api/client/availability?serviceId={service}"), HttpStatusCode.BadRequest, "validation_failed", "locationId");

        var linked = await tenant.BookedByStaff(location, resource, service, client, Local(6, 10));
        await ProblemAssert.Is(await api.ClientSession(tenant, client, linked).PostAsJsonAsync("/api/client/appointments",
            new { locationId = location, serviceIds = new[] { service }, resourceIds = new[] { resource }, start = Local(5, 10) }, ApiFixture.Json),
            HttpStatusCode.Forbidden, "forbidden");
    }
}
