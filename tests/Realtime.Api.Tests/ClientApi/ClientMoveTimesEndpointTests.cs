using static Realtime.Api.Tests.ClientApi.ClientApiSetup;

namespace Realtime.Api.Tests.ClientApi;

/// <summary>
/// <c>GET /api/client/appointments/{id}/availability</c>: the times a client may move their appointment to, with its own
/// resources and duration, its own time not counting against it.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ClientMoveTimesEndpointTests(ApiFixture api)
{
    [Fact]
    public async Task The_times_offered_keep_every_resource_free_and_the_visit_inside_working_hours_and_one_of_them_is_taken()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var (staff, room) = (await tenant.Resource(location), await tenant.Resource(location, "Room 1", "room"));
        var service = await tenant.ServiceWith();
        var (ewa, anna) = (await tenant.Client(), await tenant.Client("Anna"));
        var appointment = Id(await Send(tenant.Owner, HttpMethod.Post, "/api/appointments", new
        {
            locationId = location, resourceIds = new[] { staff, room }, serviceIds = new[] { service }, clientId = ewa, start = Local(5, 10),
        }, HttpStatusCode.Created));
        await Send(tenant.Owner, HttpMethod.Post, "/api/appointments", Booking(location, [room], Local(5, 12), clientId: anna), HttpStatusCode.Created);
        using var session = api.ClientSession(tenant, ewa);
        var day = Local(5, 10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var slots = (await Send(session, HttpMethod.Get, $"/api/client/appointments/{appointment}/availability?from={day}&to={day}", null, HttpStatusCode.OK))
            .GetProperty("slots").EnumerateArray().ToList();

        var starts = slots.Select(s => s.GetProperty("start").GetDateTimeOffset()).ToList();
        Assert.Equal(Local(5, 7), starts[0]);
        Assert.Equal(Local(5, 20), starts[^1]); // the last visit ends at 21:00
        Assert.Contains(Local(5, 10, 15), starts); // over its own time
        Assert.DoesNotContain(Local(5, 10), starts); // where it is
        Assert.Contains(Local(5, 11), starts);
        Assert.All(new[] { Local(5, 11, 15), Local(5, 12), Local(5, 12, 45) }, busy => Assert.DoesNotContain(busy, starts)); // the room is Anna's
        Assert.Contains(Local(5, 13), starts);
        Assert.All(slots, s => Assert.Equal([staff, room], s.GetProperty("resourceIds").EnumerateArray().Select(r => r.GetGuid())));
        Assert.Equal(Local(5, 10, 15).AddHours(1), slots[starts.IndexOf(Local(5, 10, 15))].GetProperty("end").GetDateTimeOffset());

        var moved = await Send(session, HttpMethod.Post, $"/api/client/appointments/{appointment}/reschedule", new { start = Local(5, 10, 15) }, HttpStatusCode.OK);
        Assert.Equal(Local(5, 10, 15), moved.GetProperty("start").GetDateTimeOffset());
    }

    [Fact]
    public async Task Another_clients_appointment_is_not_found_and_a_bad_window_is_refused()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var resource = await tenant.Resource(location);
        var (ewa, anna) = (await tenant.Client(), await tenant.Client("Anna"));
        var appointment = await tenant.BookedByStaff(location, resource, await tenant.ServiceWith(), ewa, Local(5, 10));
        var day = Local(5, 10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        await ProblemAssert.Is(
            await api.ClientSession(tenant, anna).GetAsync($"/api/client/appointments/{appointment}/availability?from={day}&to={day}"),
            HttpStatusCode.NotFound, "not_found");
        await ProblemAssert.Is(
            await api.ClientSession(tenant, ewa).GetAsync($"/api/client/appointments/{appointment}/availability?from={day}"),
            HttpStatusCode.BadRequest, "validation_failed", "to");
        await ProblemAssert.Is(
            await api.ClientSession(tenant, ewa).GetAsync($"/api/client/appointments/{appointment}/availability?from={day}&to=2020-01-01"),
            HttpStatusCode.BadRequest, "validation_failed", "to");
    }

    [Fact]
    public async Task A_move_that_would_be_refused_wherever_it_went_is_refused_before_any_time_is_offered()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var resource = await tenant.Resource(location);
        var ewa = await tenant.Client();
        var strict = await tenant.ServiceWith(policy: new { rescheduleNoticeHours = 48, maxReschedules = 1 });
        var soon = await tenant.BookedByStaff(location, resource, strict, ewa, Local(1, 10));
        var later = await tenant.BookedByStaff(location, resource, strict, ewa, Local(6, 10));
        using var session = api.ClientSession(tenant, ewa);
        string Times(Guid appointment, int day)
        {
            var date = Local(day, 10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            return $"/api/client/appointments/{appointment}/availability?from={date}&to={date}";
        }

        var notice = await ProblemAssert.Is(await session.GetAsync(Times(soon, 1)), HttpStatusCode.UnprocessableEntity, "policy_reschedule_notice");
        Assert.Equal(48, notice.GetProperty("noticeHours").GetInt32());
        await Send(session, HttpMethod.Get, Times(later, 6), null, HttpStatusCode.OK);
        await Send(session, HttpMethod.Post, $"/api/client/appointments/{later}/reschedule", new { start = Local(6, 12) }, HttpStatusCode.OK);
        var used = await ProblemAssert.Is(await session.GetAsync(Times(later, 6)), HttpStatusCode.UnprocessableEntity, "policy_max_reschedules");
        Assert.Equal(1, used.GetProperty("maxReschedules").GetInt32());
        await Send(tenant.Owner, HttpMethod.Post, $"/api/clients/{ewa}/blacklist", new { reason = "Three no-shows" }, HttpStatusCode.OK);
        await ProblemAssert.Is(await session.GetAsync(Times(later, 6)), HttpStatusCode.Forbidden, "client_blacklisted");
    }
}
