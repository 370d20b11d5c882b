using Realtime.Testing;

namespace Realtime.Api.Tests.Endpoints;

[Collection(ApiCollection.Name)]
public sealed class AppointmentListTests(ApiFixture api)
{
    [Fact]
    public async Task The_list_filters_by_location_dates_status_resource_and_client_and_pages()
    {
        var tenant = await api.NewTenant();
        var warsaw = await tenant.Location("Europe/Warsaw", "Warsaw");
        var vilnius = await tenant.Location("Europe/Vilnius", "Vilnius");
        var anna = await tenant.Resource(warsaw, "Anna");
        var piotr = await tenant.Resource(warsaw, "Piotr");
        var ruta = await tenant.Resource(vilnius, "Rūta");
        var client = await tenant.Client();
        var day = Local(5, 0);
        var first = Id(await Send(tenant.Owner, HttpMethod.Post, "/api/appointments", Booking(warsaw, [anna], Local(5, 9), 60, client), HttpStatusCode.Created));
        var second = Id(await Send(tenant.Owner, HttpMethod.Post, "/api/appointments", Booking(warsaw, [piotr], Local(5, 11)), HttpStatusCode.Created));
        var third = Id(await Send(tenant.Owner, HttpMethod.Post, "/api/appointments", Booking(warsaw, [anna], Local(6, 9)), HttpStatusCode.Created));
        var fourth = Id(await Send(tenant.Owner, HttpMethod.Post, "/api/appointments", Booking(vilnius, [ruta], Local(5, 10, timeZone: "Europe/Vilnius")), HttpStatusCode.Created));
        await Send(tenant.Owner, HttpMethod.Post, $"/api/appointments/{first}/cancel", new { reason = "client" }, HttpStatusCode.OK);
        await tenant.ListShowsLatest(first, second, third, fourth);

        async Task<Guid[]> Ids(string query) =>
            [.. (await Send(tenant.Owner, HttpMethod.Get, $"/api/appointments?{query}", null, HttpStatusCode.OK)).GetProperty("items").EnumerateArray().Select(Id)];
        var from = Uri.EscapeDataString(day.ToString("O"));
        var to = Uri.EscapeDataString(day.AddDays(1).ToString("O"));

        Assert.Equal(3, (await Ids($"locationId={warsaw}")).Length);
        Assert.Equal(2, (await Ids($"locationId={warsaw}&from={from}&to={to}")).Length);
        // The first instant there is (an overlap query looks a longest visit earlier, which once fell off the calendar: 500).
        Assert.Equal(2, (await Ids($"locationId={warsaw}&from=0001-01-01T00:00:00Z&to={to}")).Length);
        Assert.Equal([first], await Ids($"locationId={warsaw}&status=cancelled"));
        Assert.Equal(2, (await Ids($"resourceId={anna}")).Length);
        Assert.Equal([first], await Ids($"clientId={client}"));
        var page = await Send(tenant.Owner, HttpMethod.Get, "/api/appointments?pageSize=2&page=2", null, HttpStatusCode.OK);
        Assert.Equal(4, page.GetProperty("total").GetInt32());
        Assert.Equal(2, page.GetProperty("items").GetArrayLength());
        await ProblemAssert.Is(await tenant.Owner.GetAsync("/api/appointments?status=sleeping"), HttpStatusCode.BadRequest, "validation_failed", "status");
        await ProblemAssert.Is(await tenant.Owner.GetAsync("/api/appointments?from=yesterday"), HttpStatusCode.BadRequest, "validation_failed", "from");
        await ProblemAssert.Is(await tenant.Owner.GetAsync("/api/appointments?pageSize=100000"), HttpStatusCode.BadRequest, "validation_failed", "pageSize");
        var wrong = await ProblemAssert.Is(await tenant.Owner.GetAsync("/api/appointments?locationId=nope&resourceId=1&clientId=&page=abc"), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["locationId", "page", "resourceId"], wrong.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
    }

    [Fact]
    public async Task The_calendar_snapshot_holds_one_local_day_of_a_location()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location("America/Santiago", "Santiago");
        var staff = await tenant.Resource(location, "Camila");
        var date = Local(7, 0, timeZone: "America/Santiago");
        await Send(tenant.Owner, HttpMethod.Post, "/api/appointments", Booking(location, [staff], Local(7, 8, timeZone: "America/Santiago")), HttpStatusCode.Created);
        await Send(tenant.Owner, HttpMethod.Post, "/api/appointments", Booking(location, [staff], Local(7, 20, timeZone: "America/Santiago")), HttpStatusCode.Created);
        await Send(tenant.Owner, HttpMethod.Post, "/api/appointments", Booking(location, [staff], Local(8, 8, timeZone: "America/Santiago")), HttpStatusCode.Created);

        // The list follows the answers a moment later: wait for all three, then the day holds its two.
        await Eventually.True(async () => (await Send(tenant.Owner, HttpMethod.Get, $"/api/appointments?locationId={location}", null, HttpStatusCode.OK))
            .GetProperty("total").GetInt32() == 3, "all three bookings listed");
        var snapshot = await Send(tenant.Owner, HttpMethod.Get, $"/api/locations/{location}/calendar?date={date:yyyy-MM-dd}", null, HttpStatusCode.OK);

        Assert.Equal("America/Santiago", snapshot.GetProperty("timeZone").GetString());
        Assert.Equal(2, snapshot.GetProperty("appointments").GetArrayLength());
        await ProblemAssert.Is(await tenant.Owner.GetAsync($"/api/locations/{location}/calendar"), HttpStatusCode.BadRequest, "validation_failed", "date");
        await ProblemAssert.Is(await tenant.Owner.GetAsync($"/api/locations/{location}/calendar?date="), HttpStatusCode.BadRequest, "validation_failed", "date");
        await ProblemAssert.Is(await tenant.Owner.GetAsync($"/api/locations/{location}/calendar?date=23.11.2026"), HttpStatusCode.BadRequest, "validation_failed", "date");
    }

    [Fact]
    public async Task The_calendar_snapshot_names_every_seat_holder_of_a_class()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var room = await tenant.Resource(location, "Room");
        var yoga = Id(await Send(tenant.Owner, HttpMethod.Post, "/api/services", new { name = "Yoga", durationMinutes = 60, price = 40, capacity = 3 }, HttpStatusCode.Created));
        var (ewa, olga) = (await tenant.Client("Ewa"), await tenant.Client("Olga"));
        var start = Local(7, 10);
        var yogaClass = Id(await Send(tenant.Owner, HttpMethod.Post, "/api/appointments",
            new { locationId = location, resourceIds = new[] { room }, serviceIds = new[] { yoga }, clientId = ewa, start }, HttpStatusCode.Created));
        await Send(tenant.Owner, HttpMethod.Post, $"/api/appointments/{yogaClass}/seats", new { clientId = olga }, HttpStatusCode.OK);

        var snapshot = await Eventually.Value(
            () => Send(tenant.Owner, HttpMethod.Get, $"/api/locations/{location}/calendar?date={start:yyyy-MM-dd}", null, HttpStatusCode.OK),
            s => s.GetProperty("appointments").EnumerateArray().Any(a => a.GetProperty("seats").GetArrayLength() == 2), "the class with both seats listed");

        Assert.Equal(new[] { ewa, olga }.Order(), snapshot.GetProperty("clients").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).Order());
    }
}
