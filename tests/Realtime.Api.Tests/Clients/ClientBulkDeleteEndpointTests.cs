using Realtime.Testing;
namespace Realtime.Api.Tests.Clients;

/// <summary>
/// <c>POST /api/clients/bulk-delete</c>: several clients at once, only with a confirmation; ids of other organisations
/// are not found and untouched; the deleted clients' appointments stay, still naming them.
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

        await Send(tenant.Owner, HttpMethod.Post, "/api/clients/bulk-delete", new { ids = new[] { ewa }, confirm = true }, HttpStatusCode.OK);

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
