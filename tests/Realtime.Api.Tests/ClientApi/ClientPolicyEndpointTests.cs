using static Realtime.Api.Tests.ClientApi.ClientApiSetup;

namespace Realtime.Api.Tests.ClientApi;

/// <summary>Each client policy rule through the client API: refused with its code and a worded reason; staff may do the same.</summary>
[Collection(ApiCollection.Name)]
public sealed class ClientPolicyEndpointTests(ApiFixture api)
{
    private static readonly object Policy = new
    {
        clientMayCancel = true, cancelNoticeHours = 72, rescheduleNoticeHours = 72, maxReschedules = 1, bookingNoticeHours = 48, bookingHorizonDays = 30,
    };

    [Fact]
    public async Task Booking_notice_binds_the_client_not_staff()
    {
        var (tenant, location, resource, service, client) = await Setup();
        var start = InHours(24);

        var refused = await ProblemAssert.Is(
            await api.ClientSession(tenant, client).PostAsJsonAsync("/api/client/appointments", Booking(location, resource, service, start), ApiFixture.Json),
            (HttpStatusCode)422, "policy_booking_notice");
        Assert.StartsWith("Bookings must be made at least 2 days ahead; this time is in ", refused.GetProperty("detail").GetString());
        Assert.Equal(48, refused.GetProperty("noticeHours").GetInt32());
        await tenant.BookedByStaff(location, resource, service, client, start);
    }

    [Fact]
    public async Task Booking_horizon_binds_the_client_not_staff()
    {
        var (tenant, location, resource, service, client) = await Setup();
        var start = Local(40, 10);

        var refused = await ProblemAssert.Is(
            await api.ClientSession(tenant, client).PostAsJsonAsync("/api/client/appointments", Booking(location, resource, service, start), ApiFixture.Json),
            (HttpStatusCode)422, "policy_booking_horizon");
        Assert.StartsWith("Bookings can be made at most 30 days ahead", refused.GetProperty("detail").GetString());
        Assert.Equal(30, refused.GetProperty("horizonDays").GetInt32());
        await tenant.BookedByStaff(location, resource, service, client, start);
    }

    [Fact]
    public async Task Cancel_notice_binds_the_client_not_staff()
    {
        var (tenant, location, resource, service, client) = await Setup();
        var appointment = await tenant.BookedByStaff(location, resource, service, client, InHours(24));

        var refused = await ProblemAssert.Is(
            await api.ClientSession(tenant, client).PostAsJsonAsync($"/api/client/appointments/{appointment}/cancel", new { }, ApiFixture.Json),
            (HttpStatusCode)422, "policy_cancel_notice");
        Assert.StartsWith("Cancellations must be made at least 3 days before the visit; it starts in", refused.GetProperty("detail").GetString());
        Assert.Equal(72, refused.GetProperty("noticeHours").GetInt32());
        Assert.Equal("booked", (await Staff(tenant, appointment)).GetProperty("status").GetString());
        await Send(tenant.Owner, HttpMethod.Post, $"/api/appointments/{appointment}/cancel", new { reason = "client" }, HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_service_clients_may_not_cancel_is_cancelled_by_staff_only()
    {
        var (tenant, location, resource, _, client) = await Setup();
        var service = await tenant.ServiceWith(new { clientMayCancel = false });
        var appointment = await tenant.BookedByStaff(location, resource, service, client, Local(10, 10));

        var refused = await ProblemAssert.Is(
            await api.ClientSession(tenant, client).PostAsJsonAsync($"/api/client/appointments/{appointment}/cancel", new { }, ApiFixture.Json),
            (HttpStatusCode)422, "policy_cancel_not_allowed");
        Assert.Contains("cannot be cancelled online", refused.GetProperty("detail").GetString());
        await Send(tenant.Owner, HttpMethod.Post, $"/api/appointments/{appointment}/cancel", new { reason = "client" }, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Reschedule_notice_is_measured_against_the_current_start_for_clients_only()
    {
        var (tenant, location, resource, service, client) = await Setup();
        var appointment = await tenant.BookedByStaff(location, resource, service, client, InHours(24));

        var refused = await ProblemAssert.Is(
            await api.ClientSession(tenant, client).PostAsJsonAsync($"/api/client/appointments/{appointment}/reschedule", new { start = Local(10, 10) }, ApiFixture.Json),
            (HttpStatusCode)422, "policy_reschedule_notice");
        Assert.StartsWith("Changes of time must be made at least 3 days before the visit", refused.GetProperty("detail").GetString());
        Assert.Equal(72, refused.GetProperty("noticeHours").GetInt32());
        await Send(tenant.Owner, HttpMethod.Post, $"/api/appointments/{appointment}/reschedule", new { start = Local(10, 10) }, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Clients_move_an_appointment_at_most_the_allowed_number_of_times_staff_any_number()
    {
        var (tenant, location, resource, service, client) = await Setup();
        var appointment = await tenant.BookedByStaff(location, resource, service, client, Local(10, 10));
        using var session = api.ClientSession(tenant, client);

        var moved = await Send(session, HttpMethod.Post, $"/api/client/appointments/{appointment}/reschedule", new { start = Local(11, 10) }, HttpStatusCode.OK);
        Assert.Equal(1, moved.GetProperty("clientReschedules").GetInt32());
        var refused = await ProblemAssert.Is(
            await session.PostAsJsonAsync($"/api/client/appointments/{appointment}/reschedule", new { start = Local(12, 10) }, ApiFixture.Json),
            (HttpStatusCode)422, "policy_max_reschedules");
        Assert.Contains("moved 1 time already", refused.GetProperty("detail").GetString());
        Assert.Equal(1, refused.GetProperty("maxReschedules").GetInt32());
        await ProblemAssert.Is(
            await session.PostAsJsonAsync($"/api/client/appointments/{appointment}/reschedule", new { start = Local(40, 10) }, ApiFixture.Json),
            (HttpStatusCode)422, "policy_max_reschedules");

        await Send(tenant.Owner, HttpMethod.Post, $"/api/appointments/{appointment}/reschedule", new { start = Local(12, 10) }, HttpStatusCode.OK);
        await Send(tenant.Owner, HttpMethod.Post, $"/api/appointments/{appointment}/reschedule", new { start = Local(13, 10) }, HttpStatusCode.OK);
        Assert.Equal(Local(13, 10), (await Staff(tenant, appointment)).GetProperty("start").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_reschedule_target_beyond_the_horizon_is_refused_for_clients()
    {
        var (tenant, location, resource, service, client) = await Setup();
        var appointment = await tenant.BookedByStaff(location, resource, service, client, Local(10, 10));

        await ProblemAssert.Is(
            await api.ClientSession(tenant, client).PostAsJsonAsync($"/api/client/appointments/{appointment}/reschedule", new { start = Local(40, 10) }, ApiFixture.Json),
            (HttpStatusCode)422, "policy_booking_horizon");
        await Send(tenant.Owner, HttpMethod.Post, $"/api/appointments/{appointment}/reschedule", new { start = Local(40, 10) }, HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_blacklisted_client_cannot_book_or_move_but_staff_can_book_for_them()
    {
        var (tenant, location, resource, service, client) = await Setup();
        var appointment = await tenant.BookedByStaff(location, resource, service, client, Local(10, 10));
        await Send(tenant.Owner, HttpMethod.Post, $"/api/clients/{client}/blacklist", new { reason = "No-shows" }, HttpStatusCode.OK);
        using var session = api.ClientSession(tenant, client);

        await ProblemAssert.Is(
            await session.PostAsJsonAsync("/api/client/appointments", Booking(location, resource, service, Local(5, 10)), ApiFixture.Json),
            HttpStatusCode.Forbidden, "client_blacklisted");
        await ProblemAssert.Is(
            await session.PostAsJsonAsync($"/api/client/appointments/{appointment}/reschedule", new { start = Local(11, 10) }, ApiFixture.Json),
            HttpStatusCode.Forbidden, "client_blacklisted");
        await tenant.BookedByStaff(location, resource, service, client, Local(5, 10));
    }

    [Fact]
    public async Task A_client_inside_every_limit_books_confirms_moves_and_cancels()
    {
        var (tenant, location, resource, service, client) = await Setup();
        using var session = api.ClientSession(tenant, client);

        var booked = await Send(session, HttpMethod.Post, "/api/client/appointments", Booking(location, resource, service, Local(5, 10)), HttpStatusCode.Created);
        var id = Id(booked);
        Assert.True((await Send(session, HttpMethod.Post, $"/api/client/appointments/{id}/confirm", null, HttpStatusCode.OK)).GetProperty("confirmed").GetBoolean());
        await Send(session, HttpMethod.Post, $"/api/client/appointments/{id}/reschedule", new { start = Local(6, 11) }, HttpStatusCode.OK);
        var cancelled = await Send(session, HttpMethod.Post, $"/api/client/appointments/{id}/cancel", new { message = "Sorry" }, HttpStatusCode.OK);

        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        Assert.Equal("client", cancelled.GetProperty("cancellation").GetProperty("reason").GetString());
        var history = (await Staff(tenant, id)).GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(["booked", "confirmed", "rescheduled", "cancelled"], history.Select(h => h.GetProperty("action").GetString()));
        Assert.All(history, h => Assert.Equal("client", h.GetProperty("actor").GetProperty("kind").GetString()));
    }

    private async Task<(Tenant Tenant, Guid Location, Guid Resource, Guid Service, Guid Client)> Setup()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        return (tenant, location, await tenant.Resource(location), await tenant.ServiceWith(Policy), await tenant.Client());
    }

    private static object Booking(Guid location, Guid resource, Guid service, DateTimeOffset start) =>
        new { locationId = location, serviceIds = new[] { service }, resourceIds = new[] { resource }, start };
}
