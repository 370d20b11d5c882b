using Realtime.Testing;
using Realtime.Api.Tests.ClientApi;
namespace Realtime.Api.Tests.Clients;

/// <summary>
/// <c>POST /api/clients/bulk-delete</c> and <c>DELETE /api/clients/{id}</c>: several clients at once, only with a
/// confirmation; ids of other organisations are not found and untouched; the deleted clients' appointments stay, still
/// naming them, and those still ahead are kept or cancelled as the request chooses.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ClientBulkDeleteEndpointTests(ApiFixture api)
{
    [Fact]
    public async Task Without_a_confirmation_nothing_is_deleted()
    {
        var tenant = await api.NewTenant();
        var ewa = await Clients.Create(tenant.Owner, "Ewa", "Nowak");

        foreach (var body in new object[] { new { ids = new[] { ewa } }, new { ids = new[] { ewa }, confirm = false }, new { ids = new[] { ewa }, confirm = (bool?)null } })
        {
            var problem = await ProblemAssert.Is(
                await tenant.Owner.PostAsJsonAsync("/api/clients/bulk-delete", body, ApiFixture.Json), HttpStatusCode.BadRequest, "validation_failed", "confirm");
            Assert.Contains("confirmation", problem.GetProperty("errors").GetProperty("confirm")[0].GetString());
        }

        await Send(tenant.Owner, HttpMethod.Get, $"/api/clients/{ewa}", null, HttpStatusCode.OK);
        Assert.Equal([ewa], await Clients.ListedIds(tenant.Owner));
    }

    [Theory]
    [InlineData("{\"confirm\": true}")]
    [InlineData("{\"ids\": [], \"confirm\": true}")]
    public async Task Without_ids_the_request_is_refused_on_ids(string body)
    {
        var tenant = await api.NewTenant();

        await ProblemAssert.Is(
            await tenant.Owner.PostAsync("/api/clients/bulk-delete", new StringContent(body, System.Text.Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest, "validation_failed", "ids");
    }

    [Fact]
    public async Task More_than_five_hundred_ids_are_refused()
    {
        var tenant = await api.NewTenant();
        var ids = Enumerable.Range(0, 501).Select(_ => Guid.NewGuid()).ToArray();

        await ProblemAssert.Is(
            await tenant.Owner.PostAsJsonAsync("/api/clients/bulk-delete", new { ids, confirm = true }, ApiFixture.Json),
            HttpStatusCode.BadRequest, "validation_failed", "ids");
    }

    [Fact]
    public async Task Confirmed_the_clients_of_the_organisation_are_deleted_and_foreign_or_unknown_ids_are_not_found()
    {
        var tenant = await api.NewTenant();
        var other = await api.NewTenant("Other chain");
        var ewa = await Clients.Create(tenant.Owner, "Ewa", "Nowak");
        var jan = await Clients.Create(tenant.Owner, "Jan", "Kowalski");
        var kept = await Clients.Create(tenant.Owner, "Kept", "Client");
        var foreign = await Clients.Create(other.Owner, "Foreign", "Client");
        var unknown = Guid.NewGuid();

        var answer = await Send(tenant.Owner, HttpMethod.Post, "/api/clients/bulk-delete",
            new { ids = new[] { ewa, foreign, jan, unknown, ewa }, confirm = true }, HttpStatusCode.OK);

        Assert.Equal([ewa, jan], answer.GetProperty("deleted").EnumerateArray().Select(e => e.GetGuid()));
        Assert.Equal([foreign, unknown], answer.GetProperty("notFound").EnumerateArray().Select(e => e.GetGuid()));
        Assert.Equal([kept], await Clients.ListedIds(tenant.Owner));
        await ProblemAssert.Is(await tenant.Owner.GetAsync($"/api/clients/{ewa}"), HttpStatusCode.NotFound, "not_found");
        await ProblemAssert.Is(await tenant.Owner.GetAsync($"/api/clients/{jan}"), HttpStatusCode.NotFound, "not_found");
        // The other organisation's client is untouched.
        await Send(other.Owner, HttpMethod.Get, $"/api/clients/{foreign}", null, HttpStatusCode.OK);
        Assert.Equal([foreign], await Clients.ListedIds(other.Owner));

        // Deleting again: nothing left to delete.
        var again = await Send(tenant.Owner, HttpMethod.Post, "/api/clients/bulk-delete", new { ids = new[] { ewa }, confirm = true }, HttpStatusCode.OK);
        Assert.Empty(again.GetProperty("deleted").EnumerateArray());
        Assert.Equal([ewa], again.GetProperty("notFound").EnumerateArray().Select(e => e.GetGuid()));
    }

    [Fact]
    public async Task The_appointments_of_deleted_clients_stay_as_they_were_and_still_name_the_client()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var staff = await tenant.Resource(location);
        var ewa = await Clients.Create(tenant.Owner, "Ewa", "Nowak");
        var past = await Clients.Book(tenant, location, staff, Local(-3, 10), ewa);
        var future = await Clients.Book(tenant, location, staff, Local(5, 10), ewa);
        Task<JsonElement> Read(Guid appointment) => Send(tenant.Owner, HttpMethod.Get, $"/api/appointments/{appointment}", null, HttpStatusCode.OK);
        // The past booking ended without an outcome: the after-end check closes it, and that change must come first.
        await Eventually.Value(() => Read(past), read => read.GetProperty("status").GetString() == "past", "the past booking is closed");
        var before = new[] { await Read(past), await Read(future) };
        await UpcomingKnown(tenant, ewa, future);

        var unchosen = await Send(tenant.Owner, HttpMethod.Post, "/api/clients/bulk-delete", new { ids = new[] { ewa }, confirm = true }, HttpStatusCode.OK);
        Assert.Equal([ewa], unchosen.GetProperty("hasUpcomingAppointments").EnumerateArray().Select(e => e.GetGuid()));
        Assert.Empty(unchosen.GetProperty("deleted").EnumerateArray());
        var kept = await Send(tenant.Owner, HttpMethod.Post, "/api/clients/bulk-delete", new { ids = new[] { ewa }, confirm = true, upcoming = "keep" }, HttpStatusCode.OK);
        Assert.Equal([ewa], kept.GetProperty("deleted").EnumerateArray().Select(e => e.GetGuid()));

        foreach (var earlier in before)
        {
            var after = await Read(Id(earlier));
            Assert.Equal(ewa, after.GetProperty("clientId").GetGuid());
            Assert.Equal(
                (earlier.GetProperty("status").GetString(), earlier.GetProperty("version").GetInt64()),
                (after.GetProperty("status").GetString(), after.GetProperty("version").GetInt64()));
        }
        await tenant.ListShowsLatest(past, future);
        var listed = await Send(tenant.Owner, HttpMethod.Get, $"/api/appointments?clientId={ewa}", null, HttpStatusCode.OK);
        Assert.Equal(2, listed.GetProperty("total").GetInt32());
        // The time stays taken: the slot of the future appointment cannot be booked again.
        await ProblemAssert.Is(
            await tenant.Owner.PostAsJsonAsync("/api/appointments", Booking(location, [staff], Local(5, 10)), ApiFixture.Json),
            HttpStatusCode.Conflict, "slot_taken");
        // The client itself is gone everywhere, its profile history included.
        await ProblemAssert.Is(await tenant.Owner.GetAsync($"/api/clients/{ewa}/appointments"), HttpStatusCode.NotFound, "not_found");
        Assert.Empty(await Clients.ListedIds(tenant.Owner));
    }

    [Fact]
    public async Task A_deleted_client_is_refused_a_booking_and_a_seat_as_an_unknown_client_is()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var staff = await tenant.Resource(location);
        var yoga = await tenant.ServiceWith(capacity: 3);
        var (ewa, ola) = (await Clients.Create(tenant.Owner, "Ewa", "Nowak"), await Clients.Create(tenant.Owner, "Ola", "Lis"));
        var yogaClass = Id(await Send(tenant.Owner, HttpMethod.Post, "/api/appointments",
            new { locationId = location, resourceIds = new[] { staff }, serviceIds = new[] { yoga }, clientId = ola, start = Local(6, 18) }, HttpStatusCode.Created));
        Assert.Equal(HttpStatusCode.NoContent, (await tenant.Owner.DeleteAsync($"/api/clients/{ewa}?upcoming=keep")).StatusCode);

        var refused = await ProblemAssert.Is(
            await tenant.Owner.PostAsJsonAsync("/api/appointments", Booking(location, [staff], Local(5, 10), clientId: ewa), ApiFixture.Json),
            HttpStatusCode.NotFound, "not_found", "clientId");
        Assert.Equal(["clientId"], refused.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        await ProblemAssert.Is(
            await tenant.Owner.PostAsJsonAsync($"/api/appointments/{yogaClass}/seats", new { clientId = ewa }, ApiFixture.Json),
            HttpStatusCode.NotFound, "not_found", "clientId");
        // Nothing was booked for her: the time and the class are as they were.
        await Send(tenant.Owner, HttpMethod.Post, "/api/appointments", Booking(location, [staff], Local(5, 10)), HttpStatusCode.Created);
        var unchanged = await Send(tenant.Owner, HttpMethod.Get, $"/api/appointments/{yogaClass}", null, HttpStatusCode.OK);
        Assert.Equal([ola], unchanged.GetProperty("seats").EnumerateArray().Select(s => s.GetGuid()));
    }

    [Fact]
    public async Task Deleting_a_client_with_visits_ahead_asks_what_becomes_of_them_and_can_cancel_them()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var staff = await tenant.Resource(location);
        var yoga = await tenant.ServiceWith(capacity: 3);
        var (ewa, ola) = (await Clients.Create(tenant.Owner, "Ewa", "Nowak"), await Clients.Create(tenant.Owner, "Ola", "Lis"));
        var visit = await Clients.Book(tenant, location, staff, Local(5, 10), ewa);
        var yogaClass = Id(await Send(tenant.Owner, HttpMethod.Post, "/api/appointments",
            new { locationId = location, resourceIds = new[] { staff }, serviceIds = new[] { yoga }, clientId = ola, start = Local(6, 18) }, HttpStatusCode.Created));
        await Send(tenant.Owner, HttpMethod.Post, $"/api/appointments/{yogaClass}/seats", new { clientId = ewa }, HttpStatusCode.OK);
        await UpcomingKnown(tenant, ewa, visit, yogaClass);
        await Send(tenant.Owner, HttpMethod.Post, "/api/waitlist", new { clientId = ewa, locationId = location, serviceId = yoga }, HttpStatusCode.Created);
        await Send(tenant.Owner, HttpMethod.Post, "/api/waitlist", new { clientId = ola, locationId = location, serviceId = yoga }, HttpStatusCode.Created);

        var asked = await ProblemAssert.Is(await tenant.Owner.DeleteAsync($"/api/clients/{ewa}"), HttpStatusCode.Conflict, "client_has_upcoming_appointments", "upcoming");
        var named = asked.GetProperty("errors").GetProperty("upcoming")[0].GetString();
        Assert.Contains(visit.ToString(), named);
        Assert.Contains(yogaClass.ToString(), named);
        await ProblemAssert.Is(await tenant.Owner.DeleteAsync($"/api/clients/{ewa}?upcoming=later"), HttpStatusCode.BadRequest, "validation_failed", "upcoming");
        await Send(tenant.Owner, HttpMethod.Get, $"/api/clients/{ewa}", null, HttpStatusCode.OK);

        var deleted = await tenant.Owner.DeleteAsync($"/api/clients/{ewa}?upcoming=cancel");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var cancelled = await Send(tenant.Owner, HttpMethod.Get, $"/api/appointments/{visit}", null, HttpStatusCode.OK);
        Assert.Equal(("cancelled", "business"), (cancelled.GetProperty("status").GetString(), cancelled.GetProperty("cancellation").GetProperty("reason").GetString()));
        var left = await Send(tenant.Owner, HttpMethod.Get, $"/api/appointments/{yogaClass}", null, HttpStatusCode.OK);
        Assert.Equal(("booked", ola), (left.GetProperty("status").GetString(), left.GetProperty("seats").EnumerateArray().Single().GetGuid()));
        await Send(tenant.Owner, HttpMethod.Post, "/api/appointments", Booking(location, [staff], Local(5, 10)), HttpStatusCode.Created);
        await ProblemAssert.Is(await tenant.Owner.GetAsync($"/api/clients/{ewa}"), HttpStatusCode.NotFound, "not_found");
        await Send(tenant.Owner, HttpMethod.Get, $"/api/clients/{ola}", null, HttpStatusCode.OK);
        var waiting = await Send(tenant.Owner, HttpMethod.Get, $"/api/locations/{location}/waitlist", null, HttpStatusCode.OK);
        Assert.Equal([ola], waiting.EnumerateArray().Select(e => e.GetProperty("clientId").GetGuid()));
    }

    /// <summary>The client's record and the appointment list know the appointments (both follow a booking within moments).</summary>
    private static async Task UpcomingKnown(Tenant tenant, Guid client, params Guid[] appointments)
    {
        await tenant.ListShowsLatest(appointments);
        await Eventually.True(async () =>
            (await Send(tenant.Owner, HttpMethod.Get, $"/api/clients/{client}", null, HttpStatusCode.OK)).GetProperty("appointmentIds")
                .EnumerateArray().Select(a => a.GetGuid()).Intersect(appointments).Count() == appointments.Length,
            "the client's record links the appointments");
    }

    [Fact]
    public async Task Only_owners_and_admins_may_bulk_delete()
    {
        var tenant = await api.NewTenant();
        var ewa = await Clients.Create(tenant.Owner, "Ewa", "Nowak");
        var jan = await Clients.Create(tenant.Owner, "Jan", "Kowalski");

        await ProblemAssert.Is(
            await (await tenant.KeyClient("frontDesk")).PostAsJsonAsync("/api/clients/bulk-delete", new { ids = new[] { ewa }, confirm = true }, ApiFixture.Json),
            HttpStatusCode.Forbidden, "forbidden");
        await Send(tenant.Owner, HttpMethod.Get, $"/api/clients/{ewa}", null, HttpStatusCode.OK);

        var byAdmin = await Send(await tenant.KeyClient("admin"), HttpMethod.Post, "/api/clients/bulk-delete",
            new { ids = new[] { ewa, jan }, confirm = true }, HttpStatusCode.OK);
        Assert.Equal(2, byAdmin.GetProperty("deleted").GetArrayLength());
    }
}
