using Realtime.Testing;
namespace Realtime.Api.Tests.Clients;

/// <summary>
/// The client's profile: <c>GET /api/clients/{id}</c> and every appointment of the client, cancelled ones included,
/// newest first (<c>GET /api/clients/{id}/appointments</c>).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ClientProfileEndpointTests(ApiFixture api)
{
    [Fact]
    public async Task The_profile_lists_every_appointment_of_the_client_cancelled_included_newest_first_and_paged()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var staff = await tenant.Resource(location);
        var ewa = await Clients.Create(tenant.Owner, "Ewa", "Nowak");
        var other = await Clients.Create(tenant.Owner, "Jan", "Kowalski");
        var starts = new[] { Local(-10, 9), Local(-3, 9), Local(2, 9), Local(4, 9), Local(8, 9) };
        var ids = new List<Guid>();
        foreach (var start in starts) ids.Add(await Clients.Book(tenant, location, staff, start, ewa));
        await Clients.Book(tenant, location, staff, Local(3, 9), other);
        await Send(tenant.Owner, HttpMethod.Post, $"/api/appointments/{ids[3]}/cancel", new { reason = "client" }, HttpStatusCode.OK);
        await Send(tenant.Owner, HttpMethod.Post, $"/api/appointments/{ids[0]}/cancel", new { reason = "business" }, HttpStatusCode.OK);

        // The booking three days ago ended without an outcome, so the after-end check closes it.
        string[] statuses = ["booked", "cancelled", "booked", "past", "cancelled"];
        var all = await Eventually.Value(
            () => Send(tenant.Owner, HttpMethod.Get, $"/api/clients/{ewa}/appointments", null, HttpStatusCode.OK),
            page => page.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("status").GetString()).SequenceEqual(statuses),
            "every change is listed");
        Assert.Equal(5, all.GetProperty("total").GetInt32());
        Assert.Equal(ids.AsEnumerable().Reverse(), all.GetProperty("items").EnumerateArray().Select(Id));

        var pages = new List<Guid>();
        for (var page = 1; page <= 3; page++)
        {
            var read = await Send(tenant.Owner, HttpMethod.Get, $"/api/clients/{ewa}/appointments?pageSize=2&page={page}", null, HttpStatusCode.OK);
            Assert.Equal((5, page, 2), (read.GetProperty("total").GetInt32(), read.GetProperty("page").GetInt32(), read.GetProperty("pageSize").GetInt32()));
            pages.AddRange(read.GetProperty("items").EnumerateArray().Select(Id));
        }
        Assert.Equal(ids.AsEnumerable().Reverse(), pages);
        Assert.Empty((await Send(tenant.Owner, HttpMethod.Get, $"/api/clients/{ewa}/appointments?pageSize=2&page=4", null, HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray());

        var profile = await Send(tenant.Owner, HttpMethod.Get, $"/api/clients/{ewa}", null, HttpStatusCode.OK);
        Assert.Equal(ids.Order(), profile.GetProperty("appointmentIds").EnumerateArray().Select(e => e.GetGuid()).Order());
        // A changed client is answered as read: with every appointment of theirs.
        var updated = await Send(tenant.Owner, HttpMethod.Put, $"/api/clients/{ewa}", new { firstName = "Ewa", lastName = "Nowak-Lis", email = "ewa@example.pl" },
            HttpStatusCode.OK);
        Assert.Equal(ids.Order(), updated.GetProperty("appointmentIds").EnumerateArray().Select(e => e.GetGuid()).Order());
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("page=x", "page")]
    [InlineData("pageSize=501", "pageSize")]
    public async Task Bad_paging_of_the_profile_appointments_is_refused(string query, string field)
    {
        var tenant = await api.NewTenant();
        var ewa = await Clients.Create(tenant.Owner, "Ewa", "Nowak");

        await ProblemAssert.Is(await tenant.Owner.GetAsync($"/api/clients/{ewa}/appointments?{query}"), HttpStatusCode.BadRequest, "validation_failed", field);
    }

    [Fact]
    public async Task A_key_limited_to_one_location_sees_the_clients_appointments_there_only()
    {
        var tenant = await api.NewTenant();
        var warsaw = await tenant.Location("Europe/Warsaw", "Warsaw");
        var vilnius = await tenant.Location("Europe/Vilnius", "Vilnius");
        var anna = await tenant.Resource(warsaw, "Anna");
        var ruta = await tenant.Resource(vilnius, "Rūta");
        var ona = await Clients.Create(tenant.Owner, "Ona", "Kazlauskienė");
        var inWarsaw = await Clients.Book(tenant, warsaw, anna, Local(2, 10), ona);
        await Clients.Book(tenant, vilnius, ruta, Local(3, 10, timeZone: "Europe/Vilnius"), ona);
        var desk = await tenant.KeyClient("frontDesk", warsaw);
        await Eventually.True(
            async () => (await Send(tenant.Owner, HttpMethod.Get, $"/api/clients/{ona}/appointments", null, HttpStatusCode.OK)).GetProperty("total").GetInt32() == 2,
            "both bookings are listed");

        var seen = await Send(desk, HttpMethod.Get, $"/api/clients/{ona}/appointments", null, HttpStatusCode.OK);

        Assert.Equal([inWarsaw], seen.GetProperty("items").EnumerateArray().Select(Id));
        Assert.Equal(1, seen.GetProperty("total").GetInt32());
    }
}
