namespace Realtime.Api.Tests.Endpoints;

[Collection(ApiCollection.Name)]
public sealed class IdempotencyTests(ApiFixture api)
{
    private static HttpRequestMessage Post(object body, string key) => new(HttpMethod.Post, "/api/appointments")
    {
        Content = JsonContent.Create(body, options: ApiFixture.Json),
        Headers = { { "Idempotency-Key", key } },
    };

    /// <summary>How many appointments the list holds at the location once it shows <paramref name="booked"/>.</summary>
    private static async Task<int> CountAt(Tenant tenant, Guid location, Guid booked)
    {
        await tenant.ListShowsLatest(booked);
        return (await Send(tenant.Owner, HttpMethod.Get, $"/api/appointments?locationId={location}", null, HttpStatusCode.OK)).GetProperty("total").GetInt32();
    }

    [Fact]
    public async Task The_same_key_and_body_give_the_same_answer_and_one_booking()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var staff = await tenant.Resource(location);
        var body = Booking(location, [staff], Local(3, 15));

        var first = await tenant.Owner.SendAsync(Post(body, "booking-42"));
        var retry = await tenant.Owner.SendAsync(Post(body, "booking-42"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        var booked = Id(await first.Content.ReadFromJsonAsync<JsonElement>());
        Assert.Equal(7, booked.Version);
        Assert.Equal(booked, Id(await retry.Content.ReadFromJsonAsync<JsonElement>()));
        Assert.Equal(1, await CountAt(tenant, location, booked));
    }

    [Fact]
    public async Task Concurrent_retries_with_one_key_book_once()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var staff = await tenant.Resource(location);
        var body = Booking(location, [staff], Local(3, 16));

        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => tenant.Owner.SendAsync(Post(body, "same-click"))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var ids = await Task.WhenAll(responses.Select(async r => Id(await r.Content.ReadFromJsonAsync<JsonElement>())));
        Assert.Single(ids.Distinct());
        Assert.Equal(1, await CountAt(tenant, location, ids[0]));
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_refused()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var staff = await tenant.Resource(location);
        var booked = Id(await (await tenant.Owner.SendAsync(Post(Booking(location, [staff], Local(3, 9)), "k-1"))).Content.ReadFromJsonAsync<JsonElement>());

        var other = await tenant.Owner.SendAsync(Post(Booking(location, [staff], Local(3, 11)), "k-1"));

        await ProblemAssert.Is(other, (HttpStatusCode)422, "idempotency_key_reused");
        Assert.Equal(1, await CountAt(tenant, location, booked));
        await ProblemAssert.Is(await tenant.Owner.SendAsync(Post(Booking(location, [staff], Local(3, 13)), new string('k', 201))),
            HttpStatusCode.BadRequest, "validation_failed", "Idempotency-Key");
    }

    [Fact]
    public async Task Keys_of_two_organisations_do_not_meet()
    {
        var first = await api.NewTenant();
        var second = await api.NewTenant();
        var firstLocation = await first.Location();
        var secondLocation = await second.Location();
        var firstStaff = await first.Resource(firstLocation);
        var secondStaff = await second.Resource(secondLocation);

        Assert.Equal(HttpStatusCode.Created, (await first.Owner.SendAsync(Post(Booking(firstLocation, [firstStaff], Local(3, 9)), "shared"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await second.Owner.SendAsync(Post(Booking(secondLocation, [secondStaff], Local(3, 9)), "shared"))).StatusCode);
    }
}
