namespace Realtime.Api.Tests.Endpoints;

[Collection(ApiCollection.Name)]
public sealed class AvailabilityEndpointTests(ApiFixture api)
{
    [Fact]
    public async Task Offered_slots_can_be_booked_and_a_booked_slot_is_no_longer_offered()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var staff = await tenant.Resource(location);
        var service = await tenant.Service(45);
        var date = Local(4, 0).ToString("yyyy-MM-dd");
        var url = $"/api/locations/{location}/availability?serviceId={service}&from={date}&to={date}";

        var before = (await Send(tenant.Owner, HttpMethod.Get, url, null, HttpStatusCode.OK)).GetProperty("slots");
        var chosen = before[8];
        var start = chosen.GetProperty("start").GetDateTimeOffset();
        await Send(tenant.Owner, HttpMethod.Post, "/api/appointments",
            new { locationId = location, resourceIds = chosen.GetProperty("resourceIds"), serviceIds = new[] { service }, start }, HttpStatusCode.Created);
        var after = (await Send(tenant.Owner, HttpMethod.Get, url, null, HttpStatusCode.OK)).GetProperty("slots");

        Assert.Equal(Local(4, 7), before[0].GetProperty("start").GetDateTimeOffset());
        Assert.DoesNotContain(after.EnumerateArray(), s => Math.Abs((s.GetProperty("start").GetDateTimeOffset() - start).TotalMinutes) < 45);
        Assert.True(after.GetArrayLength() < before.GetArrayLength());
        Assert.All(after.EnumerateArray(), s => Assert.Equal(staff, s.GetProperty("resourceIds")[0].GetGuid()));
    }

    [Fact]
    public async Task Availability_questions_are_validated()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var service = await tenant.Service();
        var other = await api.NewTenant();

        await ProblemAssert.Is(await tenant.Owner.GetAsync($"/api/locations/{location}/availability?serviceId={service}"),
            HttpStatusCode.BadRequest, "validation_failed", "from");
        await ProblemAssert.Is(await tenant.Owner.GetAsync($"/api/locations/{location}/availability?serviceId={service}&from=2026-01-01&to=2026-12-31"),
            HttpStatusCode.BadRequest, "validation_failed", "to");
        await ProblemAssert.Is(await other.Owner.GetAsync($"/api/locations/{location}/availability?serviceId={service}&from=2026-12-01&to=2026-12-01"),
            HttpStatusCode.NotFound, "not_found");
    }
}
