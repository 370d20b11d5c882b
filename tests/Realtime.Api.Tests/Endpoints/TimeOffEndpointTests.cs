using Realtime.Testing;

namespace Realtime.Api.Tests.Endpoints;

[Collection(ApiCollection.Name)]
public sealed class TimeOffEndpointTests(ApiFixture api)
{
    [Fact]
    public async Task Time_off_over_booked_visits_is_taken_and_its_answer_and_the_calendar_name_the_visits_to_rebook()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var piotr = await tenant.Resource(location, "Piotr");
        var massage = await tenant.Service(60, "Massage");
        var ewa = await tenant.Client("Ewa");
        async Task<Guid> Book(DateTimeOffset start) => Id(await Send(tenant.Owner, HttpMethod.Post, "/api/appointments",
            new { locationId = location, resourceIds = new[] { piotr }, serviceIds = new[] { massage }, clientId = ewa, start }, HttpStatusCode.Created));
        var (sickDay, partDay) = (Local(7, 0), Local(8, 0));
        var atEleven = await Book(Local(7, 11));
        var atOne = await Book(Local(8, 13));
        var atFive = await Book(Local(8, 17));
        await tenant.ListShowsLatest(atEleven, atOne, atFive);

        var sick = await Send(tenant.Owner, HttpMethod.Post, $"/api/resources/{piotr}/exceptions",
            new { locationId = location, date = $"{sickDay:yyyy-MM-dd}", kind = "timeOff", note = "sick all day" }, HttpStatusCode.OK);
        var offAfternoon = await Send(tenant.Owner, HttpMethod.Post, $"/api/resources/{piotr}/exceptions",
            new { locationId = location, date = $"{partDay:yyyy-MM-dd}", kind = "timeOff", start = "12:00", end = "16:00" }, HttpStatusCode.OK);

        var toRebook = Assert.Single(sick.GetProperty("visitsToRebook").EnumerateArray());
        Assert.Equal(atEleven, Id(toRebook));
        Assert.Equal(Local(7, 11), toRebook.GetProperty("start").GetDateTimeOffset());
        Assert.Equal("Ewa Nowak", toRebook.GetProperty("clientName").GetString());
        Assert.Equal(["Massage"], toRebook.GetProperty("services").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(("timeOff", "sick all day"), (toRebook.GetProperty("reason").GetString(), toRebook.GetProperty("note").GetString()));
        Assert.Equal([atOne], offAfternoon.GetProperty("visitsToRebook").EnumerateArray().Select(Id));
        // Nothing is moved or cancelled by itself: a person decides.
        Assert.Equal("booked", (await Send(tenant.Owner, HttpMethod.Get, $"/api/appointments/{atEleven}", null, HttpStatusCode.OK)).GetProperty("status").GetString());

        var sickSnapshot = await Send(tenant.Owner, HttpMethod.Get, $"/api/locations/{location}/calendar?date={sickDay:yyyy-MM-dd}", null, HttpStatusCode.OK);
        var conflict = Assert.Single(sickSnapshot.GetProperty("conflicts").EnumerateArray());
        Assert.Equal((atEleven, piotr, "Piotr", "timeOff", "sick all day"), (
            conflict.GetProperty("appointmentId").GetGuid(), conflict.GetProperty("resourceId").GetGuid(), conflict.GetProperty("resourceName").GetString(),
            conflict.GetProperty("kind").GetString(), conflict.GetProperty("note").GetString()));
        var partDaySnapshot = await Send(tenant.Owner, HttpMethod.Get, $"/api/locations/{location}/calendar?date={partDay:yyyy-MM-dd}", null, HttpStatusCode.OK);
        Assert.Equal([atOne], partDaySnapshot.GetProperty("conflicts").EnumerateArray().Select(c => c.GetProperty("appointmentId").GetGuid()));
    }

    [Fact]
    public async Task Shorter_working_hours_list_the_visits_left_outside_them()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var piotr = await tenant.Resource(location, "Piotr");
        var morning = Id(await Send(tenant.Owner, HttpMethod.Post, "/api/appointments", Booking(location, [piotr], Local(7, 9)), HttpStatusCode.Created));
        var evening = Id(await Send(tenant.Owner, HttpMethod.Post, "/api/appointments", Booking(location, [piotr], Local(7, 18)), HttpStatusCode.Created));
        await tenant.ListShowsLatest(morning, evening);

        var shorter = await Send(tenant.Owner, HttpMethod.Put, $"/api/resources/{piotr}/working-hours",
            Tenant.Week.Select(day => new { locationId = location, dayOfWeek = day, start = "08:00", end = "16:00" }), HttpStatusCode.OK);

        var toRebook = Assert.Single(shorter.GetProperty("visitsToRebook").EnumerateArray());
        Assert.Equal((evening, "outsideWorkingHours"), (Id(toRebook), toRebook.GetProperty("reason").GetString()));
    }
}
