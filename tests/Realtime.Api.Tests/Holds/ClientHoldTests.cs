using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Realtime.Api.Auth;
using Realtime.Api.Tests.Live;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Common;
using Realtime.Testing;

namespace Realtime.Api.Tests.Holds;

[Collection(ApiCollection.Name)]
public sealed class ClientHoldTests(ApiFixture api)
{
    private static HttpClient Session(WebApplicationFactory<Program> node, Guid organizationId, Guid clientId)
    {
        var (token, _) = node.Services.GetRequiredService<ClientSessions>().Issue(new ClientCaller(Guid.NewGuid(), organizationId, clientId, null));
        var http = node.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static object HoldBody(Guid location, Guid service, Guid resource, DateTimeOffset start) =>
        new { locationId = location, serviceIds = new[] { service }, resourceIds = new[] { resource }, start };

    private static async Task<JsonElement[]> Slots(Tenant tenant, Guid location, Guid service, int daysFromToday)
    {
        var from = Uri.EscapeDataString(Local(daysFromToday, 0).ToString("O"));
        var to = Uri.EscapeDataString(Local(daysFromToday + 1, 0).ToString("O"));
        var found = await Send(tenant.Owner, HttpMethod.Get, $"/api/locations/{location}/availability?serviceId={service}&from={from}&to={to}", null, HttpStatusCode.OK);
        return [.. found.GetProperty("slots").EnumerateArray()];
    }

    [Fact]
    public async Task A_held_slot_is_refused_to_staff_and_left_out_of_availability_until_the_client_lets_it_go()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var anna = await tenant.Resource(location);
        var service = await tenant.Service(60);
        var (ewa, olga) = (await tenant.Client("Ewa"), await tenant.Client("Olga"));
        using var ewaSession = Session(api.Factory, tenant.OrganizationId, ewa);
        using var olgaSession = Session(api.Factory, tenant.OrganizationId, olga);
        var start = Local(3, 10);

        var hold = await Send(ewaSession, HttpMethod.Post, "/api/client/holds", HoldBody(location, service, anna, start), HttpStatusCode.Created);
        var holdId = hold.GetProperty("holdId").GetGuid();

        Assert.Equal(7, holdId.Version);
        Assert.Equal(start.AddHours(1), hold.GetProperty("end").GetDateTimeOffset());
        Assert.Equal([anna], hold.GetProperty("resourceIds").EnumerateArray().Select(r => r.GetGuid()));
        var expiresIn = hold.GetProperty("expiresAt").GetDateTimeOffset() - DateTimeOffset.UtcNow;
        Assert.InRange(expiresIn, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5));
        var heldUntil = TimeZoneInfo.ConvertTime(hold.GetProperty("expiresAt").GetDateTimeOffset(), TimeZoneInfo.FindSystemTimeZoneById("Europe/Warsaw"));
        var toStaff = await ProblemAssert.Is(await tenant.Owner.PostAsJsonAsync("/api/appointments", Booking(location, [anna], start.AddMinutes(30)), ApiFixture.Json),
            HttpStatusCode.Conflict, "slot_taken", "resourceIds");
        Assert.Equal($"Anna is busy at that time: held online by a client until {heldUntil:HH:mm}.", toStaff.GetProperty("errors").GetProperty("resourceIds")[0].GetString());
        Assert.DoesNotContain(holdId.ToString(), toStaff.GetRawText()); // a hold is no appointment to look up
        var toOlga = await ProblemAssert.Is(await olgaSession.PostAsJsonAsync("/api/client/holds", HoldBody(location, service, anna, start), ApiFixture.Json),
            HttpStatusCode.Conflict, "slot_taken", "resourceIds");
        Assert.Equal(toStaff.GetProperty("errors").GetRawText(), toOlga.GetProperty("errors").GetRawText());
        Assert.DoesNotContain(holdId.ToString(), toOlga.GetRawText());
        Assert.DoesNotContain(await Slots(tenant, location, service, 3), s => s.GetProperty("start").GetDateTimeOffset() == start);
        await ProblemAssert.Is(await olgaSession.DeleteAsync($"/api/client/holds/{holdId}"), HttpStatusCode.NotFound, "not_found");

        Assert.Equal(HttpStatusCode.NoContent, (await ewaSession.DeleteAsync($"/api/client/holds/{holdId}")).StatusCode);

        Assert.Contains(await Slots(tenant, location, service, 3), s => s.GetProperty("start").GetDateTimeOffset() == start);
        await Send(tenant.Owner, HttpMethod.Post, "/api/appointments", Booking(location, [anna], start), HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_client_holds_two_slots_at_most_even_when_asking_for_more_at_once_and_one_ended_makes_room()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var (anna, piotr) = (await tenant.Resource(location), await tenant.Resource(location, "Piotr"));
        var service = await tenant.Service(30);
        var (ewa, olga) = (await tenant.Client("Ewa"), await tenant.Client("Olga"));
        using var ewaSession = Session(api.Factory, tenant.OrganizationId, ewa);
        using var olgaSession = Session(api.Factory, tenant.OrganizationId, olga);

        var asked = await Task.WhenAll(Enumerable.Range(0, 5).Select(i =>
            ewaSession.PostAsJsonAsync("/api/client/holds", HoldBody(location, service, anna, Local(3, 9 + i)), ApiFixture.Json)));

        Assert.Equal(2, asked.Count(r => r.StatusCode == HttpStatusCode.Created));
        var held = await Task.WhenAll(asked.Where(r => r.StatusCode == HttpStatusCode.Created).Select(r => r.Content.ReadFromJsonAsync<JsonElement>()));
        foreach (var refused in asked.Where(r => r.StatusCode != HttpStatusCode.Created)) await ProblemAssert.Is(refused, HttpStatusCode.Conflict, "too_many_holds", "start");
        await Send(olgaSession, HttpMethod.Post, "/api/client/holds", HoldBody(location, service, piotr, Local(3, 9)), HttpStatusCode.Created);

        var released = held[0].GetProperty("holdId").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await ewaSession.DeleteAsync($"/api/client/holds/{released}")).StatusCode);
        var again = await Send(ewaSession, HttpMethod.Post, "/api/client/holds", HoldBody(location, service, piotr, Local(3, 15)), HttpStatusCode.Created);
        await Send(ewaSession, HttpMethod.Post, "/api/client/appointments", new
        {
            locationId = location, serviceIds = new[] { service }, resourceIds = new[] { piotr }, start = Local(3, 15),
            holdId = again.GetProperty("holdId").GetGuid(),
        }, HttpStatusCode.Created);
        await Send(ewaSession, HttpMethod.Post, "/api/client/holds", HoldBody(location, service, piotr, Local(3, 16)), HttpStatusCode.Created);
        await ProblemAssert.Is(await ewaSession.PostAsJsonAsync("/api/client/holds", HoldBody(location, service, piotr, Local(3, 17)), ApiFixture.Json),
            HttpStatusCode.Conflict, "too_many_holds");
    }

    [Fact]
    public async Task A_hold_request_names_every_missing_field_and_needs_a_client_session()
    {
        var tenant = await api.NewTenant();
        var ewa = await tenant.Client();
        using var session = Session(api.Factory, tenant.OrganizationId, ewa);

        var problem = await ProblemAssert.Is(await session.PostAsJsonAsync("/api/client/holds", new { }, ApiFixture.Json),
            HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["locationId", "resourceIds", "serviceIds", "start"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
        await ProblemAssert.Is(await tenant.Owner.PostAsJsonAsync("/api/client/holds", new { }, ApiFixture.Json), HttpStatusCode.Unauthorized, "unauthorized");
        await ProblemAssert.Is(await session.PostAsJsonAsync(
            "/api/client/holds", HoldBody(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Local(2, 10)), ApiFixture.Json),
            HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task A_hold_expires_after_the_configured_lifetime_and_the_desks_see_it_come_and_go()
    {
        await using var node = await api.StartNode(new Dictionary<string, string> { ["Realtime:Holds:Lifetime"] = "00:00:02" });
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var anna = await tenant.Resource(location);
        var service = await tenant.Service(45);
        var ewa = await tenant.Client();
        using var session = Session(node, tenant.OrganizationId, ewa);
        var start = Local(4, 9);
        await using var desk = await Desk.Open(api.Factory, tenant.OwnerKey, location, Local(4, 0));

        var hold = await Send(session, HttpMethod.Post, "/api/client/holds", HoldBody(location, service, anna, start), HttpStatusCode.Created);
        var holdId = hold.GetProperty("holdId").GetGuid();
        await desk.Until(d => d.Holds.ContainsKey(holdId));
        Assert.Equal(start, desk.Holds[holdId].GetProperty("start").GetDateTimeOffset());

        await desk.Until(d => d.Holds.Count == 0);
        Assert.Equal(2, desk.Applied.Count);
        Assert.Equal(0, desk.Reloads);
        await Eventually.True(async () => (await Slots(tenant, location, service, 4)).Any(s => s.GetProperty("start").GetDateTimeOffset() == start),
            "the slot is offered again");
        await Send(tenant.Owner, HttpMethod.Post, "/api/appointments", Booking(location, [anna], start, 45), HttpStatusCode.Created);
    }

    [Fact]
    public async Task The_snapshot_shows_live_holds_and_a_booked_hold_turns_into_its_appointment_on_the_desk()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var anna = await tenant.Resource(location);
        var service = await tenant.Service(30);
        var ewa = await tenant.Client();
        using var session = Session(api.Factory, tenant.OrganizationId, ewa);
        var start = Local(5, 13);
        var hold = await Send(session, HttpMethod.Post, "/api/client/holds", HoldBody(location, service, anna, start), HttpStatusCode.Created);
        var holdId = hold.GetProperty("holdId").GetGuid();

        await using var desk = await Desk.Open(api.Factory, tenant.OwnerKey, location, Local(5, 0));
        Assert.True(desk.Holds.ContainsKey(holdId), "the snapshot lists the hold");

        var booking = new BookAppointment(
            tenant.OrganizationId, location, [anna], [service], ewa, start, null, AppointmentKind.Appointment,
            false, false, "online", null, null, [], false, false, new Actor(ActorKind.Client, ewa.ToString(), "client"));
        var booked = await api.Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IAppointmentGrain>(holdId).Book(booking);

        Assert.True(booked.IsSuccess, booked.Error?.Message);
        await desk.Until(d => d.Appointments.ContainsKey(holdId) && d.Holds.Count == 0);
        Assert.Equal(0, desk.Reloads);
    }
}
