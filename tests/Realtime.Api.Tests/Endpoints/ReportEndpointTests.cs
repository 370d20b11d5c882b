namespace Realtime.Api.Tests.Endpoints;

[Collection(ApiCollection.Name)]
public sealed class ReportEndpointTests(ApiFixture api)
{
    [Fact]
    public async Task Reports_count_sources_outcomes_and_utilisation_of_a_location()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var staff = await tenant.Resource(location);
        var day = Local(-2, 0);
        async Task<Guid> Book(int hour, string source) => Id(await Send(tenant.Owner, HttpMethod.Post, "/api/appointments",
            new { locationId = location, resourceIds = new[] { staff }, start = Local(-2, hour), durationMinutes = 60, source }, HttpStatusCode.Created));
        var phone = await Book(9, "phone");
        var walkIn = await Book(11, "walk-in");
        var online = await Book(13, "online");
        var another = await Book(15, "phone");
        await Send(tenant.Owner, HttpMethod.Post, $"/api/appointments/{phone}/complete", new { }, HttpStatusCode.OK);
        await Send(tenant.Owner, HttpMethod.Post, $"/api/appointments/{walkIn}/no-show", new { }, HttpStatusCode.OK);
        await Send(tenant.Owner, HttpMethod.Post, $"/api/appointments/{online}/cancel", new { reason = "client" }, HttpStatusCode.OK);
        var range = $"locationId={location}&from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}";
        await tenant.ListShowsLatest(phone, walkIn, online, another);

        var sources = await Send(tenant.Owner, HttpMethod.Get, $"/api/reports/sources?{range}", null, HttpStatusCode.OK);
        var outcomes = await Send(tenant.Owner, HttpMethod.Get, $"/api/reports/outcomes?{range}", null, HttpStatusCode.OK);
        var utilisation = await Send(tenant.Owner, HttpMethod.Get, $"/api/reports/utilisation?{range}", null, HttpStatusCode.OK);

        Assert.Contains("phone", sources.GetRawText());
        Assert.Contains("walk-in", sources.GetRawText());
        Assert.Equal(4, outcomes.GetProperty("appointments").GetInt32());
        Assert.Equal(1, outcomes.GetProperty("noShow").GetProperty("appointments").GetInt32());
        Assert.Equal(1, outcomes.GetProperty("cancelledByClient").GetProperty("appointments").GetInt32());
        Assert.Equal(0.25, outcomes.GetProperty("completed").GetProperty("rate").GetDouble());
        var resource = utilisation.GetProperty("resources")[0];
        Assert.Equal(staff, resource.GetProperty("resourceId").GetGuid());
        Assert.Equal(14 * 60, resource.GetProperty("workingMinutes").GetInt32());
        Assert.Equal(2 * 60, resource.GetProperty("bookedMinutes").GetInt32());
        await ProblemAssert.Is(await tenant.Owner.GetAsync($"/api/reports/sources?locationId={location}&from=2026-13-01&to=2026-12-01"),
            HttpStatusCode.BadRequest, "validation_failed", "from");
    }

    [Fact]
    public async Task Revenue_sums_completed_visits_by_day_resource_and_service_and_counts_those_without_a_price()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var staff = await tenant.Resource(location);
        var haircut = await tenant.Service(60);
        var day = Local(-2, 0);
        async Task<Guid> Book(int hour, Guid[] services) => Id(await Send(tenant.Owner, HttpMethod.Post, "/api/appointments",
            new { locationId = location, resourceIds = new[] { staff }, serviceIds = services, start = Local(-2, hour), durationMinutes = 60 },
            HttpStatusCode.Created));
        var (listPrice, discounted, unpriced, ahead) = (await Book(9, [haircut]), await Book(11, [haircut]), await Book(13, []), await Book(15, [haircut]));
        await Send(tenant.Owner, HttpMethod.Post, $"/api/appointments/{listPrice}/complete", new { }, HttpStatusCode.OK);
        await Send(tenant.Owner, HttpMethod.Post, $"/api/appointments/{discounted}/complete", new { totalPrice = 65.5m }, HttpStatusCode.OK);
        await Send(tenant.Owner, HttpMethod.Post, $"/api/appointments/{unpriced}/complete", new { }, HttpStatusCode.OK);
        await tenant.ListShowsLatest(listPrice, discounted, unpriced, ahead);

        var revenue = await Send(tenant.Owner, HttpMethod.Get,
            $"/api/reports/revenue?locationId={location}&from={day.AddDays(-1):yyyy-MM-dd}&to={day:yyyy-MM-dd}", null, HttpStatusCode.OK);

        Assert.Equal(145.5m, revenue.GetProperty("revenue").GetDecimal());
        Assert.Equal((3, 2, 1), (revenue.GetProperty("completedVisits").GetInt32(), revenue.GetProperty("pricedVisits").GetInt32(),
            revenue.GetProperty("visitsWithoutPrice").GetInt32()));
        Assert.Equal([0m, 145.5m], revenue.GetProperty("days").EnumerateArray().Select(d => d.GetProperty("revenue").GetDecimal()));
        Assert.Equal($"{day:yyyy-MM-dd}", revenue.GetProperty("days")[1].GetProperty("date").GetString());
        var resource = Assert.Single(revenue.GetProperty("resources").EnumerateArray());
        Assert.Equal((staff, "Anna", 145.5m, 2), (resource.GetProperty("resourceId").GetGuid(), resource.GetProperty("name").GetString(),
            resource.GetProperty("revenue").GetDecimal(), resource.GetProperty("visits").GetInt32()));
        var service = Assert.Single(revenue.GetProperty("services").EnumerateArray());
        Assert.Equal((haircut, "Haircut", 145.5m), (service.GetProperty("serviceId").GetGuid(), service.GetProperty("name").GetString(),
            service.GetProperty("revenue").GetDecimal()));
        Assert.False(revenue.TryGetProperty("currency", out _));

        await ProblemAssert.Is(await tenant.Owner.GetAsync($"/api/reports/revenue?locationId={location}&from={day:yyyy-MM-dd}"),
            HttpStatusCode.BadRequest, "validation_failed", "to");
        await ProblemAssert.Is(await tenant.Owner.GetAsync($"/api/reports/revenue?locationId=nope&from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}"),
            HttpStatusCode.BadRequest, "validation_failed", "locationId");
        await ProblemAssert.Is(await tenant.Owner.GetAsync($"/api/reports/revenue?locationId={Guid.NewGuid()}&from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}"),
            HttpStatusCode.NotFound, "not_found");
    }
}
