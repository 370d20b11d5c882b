using Ical.Net;
using Ical.Net.CalendarComponents;
using Realtime.Testing;

namespace Realtime.Api.Tests.Endpoints;

[Collection(ApiCollection.Name)]
public sealed class CalendarFeedTests(ApiFixture api)
{
    [Fact]
    public async Task A_resource_feed_parses_back_and_follows_every_change()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var staff = await tenant.Resource(location, "Marta");
        var client = await tenant.Client("Zofia");
        var start = Local(2, 10);
        var id = Id(await Send(tenant.Owner, HttpMethod.Post, "/api/appointments", Booking(location, [staff], start, 45, client), HttpStatusCode.Created));
        await Send(tenant.Owner, HttpMethod.Post, "/api/appointments", new { locationId = location, resourceIds = new[] { staff }, start = Local(2, 13), durationMinutes = 30, kind = "break" }, HttpStatusCode.Created);
        var url = (await Send(tenant.Owner, HttpMethod.Post, $"/api/resources/{staff}/calendar-feed", null, HttpStatusCode.Created)).GetProperty("url").GetString()!;
        using var calendarApp = api.Client();

        // The feed reads the appointment list, which follows each change right after its answer.
        async Task<CalendarEvent> Event(int after = -1)
        {
            var calendar = await Eventually.Value(async () =>
            {
                var response = await calendarApp.GetAsync(new Uri(url).PathAndQuery);
                Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
                return Calendar.Load(await response.Content.ReadAsStringAsync())!;
            }, c => c.Events.Count == 2 && c.Events.Single(e => e.Uid == $"{id}@realtime").Sequence > after, $"the feed shows a change after sequence {after}");
            return calendar.Events.Single(e => e.Uid == $"{id}@realtime");
        }

        var booked = await Event();
        Assert.Equal("Zofia Nowak", booked.Summary);
        var pause = Calendar.Load(await calendarApp.GetStringAsync(new Uri(url).PathAndQuery))!.Events.Single(e => e.Uid != $"{id}@realtime");
        Assert.Equal(("Break", "CONFIRMED"), (pause.Summary, pause.Status)); // a break is not waiting for anyone's confirmation
        Assert.Equal(start.UtcDateTime, booked.Start!.AsUtc);
        Assert.Equal(start.AddMinutes(45).UtcDateTime, booked.End!.AsUtc);

        await Send(tenant.Owner, HttpMethod.Post, $"/api/appointments/{id}/reschedule", new { start = start.AddHours(1) }, HttpStatusCode.OK);
        var moved = await Event(booked.Sequence);
        Assert.Equal(start.AddHours(1).UtcDateTime, moved.Start!.AsUtc);

        await Send(tenant.Owner, HttpMethod.Post, $"/api/appointments/{id}/cancel", new { reason = "client" }, HttpStatusCode.OK);
        var cancelled = await Event(moved.Sequence);
        Assert.Equal("CANCELLED", cancelled.Status);
    }

    [Fact]
    public async Task A_feed_url_stops_working_when_revoked_or_replaced()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var staff = await tenant.Resource(location);
        var first = new Uri((await Send(tenant.Owner, HttpMethod.Post, $"/api/resources/{staff}/calendar-feed", null, HttpStatusCode.Created)).GetProperty("url").GetString()!);
        using var calendarApp = api.Client();
        Assert.Equal(HttpStatusCode.OK, (await calendarApp.GetAsync(first.PathAndQuery)).StatusCode);

        var second = new Uri((await Send(tenant.Owner, HttpMethod.Post, $"/api/resources/{staff}/calendar-feed", null, HttpStatusCode.Created)).GetProperty("url").GetString()!);
        await ProblemAssert.Is(await calendarApp.GetAsync(first.PathAndQuery), HttpStatusCode.NotFound, "not_found");
        Assert.Equal(HttpStatusCode.OK, (await calendarApp.GetAsync(second.PathAndQuery)).StatusCode);

        await Send(tenant.Owner, HttpMethod.Delete, $"/api/resources/{staff}/calendar-feed", null, HttpStatusCode.NoContent);
        await ProblemAssert.Is(await calendarApp.GetAsync(second.PathAndQuery), HttpStatusCode.NotFound, "not_found");
        await ProblemAssert.Is(await calendarApp.GetAsync($"/api/resources/{staff}/calendar.ics"), HttpStatusCode.NotFound, "not_found");
        var other = await api.NewTenant();
        await ProblemAssert.Is(await other.Owner.PostAsync($"/api/resources/{staff}/calendar-feed", null), HttpStatusCode.NotFound, "not_found");
    }
}
