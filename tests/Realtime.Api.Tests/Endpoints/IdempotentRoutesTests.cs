using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Realtime.Grains.Domain.Access;
using Realtime.Grains.Interfaces.Access;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Common;
using Realtime.Api.Idempotency;
using Realtime.Api.Tests.ClientApi;
using Realtime.Api.Tests.Live;
using Realtime.Testing;

namespace Realtime.Api.Tests.Endpoints;

/// <summary>
/// <c>Idempotency-Key</c> on routes other than the staff booking (whose own tests are in <see cref="IdempotencyTests"/>):
/// one mechanism, so a few representative routes stand for the rest.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class IdempotentRoutesTests(ApiFixture api)
{
    private static HttpRequestMessage Request(HttpMethod method, string url, object? body, string? key)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = JsonContent.Create(body, options: ApiFixture.Json);
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private static Task<HttpResponseMessage> Post(HttpClient client, string url, object? body, string key) =>
        client.SendAsync(Request(HttpMethod.Post, url, body, key));

    private static object NewClient(string email) => new { firstName = "Ewa", lastName = "Nowak", email, language = "pl" };

    private static async Task<int> Count(HttpClient client, string url) =>
        (await Send(client, HttpMethod.Get, url, null, HttpStatusCode.OK)).GetArrayLength();

    [Fact]
    public async Task A_retried_client_creation_gets_the_same_answer_and_creates_one_client()
    {
        var tenant = await api.NewTenant();
        var email = $"ewa.{Guid.NewGuid():N}@example.com";

        using var first = await Post(tenant.Owner, "/api/clients", NewClient(email), "new-client-1");
        using var retry = await Post(tenant.Owner, "/api/clients", NewClient(email), "new-client-1");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, retry.StatusCode));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal("application/json", retry.Content.Headers.ContentType?.MediaType);
        Assert.False(first.Headers.Contains("Idempotency-Replayed"));
        Assert.Equal(["true"], retry.Headers.GetValues("Idempotency-Replayed"));
        // Listed once: the list follows creations in moments, so it is read after a later client shows.
        await tenant.Client("Later");
        await Eventually.True(async () => await Total(tenant, "Later") == 1, "the later client is listed");
        Assert.Equal(1, await Total(tenant, email));
    }

    private static async Task<int> Total(Tenant tenant, string search) =>
        (await Send(tenant.Owner, HttpMethod.Get, $"/api/clients?search={Uri.EscapeDataString(search)}", null, HttpStatusCode.OK))
            .GetProperty("total").GetInt32();

    [Fact]
    public async Task The_same_key_with_another_body_or_route_is_refused_and_changes_nothing()
    {
        var tenant = await api.NewTenant();
        await Send(tenant.Owner, HttpMethod.Post, "/api/locations", new { name = "Centre", timeZone = "Europe/Warsaw" }, HttpStatusCode.Created);
        using var first = await Post(tenant.Owner, "/api/locations", new { name = "North", timeZone = "Europe/Warsaw" }, "loc-1");

        using var otherBody = await Post(tenant.Owner, "/api/locations", new { name = "South", timeZone = "Europe/Warsaw" }, "loc-1");
        using var otherRoute = await Post(tenant.Owner, "/api/services", new { name = "North", durationMinutes = 30 }, "loc-1");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await ProblemAssert.Is(otherBody, (HttpStatusCode)422, "idempotency_key_reused");
        await ProblemAssert.Is(otherRoute, (HttpStatusCode)422, "idempotency_key_reused");
        Assert.Equal(2, await Count(tenant.Owner, "/api/locations"));
        Assert.Equal(0, await Count(tenant.Owner, "/api/services"));
    }

    [Fact]
    public async Task Whitespace_and_property_order_of_the_body_do_not_make_another_request()
    {
        var tenant = await api.NewTenant();
        HttpRequestMessage Raw(string json)
        {
            var request = Request(HttpMethod.Post, "/api/services", null, "svc-raw");
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
            return request;
        }

        using var first = await tenant.Owner.SendAsync(Raw("""{"name":"Cut","durationMinutes":30}"""));
        using var retry = await tenant.Owner.SendAsync(Raw("""{ "durationMinutes": 30,  "name": "Cut", "unknown": 1 }"""));

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, retry.StatusCode));
        Assert.Equal(1, await Count(tenant.Owner, "/api/services"));
    }

    [Fact]
    public async Task Keys_belong_to_an_organisation_and_a_stored_answer_goes_only_to_the_key_that_caused_it()
    {
        var first = await api.NewTenant();
        var second = await api.NewTenant();
        var body = new { name = "Room 1", timeZone = "Europe/Warsaw" };

        using var inFirst = await Post(first.Owner, "/api/locations", body, "shared-key");
        using var inSecond = await Post(second.Owner, "/api/locations", body, "shared-key");
        using var otherKeyOfFirst = await first.KeyClient("admin");
        using var byOtherKey = await Post(otherKeyOfFirst, "/api/locations", body, "shared-key");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (inFirst.StatusCode, inSecond.StatusCode));
        Assert.NotEqual(inFirst.Headers.Location, inSecond.Headers.Location);
        Assert.Equal(1, await Count(second.Owner, "/api/locations"));
        await ProblemAssert.Is(byOtherKey, (HttpStatusCode)422, "idempotency_key_reused");
        Assert.Equal(1, await Count(first.Owner, "/api/locations"));
    }

    [Fact]
    public async Task A_refusal_is_stored_and_replayed_even_once_the_action_would_succeed()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var staff = await tenant.Resource(location);
        var booked = Id(await Send(tenant.Owner, HttpMethod.Post, "/api/appointments", Booking(location, [staff], Local(-1, 10)), HttpStatusCode.Created));
        await Send(tenant.Owner, HttpMethod.Post, $"/api/appointments/{booked}/complete", new { }, HttpStatusCode.OK);
        var restore = $"/api/appointments/{booked}/restore";

        using var refused = await Post(tenant.Owner, restore, new { }, "restore-1");
        await Send(tenant.Owner, HttpMethod.Post, $"/api/appointments/{booked}/cancel", new { reason = "business" }, HttpStatusCode.OK);
        using var replayed = await Post(tenant.Owner, restore, new { }, "restore-1");

        var problem = await ProblemAssert.Is(refused, HttpStatusCode.Conflict, "invalid_transition");
        Assert.Equal(problem.GetRawText(), (await ProblemAssert.Is(replayed, HttpStatusCode.Conflict, "invalid_transition")).GetRawText());
        Assert.Equal("cancelled", (await Send(tenant.Owner, HttpMethod.Get, $"/api/appointments/{booked}", null, HttpStatusCode.OK))
            .GetProperty("status").GetString());
        using var fresh = await Post(tenant.Owner, restore, new { }, "restore-2");
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }

    [Fact]
    public async Task A_retried_cancel_gets_its_first_answer_instead_of_invalid_transition()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var staff = await tenant.Resource(location);
        var booked = Id(await Send(tenant.Owner, HttpMethod.Post, "/api/appointments", Booking(location, [staff], Local(4, 12)), HttpStatusCode.Created));
        var cancel = new { reason = "business", message = "Closed for a day" };

        using var first = await Post(tenant.Owner, $"/api/appointments/{booked}/cancel", cancel, "cancel-1");
        using var retry = await Post(tenant.Owner, $"/api/appointments/{booked}/cancel", cancel, "cancel-1");
        using var unkeyed = await tenant.Owner.SendAsync(Request(HttpMethod.Post, $"/api/appointments/{booked}/cancel", cancel, null));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, retry.StatusCode));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        await ProblemAssert.Is(unkeyed, HttpStatusCode.Conflict, "invalid_transition");
    }

    [Fact]
    public async Task A_cancel_that_landed_though_its_answer_was_lost_is_answered_as_done_when_sent_again_with_its_key()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var staff = await tenant.Resource(location);
        var booked = Id(await Send(tenant.Owner, HttpMethod.Post, "/api/appointments", Booking(location, [staff], Local(4, 14)), HttpStatusCode.Created));
        var cancel = $"/api/appointments/{booked}/cancel";
        Assert.True(ApiKeyTokens.TryParse(tenant.OwnerKey, out var owner));
        await LandedWithoutAnswer(IdempotencyKeys.OrganizationScope(tenant.OrganizationId), $"key {owner.KeyId:N}", cancel, "cancel-lost",
            requestId => Grains.GetGrain<IAppointmentGrain>(booked).Cancel(new CancelAppointment(
                CancellationReason.Business, null, false, false, null, Actor.Staff(owner.KeyId.ToString(), "Owner"), requestId)));

        using var retry = await tenant.Owner.SendAsync(Request(HttpMethod.Post, cancel, null, "cancel-lost"));

        Assert.True(retry.StatusCode == HttpStatusCode.OK, await retry.Content.ReadAsStringAsync());
        Assert.False(retry.Headers.Contains("Idempotency-Replayed"));
        var cancelled = (await retry.Content.ReadFromJsonAsync<JsonElement>(ApiFixture.Json)).GetProperty("appointment");
        Assert.Equal(("cancelled", 2), (cancelled.GetProperty("status").GetString(), cancelled.GetProperty("version").GetInt32()));
        // The answer is the key's from now on.
        using var again = await tenant.Owner.SendAsync(Request(HttpMethod.Post, cancel, null, "cancel-lost"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(["true"], again.Headers.GetValues("Idempotency-Replayed"));
    }

    [Fact]
    public async Task A_client_whose_cancel_left_a_shared_class_though_its_answer_was_lost_is_answered_as_done_when_sending_it_again()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var resource = await tenant.Resource(location);
        var (ann, bea) = (await tenant.Client("Ann"), await tenant.Client("Bea"));
        var yogaClass = await tenant.BookedByStaff(location, resource, await tenant.ServiceWith(capacity: 4), ann, Local(10, 10));
        using var beas = api.ClientSession(tenant, bea);
        await Send(beas, HttpMethod.Post, $"/api/client/appointments/{yogaClass}/join", null, HttpStatusCode.OK);
        var cancel = $"/api/client/appointments/{yogaClass}/cancel";
        await LandedWithoutAnswer(IdempotencyKeys.ClientScope(tenant.OrganizationId, bea), $"client {bea:N}", cancel, "leave-lost",
            requestId => Grains.GetGrain<IAppointmentGrain>(yogaClass).Cancel(new CancelAppointment(
                CancellationReason.Client, null, false, false, null, new Actor(ActorKind.Client, bea.ToString(), "client"), requestId)));

        using var retry = await beas.SendAsync(Request(HttpMethod.Post, cancel, null, "leave-lost"));

        Assert.True(retry.StatusCode == HttpStatusCode.OK, await retry.Content.ReadAsStringAsync());
        Assert.Equal("cancelled", (await retry.Content.ReadFromJsonAsync<JsonElement>(ApiFixture.Json)).GetProperty("status").GetString());
        Assert.Equal(1, (await Send(tenant.Owner, HttpMethod.Get, $"/api/appointments/{yogaClass}", null, HttpStatusCode.OK)).GetProperty("seats").GetArrayLength());
        // Under another key, the class she left is still not hers to cancel.
        await ProblemAssert.Is(await beas.SendAsync(Request(HttpMethod.Post, cancel, null, "leave-again")), HttpStatusCode.Conflict, "invalid_transition");
    }

    [Fact]
    public async Task The_grains_bookkeeping_the_request_id_of_a_keyed_change_and_the_reminder_window_stays_out_of_answers_the_live_feed_and_the_openapi_document()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var staff = await tenant.Resource(location);
        await using var desk = await Desk.Open(api.Factory, tenant.OwnerKey, location, Local(4, 0));
        var id = Id(await Send(tenant.Owner, HttpMethod.Post, "/api/appointments", Booking(location, [staff], Local(4, 16)), HttpStatusCode.Created));

        using var cancelled = await Post(tenant.Owner, $"/api/appointments/{id}/cancel", new { reason = "business" }, "cancel-bookkeeping");
        await desk.Until(d => d.Applied.Count == 2);

        Assert.NotNull((await Grains.GetGrain<IAppointmentGrain>(id).Get())!.History[^1].RequestId); // kept where repeats are told apart
        JsonElement[] shown =
        [
            (await cancelled.Content.ReadFromJsonAsync<JsonElement>(ApiFixture.Json)).GetProperty("appointment"),
            await Send(tenant.Owner, HttpMethod.Get, $"/api/appointments/{id}", null, HttpStatusCode.OK),
            .. desk.Applied.Select(change => change.GetProperty("appointment")),
        ];
        var entries = shown.SelectMany(appointment => appointment.GetProperty("history").EnumerateArray()).ToArray();
        Assert.Equal(2 + 2 + 1 + 2, entries.Length);
        Assert.All(entries, entry => Assert.Equal(
            ["version", "at", "actor", "action", "details", "message"], entry.EnumerateObject().Select(p => p.Name)));
        using var anonymous = api.Client();
        var document = await Send(anonymous, HttpMethod.Get, "/openapi/v1.json", null, HttpStatusCode.OK);
        var historyEntry = document.GetProperty("components").GetProperty("schemas").GetProperty(nameof(HistoryEntry)).GetProperty("properties");
        Assert.Equal(["version", "at", "actor", "action", "details", "message"], historyEntry.EnumerateObject().Select(p => p.Name));

        Assert.NotNull((await Grains.GetGrain<IAppointmentGrain>(id).Get())!.InsideReminderWindow);
        Assert.All(shown, appointment => Assert.False(appointment.TryGetProperty("insideReminderWindow", out _)));
        var view = document.GetProperty("components").GetProperty("schemas").GetProperty(nameof(AppointmentView)).GetProperty("properties");
        Assert.False(view.TryGetProperty("insideReminderWindow", out _));
    }

    /// <summary>
    /// The first attempt of a keyed request that made its change but lost its answer (a 5xx, which frees the key): it claims
    /// the key as the API does (a request without a body), makes the change under the key's request id, and lets the key go.
    /// </summary>
    private async Task LandedWithoutAnswer(string scope, string principal, string path, string key, Func<Guid, Task> change)
    {
        var claim = Grains.GetGrain<IIdempotencyGrain>(IdempotencyKeys.GrainKey(scope, key));
        var attempt = Guid.NewGuid();
        var run = await claim.Begin(IdempotentRequests.Fingerprint($"POST {path}", principal, "null"u8), attempt, null);
        Assert.Equal(IdempotencyDecision.Run, run.Decision);
        await change(run.RequestId);
        await claim.Abandon(attempt);
    }

    private IGrainFactory Grains => api.Factory.Services.GetRequiredService<IGrainFactory>();

    [Fact]
    public async Task Concurrent_duplicates_create_one_thing_and_all_get_its_answer()
    {
        var tenant = await api.NewTenant();
        var body = new { name = "Colour", durationMinutes = 90, price = 200 };

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Post(tenant.Owner, "/api/services", body, "same-click")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Single(responses.Select(r => r.Headers.Location).Distinct());
        Assert.Equal(1, await Count(tenant.Owner, "/api/services"));
    }

    [Fact]
    public async Task A_client_joining_a_waitlist_twice_with_one_key_is_on_it_once()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var service = await tenant.ServiceWith();
        using var session = api.ClientSession(tenant, await tenant.Client());
        var join = new { locationId = location, serviceId = service };

        using var first = await Post(session, "/api/client/waitlist", join, "join-1");
        using var retry = await Post(session, "/api/client/waitlist", join, "join-1");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, retry.StatusCode));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(1, await Count(session, "/api/client/waitlist"));
    }

    [Fact]
    public async Task A_retried_client_booking_books_once_and_client_keys_are_the_clients_own()
    {
        var (tenant, ewa, olga, slot) = await api.TwoClientsAndASlot();
        using var ewaSession = ewa;
        using var olgaSession = olga;

        using var first = await Post(ewa, "/api/client/appointments", slot, "book-1");
        using var retry = await Post(ewa, "/api/client/appointments", slot, "book-1");
        using var olgaSameKey = await Post(olga, "/api/client/appointments", slot, "book-1");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, retry.StatusCode));
        var booked = Id(await first.Content.ReadFromJsonAsync<JsonElement>(ApiFixture.Json));
        Assert.Equal(booked, Id(await retry.Content.ReadFromJsonAsync<JsonElement>(ApiFixture.Json)));
        await ProblemAssert.Is(olgaSameKey, HttpStatusCode.Conflict, "slot_taken"); // her own key: her own attempt, refused
        await tenant.ListShowsLatest(booked);
        var listed = await Send(tenant.Owner, HttpMethod.Get, $"/api/appointments?locationId={slot.LocationId}", null, HttpStatusCode.OK);
        Assert.Equal(1, listed.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_malformed_key_is_refused_on_the_field_and_runs_nothing()
    {
        var tenant = await api.NewTenant();

        await ProblemAssert.Is(await Post(tenant.Owner, "/api/services", new { name = "Cut", durationMinutes = 30 }, new string('k', 201)),
            HttpStatusCode.BadRequest, "validation_failed", "Idempotency-Key");
        var twoKeys = Request(HttpMethod.Post, "/api/services", new { name = "Cut", durationMinutes = 30 }, "a");
        twoKeys.Headers.Add("Idempotency-Key", "b");
        await ProblemAssert.Is(await tenant.Owner.SendAsync(twoKeys), HttpStatusCode.BadRequest, "validation_failed", "Idempotency-Key");

        Assert.Equal(0, await Count(tenant.Owner, "/api/services"));
    }

    [Fact]
    public async Task The_openapi_document_names_the_header_on_the_routes_that_honour_it()
    {
        using var anonymous = api.Client();
        var document = await Send(anonymous, HttpMethod.Get, "/openapi/v1.json", null, HttpStatusCode.OK);
        bool HasHeader(string path, string method) => OpenApiOperations.NamesHeader(document, path, method, "Idempotency-Key");

        Assert.True(HasHeader("/api/appointments", "post"));
        Assert.True(HasHeader("/api/clients", "post"));
        Assert.True(HasHeader("/api/client/appointments", "post"));
        Assert.True(HasHeader("/api/appointments/{id}/cancel", "post"));
        Assert.True(HasHeader("/api/appointments/{id}", "patch"));
        Assert.False(HasHeader("/api/clients", "get"));
        Assert.True(document.GetProperty("paths").GetProperty("/api/clients").GetProperty("post").GetProperty("responses").TryGetProperty("409", out _));
    }
}

public sealed class IdempotencyFingerprintTests
{
    [Fact]
    public void The_request_line_the_caller_and_the_body_each_make_another_request()
    {
        var one = IdempotentRequests.Fingerprint("POST /api/clients", "key a", "{}"u8);

        Assert.Equal(one, IdempotentRequests.Fingerprint("POST /api/clients", "key a", "{}"u8));
        Assert.Matches("^[0-9a-f]{64}$", one);
        Assert.NotEqual(one, IdempotentRequests.Fingerprint("POST /api/services", "key a", "{}"u8));
        Assert.NotEqual(one, IdempotentRequests.Fingerprint("POST /api/clients", "key b", "{}"u8));
        Assert.NotEqual(one, IdempotentRequests.Fingerprint("POST /api/clients", "key a", "null"u8));
    }
}

public sealed class EarlierAttemptTests
{
    private static readonly DomainError Exists = DomainError.Of(ErrorCodes.AlreadyExists, "The client exists already.");

    private static HttpContext Keyed()
    {
        var http = new DefaultHttpContext();
        http.Features.Set(new IdempotentRequest(Guid.NewGuid()));
        return http;
    }

    [Fact]
    public async Task A_keyed_creation_found_made_by_an_earlier_attempt_answers_with_it()
    {
        var made = "made by the first attempt";

        var answer = await Task.FromResult<Result<string>>(Exists).OrEarlierAttempts(Keyed(), () => Task.FromResult<string?>(made));

        Assert.Same(made, answer.Value);
    }

    [Fact]
    public async Task Without_a_key_or_with_another_refusal_the_refusal_stands()
    {
        var made = () => Task.FromResult<string?>("someone else's");

        Assert.Same(Exists, (await Task.FromResult<Result<string>>(Exists).OrEarlierAttempts(new DefaultHttpContext(), made)).Error);
        var invalid = DomainError.Validation(new FieldError("name", "Required."));
        Assert.Same(invalid, (await Task.FromResult<Result<string>>(invalid).OrEarlierAttempts(Keyed(), made)).Error);
        Assert.Same(Exists, (await Task.FromResult<Result<string>>(Exists).OrEarlierAttempts(Keyed(), () => Task.FromResult<string?>(null))).Error);
    }
}
