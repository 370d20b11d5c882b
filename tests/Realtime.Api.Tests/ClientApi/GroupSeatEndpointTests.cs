using Realtime.Testing;
using static Realtime.Api.Tests.ClientApi.ClientApiSetup;

namespace Realtime.Api.Tests.ClientApi;

[Collection(ApiCollection.Name)]
public sealed class GroupSeatEndpointTests(ApiFixture api)
{
    [Fact]
    public async Task Seats_fill_to_capacity_full_is_full_and_leaving_frees_one()
    {
        var (tenant, location, resource, yoga) = await Setup(capacity: 3);
        var (ann, bea, cai, dan) = (await tenant.Client("Ann"), await tenant.Client("Bea"), await tenant.Client("Cai"), await tenant.Client("Dan"));
        var start = Local(10, 10);
        var booked = await Send(api.ClientSession(tenant, ann), HttpMethod.Post, "/api/client/appointments",
            new { locationId = location, serviceIds = new[] { yoga }, start }, HttpStatusCode.Created);
        var yogaClass = Id(booked);
        Assert.Equal((1, 3), (booked.GetProperty("seatsTaken").GetInt32(), booked.GetProperty("capacity").GetInt32()));

        await Send(api.ClientSession(tenant, bea), HttpMethod.Post, $"/api/client/appointments/{yogaClass}/join", null, HttpStatusCode.OK);
        var full = await Send(tenant.Owner, HttpMethod.Post, $"/api/appointments/{yogaClass}/seats", new { clientId = cai }, HttpStatusCode.OK);
        Assert.Equal([ann, bea, cai], full.GetProperty("seats").EnumerateArray().Select(s => s.GetGuid()));
        await ProblemAssert.Is(await api.ClientSession(tenant, dan).PostAsync($"/api/client/appointments/{yogaClass}/join", null), HttpStatusCode.Conflict, "group_full");
        await ProblemAssert.Is(await tenant.Owner.PostAsJsonAsync($"/api/appointments/{yogaClass}/seats", new { clientId = dan }, ApiFixture.Json),
            HttpStatusCode.Conflict, "group_full");

        await Send(tenant.Owner, HttpMethod.Delete, $"/api/appointments/{yogaClass}/seats/{cai}", null, HttpStatusCode.OK);
        var joined = await Send(api.ClientSession(tenant, dan), HttpMethod.Post, $"/api/client/appointments/{yogaClass}/join", null, HttpStatusCode.OK);

        Assert.Equal(3, joined.GetProperty("seatsTaken").GetInt32());
        Assert.False(joined.TryGetProperty("seats", out _));
        var history = (await Staff(tenant, yogaClass)).GetProperty("history").EnumerateArray().Select(h => h.GetProperty("action").GetString());
        Assert.Equal(["booked", "seat-taken", "seat-taken", "seat-freed", "seat-taken"], history);
        // Cai's seat was given to Dan: the class stays on Cai's record, cancelled for them by the business.
        var caisView = await Send(api.ClientSession(tenant, cai), HttpMethod.Get, $"/api/client/appointments/{yogaClass}", null, HttpStatusCode.OK);
        Assert.Equal(("cancelled", "business"), (caisView.GetProperty("status").GetString(), caisView.GetProperty("cancellation").GetProperty("reason").GetString()));
        await ProblemAssert.Is(await api.ClientSession(tenant, cai).PostAsJsonAsync($"/api/client/appointments/{yogaClass}/cancel", new { }, ApiFixture.Json),
            HttpStatusCode.Conflict, "invalid_transition");
    }

    [Fact]
    public async Task A_seat_holder_confirms_their_own_attendance_not_the_whole_class()
    {
        var (tenant, location, resource, yoga) = await Setup(capacity: 4);
        var (ann, bea) = (await tenant.Client("Ann"), await tenant.Client("Bea"));
        var yogaClass = await tenant.BookedByStaff(location, resource, yoga, ann, Local(10, 10));
        using var beas = api.ClientSession(tenant, bea);
        await Send(beas, HttpMethod.Post, $"/api/client/appointments/{yogaClass}/join", null, HttpStatusCode.OK);

        var confirmed = await Send(beas, HttpMethod.Post, $"/api/client/appointments/{yogaClass}/confirm", null, HttpStatusCode.OK);

        Assert.True(confirmed.GetProperty("confirmed").GetBoolean());
        Assert.False((await Send(api.ClientSession(tenant, ann), HttpMethod.Get, $"/api/client/appointments/{yogaClass}", null, HttpStatusCode.OK))
            .GetProperty("confirmed").GetBoolean());
        Assert.False((await Staff(tenant, yogaClass)).GetProperty("confirmed").GetBoolean());
        // Moved by staff, the class asks for each seat holder's confirmation again.
        await Send(tenant.Owner, HttpMethod.Post, $"/api/appointments/{yogaClass}/reschedule", new { start = Local(10, 12) }, HttpStatusCode.OK);
        Assert.False((await Send(beas, HttpMethod.Get, $"/api/client/appointments/{yogaClass}", null, HttpStatusCode.OK)).GetProperty("confirmed").GetBoolean());
    }

    [Fact]
    public async Task A_client_cannot_move_a_shared_class_but_can_leave_it_and_staff_can_move_it()
    {
        var (tenant, location, resource, yoga) = await Setup(capacity: 4);
        var (ann, bea) = (await tenant.Client("Ann"), await tenant.Client("Bea"));
        var yogaClass = await tenant.BookedByStaff(location, resource, yoga, ann, Local(10, 10));
        using var beas = api.ClientSession(tenant, bea);
        await Send(beas, HttpMethod.Post, $"/api/client/appointments/{yogaClass}/join", null, HttpStatusCode.OK);

        foreach (var session in new[] { beas, api.ClientSession(tenant, ann) })
        {
            var refused = await ProblemAssert.Is(
                await session.PostAsJsonAsync($"/api/client/appointments/{yogaClass}/reschedule", new { start = Local(11, 10) }, ApiFixture.Json),
                (HttpStatusCode)422, "policy_group_reschedule");
            Assert.Contains("leave it instead", refused.GetProperty("detail").GetString());
        }

        using var anns = api.ClientSession(tenant, ann);
        var left = await Send(anns, HttpMethod.Post, $"/api/client/appointments/{yogaClass}/cancel", new { message = "My knee hurts" }, HttpStatusCode.OK);
        // For Ann the class is cancelled, by her, with her message; for the others it goes on with one seat taken.
        Assert.Equal(("cancelled", 1), (left.GetProperty("status").GetString(), left.GetProperty("seatsTaken").GetInt32()));
        Assert.Equal(("client", "My knee hurts"),
            (left.GetProperty("cancellation").GetProperty("reason").GetString(), left.GetProperty("cancellation").GetProperty("message").GetString()));
        var listed = (await Send(anns, HttpMethod.Get, "/api/client/appointments", null, HttpStatusCode.OK)).GetProperty("items");
        Assert.Equal([(yogaClass, "cancelled")], listed.EnumerateArray().Select(a => (a.GetProperty("id").GetGuid(), a.GetProperty("status").GetString())));
        Assert.Equal("booked", (await Send(beas, HttpMethod.Get, $"/api/client/appointments/{yogaClass}", null, HttpStatusCode.OK)).GetProperty("status").GetString());
        await ProblemAssert.Is(await anns.PostAsync($"/api/client/appointments/{yogaClass}/confirm", null), HttpStatusCode.Conflict, "invalid_transition");
        var staffView = await Staff(tenant, yogaClass);
        Assert.Equal(bea, staffView.GetProperty("clientId").GetGuid());
        Assert.Equal([bea], staffView.GetProperty("seats").EnumerateArray().Select(s => s.GetGuid()));
        Assert.Equal("My knee hurts", staffView.GetProperty("history").EnumerateArray().Last().GetProperty("message").GetString());

        var moved = await Send(beas, HttpMethod.Post, $"/api/client/appointments/{yogaClass}/reschedule", new { start = Local(11, 10) }, HttpStatusCode.OK);
        Assert.Equal(Local(11, 10), moved.GetProperty("start").GetDateTimeOffset());
        await Send(tenant.Owner, HttpMethod.Post, $"/api/appointments/{yogaClass}/seats", new { clientId = ann }, HttpStatusCode.OK);
        await Send(tenant.Owner, HttpMethod.Post, $"/api/appointments/{yogaClass}/reschedule", new { start = Local(12, 10) }, HttpStatusCode.OK);
        Assert.Equal(2, (await Staff(tenant, yogaClass)).GetProperty("seats").GetArrayLength());
    }

    [Fact]
    public async Task The_last_one_leaving_keeps_the_class_open_and_every_seat_holder_has_it_in_their_profile()
    {
        var (tenant, location, resource, yoga) = await Setup(capacity: 2);
        var (ann, bea) = (await tenant.Client("Ann"), await tenant.Client("Bea"));
        var yogaClass = await tenant.BookedByStaff(location, resource, yoga, ann, Local(10, 10));
        await Send(api.ClientSession(tenant, bea), HttpMethod.Post, $"/api/client/appointments/{yogaClass}/join", null, HttpStatusCode.OK);

        foreach (var client in new[] { ann, bea })
        {
            var profile = await Send(tenant.Owner, HttpMethod.Get, $"/api/clients/{client}", null, HttpStatusCode.OK);
            Assert.Contains(yogaClass, profile.GetProperty("appointmentIds").EnumerateArray().Select(a => a.GetGuid()));
            // The profile's list of appointments and the list filtered by client have the class too, for the booker and the one who joined.
            await Eventually.True(async () =>
                (await Send(tenant.Owner, HttpMethod.Get, $"/api/clients/{client}/appointments", null, HttpStatusCode.OK)).GetProperty("items")
                    .EnumerateArray().Any(a => a.GetProperty("id").GetGuid() == yogaClass)
                && (await Send(tenant.Owner, HttpMethod.Get, $"/api/appointments?clientId={client}", null, HttpStatusCode.OK)).GetProperty("items")
                    .EnumerateArray().Any(a => a.GetProperty("id").GetGuid() == yogaClass),
                "the class is listed for each seat holder");
        }

        await Send(tenant.Owner, HttpMethod.Delete, $"/api/appointments/{yogaClass}/seats/{ann}", null, HttpStatusCode.OK);
        await Send(tenant.Owner, HttpMethod.Delete, $"/api/appointments/{yogaClass}/seats/{bea}", null, HttpStatusCode.OK);
        // Out of the class, Ann keeps it on her record; the list filtered by client is of who is in it now.
        await Eventually.True(async () =>
            (await Send(tenant.Owner, HttpMethod.Get, $"/api/appointments?clientId={ann}", null, HttpStatusCode.OK)).GetProperty("items").GetArrayLength() == 0,
            "the class is no longer listed by Ann's id");
        Assert.Contains(yogaClass, (await Send(tenant.Owner, HttpMethod.Get, $"/api/clients/{ann}/appointments", null, HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetGuid()));
        var empty = await Staff(tenant, yogaClass);
        Assert.Equal("booked", empty.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, empty.GetProperty("clientId").ValueKind);
        Assert.Equal(0, empty.GetProperty("seats").GetArrayLength());
        await ProblemAssert.Is(await tenant.Owner.DeleteAsync($"/api/appointments/{yogaClass}/seats/{bea}"), HttpStatusCode.NotFound, "not_found");

        await Send(api.ClientSession(tenant, bea), HttpMethod.Post, $"/api/client/appointments/{yogaClass}/join", null, HttpStatusCode.OK);
        Assert.Equal(bea, (await Staff(tenant, yogaClass)).GetProperty("clientId").GetGuid());
    }

    [Fact]
    public async Task Ordinary_appointments_have_no_seats()
    {
        var (tenant, location, resource, _) = await Setup(capacity: 2);
        var haircut = await tenant.ServiceWith();
        var (ann, bea) = (await tenant.Client("Ann"), await tenant.Client("Bea"));
        var appointment = await tenant.BookedByStaff(location, resource, haircut, ann, Local(10, 10));

        await ProblemAssert.Is(await tenant.Owner.PostAsJsonAsync($"/api/appointments/{appointment}/seats", new { clientId = bea }, ApiFixture.Json),
            HttpStatusCode.Conflict, "not_a_group");
        await ProblemAssert.Is(await api.ClientSession(tenant, ann).PostAsync($"/api/client/appointments/{appointment}/join", null),
            HttpStatusCode.NotFound, "not_found");
        await ProblemAssert.Is(await tenant.Owner.PostAsJsonAsync($"/api/appointments/{appointment}/seats", new { }, ApiFixture.Json),
            HttpStatusCode.BadRequest, "validation_failed", "clientId");
    }

    [Fact]
    public async Task Clients_racing_for_the_last_seats_never_overfill_the_class()
    {
        var (tenant, location, resource, yoga) = await Setup(capacity: 3);
        var yogaClass = await tenant.BookedByStaff(location, resource, yoga, await tenant.Client("Ann"), Local(10, 10));
        var clients = new List<Guid>();
        for (var i = 0; i < 10; i++) clients.Add(await tenant.Client($"Racer{i}"));

        var answers = await Task.WhenAll(clients.Select(c => api.ClientSession(tenant, c).PostAsync($"/api/client/appointments/{yogaClass}/join", null)));

        Assert.Equal(2, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.Equal(8, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(3, (await Staff(tenant, yogaClass)).GetProperty("seats").GetArrayLength());
    }

    private async Task<(Tenant Tenant, Guid Location, Guid Resource, Guid Service)> Setup(int capacity)
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var resource = await tenant.Resource(location, "Studio", "room");
        return (tenant, location, resource, await tenant.ServiceWith(capacity: capacity, name: "Yoga"));
    }
}
