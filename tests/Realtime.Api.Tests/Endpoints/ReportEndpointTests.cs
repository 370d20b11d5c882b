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
}
