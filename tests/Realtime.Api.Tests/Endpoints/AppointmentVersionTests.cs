namespace Realtime.Api.Tests.Endpoints;

/// <summary>
/// Optimistic concurrency on the staff routes of an appointment: its version as the <c>ETag</c>, and <c>If-Match</c> on
/// every change, so that a desk working on what it last saw never overwrites another desk's change.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AppointmentVersionTests(ApiFixture api)
{
    private static async Task<HttpResponseMessage> Send(
        HttpClient client, HttpMethod method, string url, object? body, string? ifMatch, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = JsonContent.Create(body, options: ApiFixture.Json);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await client.SendAsync(request);
    }

    private static string? ETag(HttpResponseMessage response) => response.Headers.ETag?.ToString();

    private async Task<(Tenant Tenant, string Url)> Visit()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var staff = await tenant.Resource(location);
        var booked = await Tenant.Send(tenant.Owner, HttpMethod.Post, "/api/appointments", Booking(location, [staff], Local(3, 10)), HttpStatusCode.Created);
        return (tenant, $"/api/appointments/{Id(booked)}");
    }

    [Fact]
    public async Task A_change_made_on_what_another_desk_changed_meanwhile_is_refused_with_the_current_version()
    {
        var (tenant, url) = await Visit();
        using var read = await tenant.Owner.GetAsync(url);
        Assert.Equal("\"1\"", ETag(read));

        using var moved = await Send(tenant.Owner, HttpMethod.Post, $"{url}/reschedule", new { start = Local(3, 12) }, "\"1\"");
        using var repriced = await Send(tenant.Owner, HttpMethod.Patch, url, new { price = 40 }, "\"1\"");

        Assert.Equal((HttpStatusCode.OK, "\"2\""), (moved.StatusCode, ETag(moved)));
        var problem = await ProblemAssert.Is(repriced, HttpStatusCode.PreconditionFailed, "appointment_changed");
        Assert.Equal(2, problem.GetProperty("currentVersion").GetInt64());
        Assert.Contains("Someone else changed this appointment", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("\"2\"", ETag(repriced));
        var now = await Tenant.Send(tenant.Owner, HttpMethod.Get, url, null, HttpStatusCode.OK);
        Assert.Equal((2, Local(3, 12)), (now.GetProperty("version").GetInt64(), now.GetProperty("start").GetDateTimeOffset()));
        Assert.Equal(JsonValueKind.Null, now.GetProperty("price").ValueKind);

        using var again = await Send(tenant.Owner, HttpMethod.Patch, url, new { price = 40 }, ETag(repriced));
        Assert.Equal((HttpStatusCode.OK, "\"3\""), (again.StatusCode, ETag(again)));
    }

    [Theory]
    [InlineData("POST", "/confirm")]
    [InlineData("POST", "/unconfirm")]
    [InlineData("POST", "/arrive")]
    [InlineData("POST", "/complete")]
    [InlineData("POST", "/cancel")]
    [InlineData("POST", "/no-show")]
    [InlineData("POST", "/restore")]
    [InlineData("POST", "/undo-completion")]
    [InlineData("POST", "/reschedule")]
    [InlineData("PATCH", "")]
    [InlineData("DELETE", "")]
    public async Task Every_change_route_refuses_a_stale_if_match_and_changes_nothing(string method, string action)
    {
        var (tenant, url) = await Visit();
        await Tenant.Send(tenant.Owner, HttpMethod.Patch, url, new { notes = "Changed by the other desk" }, HttpStatusCode.OK);

        using var stale = await Send(tenant.Owner, new HttpMethod(method), url + action, new { start = Local(3, 12) }, "\"1\"");

        await ProblemAssert.Is(stale, HttpStatusCode.PreconditionFailed, "appointment_changed");
        Assert.Equal(2, (await Tenant.Send(tenant.Owner, HttpMethod.Get, url, null, HttpStatusCode.OK)).GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task Without_if_match_or_with_a_star_a_change_goes_ahead_and_answers_its_etag()
    {
        var (tenant, url) = await Visit();

        using var plain = await Send(tenant.Owner, HttpMethod.Post, $"{url}/confirm", null, ifMatch: null);
        using var star = await Send(tenant.Owner, HttpMethod.Patch, url, new { notes = "Tea" }, "*");
        using var cancelled = await Send(tenant.Owner, HttpMethod.Post, $"{url}/cancel", new { reason = "client" }, "\"3\"");
        using var deleted = await Send(tenant.Owner, HttpMethod.Delete, url, null, "\"4\"");

        Assert.Equal((HttpStatusCode.OK, "\"2\""), (plain.StatusCode, ETag(plain)));
        Assert.Equal((HttpStatusCode.OK, "\"3\""), (star.StatusCode, ETag(star)));
        Assert.Equal((HttpStatusCode.OK, "\"4\""), (cancelled.StatusCode, ETag(cancelled)));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await Send(tenant.Owner, HttpMethod.Post, $"{url}/restore", null, "*");
        await ProblemAssert.Is(gone, HttpStatusCode.NotFound, "not_found");
    }

    [Theory]
    [InlineData("1")]
    [InlineData("W/\"1\"")]
    [InlineData("\"one\"")]
    [InlineData("\"1\", \"2\"")]
    [InlineData("\"-1\"")]
    public async Task A_malformed_if_match_is_a_bad_request(string ifMatch)
    {
        var (tenant, url) = await Visit();

        using var answer = await Send(tenant.Owner, HttpMethod.Post, $"{url}/confirm", null, ifMatch);

        await ProblemAssert.Is(answer, HttpStatusCode.BadRequest, "if_match_invalid", "If-Match");
        Assert.Equal(1, (await Tenant.Send(tenant.Owner, HttpMethod.Get, url, null, HttpStatusCode.OK)).GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task A_retried_keyed_change_gets_its_first_answer_and_etag_not_a_precondition_failure()
    {
        var (tenant, url) = await Visit();

        using var first = await Send(tenant.Owner, HttpMethod.Post, $"{url}/confirm", null, "\"1\"", "confirm-1");
        await Tenant.Send(tenant.Owner, HttpMethod.Patch, url, new { notes = "Changed since" }, HttpStatusCode.OK);
        using var retried = await Send(tenant.Owner, HttpMethod.Post, $"{url}/confirm", null, "\"1\"", "confirm-1");

        Assert.Equal((HttpStatusCode.OK, "\"2\""), (first.StatusCode, ETag(first)));
        Assert.Equal((HttpStatusCode.OK, "\"2\""), (retried.StatusCode, ETag(retried)));
        Assert.Equal(["true"], retried.Headers.GetValues("Idempotency-Replayed"));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retried.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_openapi_document_names_if_match_and_its_412_on_the_changes_that_honour_it()
    {
        using var anonymous = api.Client();
        var document = await Tenant.Send(anonymous, HttpMethod.Get, "/openapi/v1.json", null, HttpStatusCode.OK);
        bool Honours(string path, string method) =>
            OpenApiOperations.NamesHeader(document, path, method, "If-Match")
            && OpenApiOperations.Operation(document, path, method).GetProperty("responses").TryGetProperty("412", out _);

        Assert.True(Honours("/api/appointments/{id}/reschedule", "post"));
        Assert.True(Honours("/api/appointments/{id}/complete", "post"));
        Assert.True(Honours("/api/appointments/{id}", "patch"));
        Assert.True(Honours("/api/appointments/{id}", "delete"));
        Assert.False(Honours("/api/appointments/{id}/seats", "post"));
        Assert.False(Honours("/api/appointments", "post"));
    }
}
