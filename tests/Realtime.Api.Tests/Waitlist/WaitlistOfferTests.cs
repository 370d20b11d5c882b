using Realtime.Testing;
using Realtime.Api.Tests.ClientApi;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Realtime.Api.Auth;
using Realtime.Grains.Domain.Calendars;
using Realtime.Grains.Domain.Waitlist;
using Realtime.Grains.Interfaces.Calendars;
using Realtime.Grains.Interfaces.Waitlist;

namespace Realtime.Api.Tests.Waitlist;

[Collection(ApiCollection.Name)]
public sealed class WaitlistOfferTests(ApiFixture api)
{
    private IGrainFactory Grains => api.Factory.Services.GetRequiredService<IGrainFactory>();

    private HttpClient Session(Guid organizationId, Guid clientId)
    {
        var (token, _) = api.Factory.Services.GetRequiredService<ClientSessions>().Issue(new ClientCaller(Guid.NewGuid(), organizationId, clientId, null));
        var http = api.Factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static async Task<JsonElement> OfferTo(HttpClient session)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var offers = await Send(session, HttpMethod.Get, "/api/client/offers", null, HttpStatusCode.OK);
            if (offers.GetArrayLength() > 0) return offers[0];
            if (DateTime.UtcNow > deadline) Assert.Fail("No offer within 15 s.");
            await Task.Delay(100);
        }
    }

    private static object Booking(Guid location, Guid resource, Guid service, DateTimeOffset start, Guid client, bool asap = false) =>
        new { locationId = location, resourceIds = new[] { resource }, serviceIds = new[] { service }, clientId = client, start, asap };

    private async Task<Reservation[]> Reservations(Guid resource, DateTimeOffset at) =>
        await Grains.GetGrain<IResourceCalendarGrain>(CalendarPartitions.Key(resource, DateOnly.FromDateTime(at.UtcDateTime))).GetReservations();

    [Fact]
    public async Task A_cancelled_slot_is_offered_to_the_waiting_clients_in_order_and_the_first_to_accept_gets_it()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var anna = await tenant.Resource(location);
        var service = await tenant.Service(60);
        var (ewa, olga, piotr, marek) = (await tenant.Client("Ewa"), await tenant.Client("Olga"), await tenant.Client("Piotr"), await tenant.Client("Marek"));
        using var ewaSession = Session(tenant.OrganizationId, ewa);
        using var olgaSession = Session(tenant.OrganizationId, olga);
        using var piotrSession = Session(tenant.OrganizationId, piotr);
        using var marekSession = Session(tenant.OrganizationId, marek);
        await Send(ewaSession, HttpMethod.Post, "/api/client/waitlist", new { locationId = location, serviceId = service }, HttpStatusCode.Created);
        await Send(tenant.Owner, HttpMethod.Post, "/api/waitlist", new { clientId = olga, locationId = location, serviceId = service }, HttpStatusCode.Created);
        await Send(piotrSession, HttpMethod.Post, "/api/client/waitlist", new { locationId = location, serviceId = service }, HttpStatusCode.Created);
        var start = Local(3, 10);
        var booked = Id(await Send(tenant.Owner, HttpMethod.Post, "/api/appointments", Booking(location, anna, service, start, marek), HttpStatusCode.Created));

        await Send(tenant.Owner, HttpMethod.Post, $"/api/appointments/{booked}/cancel", new { reason = "client" }, HttpStatusCode.OK);

        var offer = await OfferTo(ewaSession);
        var offerId = offer.GetProperty("id").GetGuid();
        Assert.Equal(start, offer.GetProperty("start").GetDateTimeOffset());
        Assert.Equal(offerId, (await OfferTo(piotrSession)).GetProperty("id").GetGuid());
        Assert.Equal(0, (await Send(marekSession, HttpMethod.Get, "/api/client/offers", null, HttpStatusCode.OK)).GetArrayLength());
        var open = Assert.Single(await Grains.GetGrain<IWaitlistGrain>(WaitlistRules.Key(location, service)).OpenOffers(ewa));
        Assert.Equal([ewa, olga, piotr], open.CandidateClientIds);
        await ProblemAssert.Is(await marekSession.PostAsJsonAsync("/api/client/appointments",
            new { locationId = location, serviceIds = new[] { service }, resourceIds = new[] { anna }, start }, ApiFixture.Json), HttpStatusCode.Conflict, "slot_taken");
        await ProblemAssert.Is(await marekSession.PostAsync($"/api/client/offers/{offerId}/accept", null), HttpStatusCode.NotFound, "not_found");

        var accepted = await Send(piotrSession, HttpMethod.Post, $"/api/client/offers/{offerId}/accept", null, HttpStatusCode.OK);

        Assert.Equal(Id(accepted), Id(await Send(piotrSession, HttpMethod.Get, $"/api/client/appointments/{Id(accepted)}", null, HttpStatusCode.OK)));
        Assert.Equal(start, accepted.GetProperty("start").GetDateTimeOffset());
        Assert.Equal(open.AppointmentId, Id(accepted));
        await ProblemAssert.Is(await ewaSession.PostAsync($"/api/client/offers/{offerId}/accept", null), HttpStatusCode.Conflict, "offer_gone");
        Assert.Equal(0, (await Send(ewaSession, HttpMethod.Get, "/api/client/offers", null, HttpStatusCode.OK)).GetArrayLength());
        Assert.Equal(0, (await Send(piotrSession, HttpMethod.Get, "/api/client/waitlist", null, HttpStatusCode.OK)).GetArrayLength());
        Assert.Equal(1, (await Send(ewaSession, HttpMethod.Get, "/api/client/waitlist", null, HttpStatusCode.OK)).GetArrayLength());
        Assert.Equal([Id(accepted)], (await Reservations(anna, start)).Select(r => r.AppointmentId));
    }

    [Fact]
    public async Task A_client_cannot_take_an_offer_overlapping_a_visit_of_their_own()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var (anna, piotr) = (await tenant.Resource(location), await tenant.Resource(location, "Piotr"));
        var service = await tenant.Service(60);
        var (ewa, marek) = (await tenant.Client("Ewa"), await tenant.Client("Marek"));
        using var ewaSession = Session(tenant.OrganizationId, ewa);
        await Send(ewaSession, HttpMethod.Post, "/api/client/waitlist", new { locationId = location, serviceId = service }, HttpStatusCode.Created);
        var start = Local(3, 10);
        await Send(tenant.Owner, HttpMethod.Post, "/api/appointments", Booking(location, piotr, service, start.AddMinutes(30), ewa), HttpStatusCode.Created);
        var booked = Id(await Send(tenant.Owner, HttpMethod.Post, "/api/appointments", Booking(location, anna, service, start, marek), HttpStatusCode.Created));
        await Eventually.True(async () => (await Send(tenant.Owner, HttpMethod.Get, $"/api/appointments?clientId={ewa}", null, HttpStatusCode.OK))
            .GetProperty("items").GetArrayLength() == 1, "Ewa's visit is listed");

        await Send(tenant.Owner, HttpMethod.Post, $"/api/appointments/{booked}/cancel", new { reason = "client" }, HttpStatusCode.OK);
        var offerId = (await OfferTo(ewaSession)).GetProperty("id").GetGuid();

        var busy = await ProblemAssert.Is(await ewaSession.PostAsync($"/api/client/offers/{offerId}/accept", null), HttpStatusCode.Conflict, "client_busy", "start");
        Assert.Equal(start.AddMinutes(30), busy.GetProperty("visitStart").GetDateTimeOffset());
    }

    [Fact]
    public async Task Staff_take_the_time_of_an_offer_no_client_has_taken_up_and_the_offer_is_withdrawn()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var anna = await tenant.Resource(location);
        var service = await tenant.Service(60);
        var (ewa, marek, olga) = (await tenant.Client("Ewa"), await tenant.Client("Marek"), await tenant.Client("Olga"));
        using var ewaSession = Session(tenant.OrganizationId, ewa);
        await Send(ewaSession, HttpMethod.Post, "/api/client/waitlist", new { locationId = location, serviceId = service }, HttpStatusCode.Created);
        var start = Local(3, 11);
        var booked = Id(await Send(tenant.Owner, HttpMethod.Post, "/api/appointments", Booking(location, anna, service, start, marek), HttpStatusCode.Created));

        // Cancelled by mistake: the slot is offered at once, and the desk puts the appointment back all the same.
        await Send(tenant.Owner, HttpMethod.Post, $"/api/appointments/{booked}/cancel", new { reason = "client" }, HttpStatusCode.OK);
        var offerId = (await OfferTo(ewaSession)).GetProperty("id").GetGuid();
        await Send(tenant.Owner, HttpMethod.Post, $"/api/appointments/{booked}/restore", null, HttpStatusCode.OK);

        Assert.Equal([booked], (await Reservations(anna, start)).Select(r => r.AppointmentId));
        await ProblemAssert.Is(await ewaSession.PostAsync($"/api/client/offers/{offerId}/accept", null), HttpStatusCode.Conflict, "offer_gone");
        await Eventually.True(async () => (await Send(ewaSession, HttpMethod.Get, "/api/client/offers", null, HttpStatusCode.OK)).GetArrayLength() == 0,
            "the withdrawn offer is no longer listed");

        // Cancelled again, the next offer's time goes to the desk's new booking, through the look before it as well.
        await Send(tenant.Owner, HttpMethod.Post, $"/api/appointments/{booked}/cancel", new { reason = "client" }, HttpStatusCode.OK);
        var second = (await OfferTo(ewaSession)).GetProperty("id").GetGuid();
        Assert.NotEqual(offerId, second);
        var rebooked = Id(await Send(tenant.Owner, HttpMethod.Post, "/api/appointments", Booking(location, anna, service, start, olga), HttpStatusCode.Created));

        Assert.Equal([rebooked], (await Reservations(anna, start)).Select(r => r.AppointmentId));
        await ProblemAssert.Is(await ewaSession.PostAsync($"/api/client/offers/{second}/accept", null), HttpStatusCode.Conflict, "offer_gone");
    }

    [Fact]
    public async Task A_client_blacklisted_after_joining_is_offered_nothing()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var anna = await tenant.Resource(location);
        var service = await tenant.Service(60);
        var (ewa, olga) = (await tenant.Client("Ewa"), await tenant.Client("Olga"));
        foreach (var client in new[] { ewa, olga })
        {
            await Send(tenant.Owner, HttpMethod.Post, "/api/waitlist", new { clientId = client, locationId = location, serviceId = service }, HttpStatusCode.Created);
        }
        await Send(tenant.Owner, HttpMethod.Post, $"/api/clients/{ewa}/blacklist", new { reason = "No-shows" }, HttpStatusCode.OK);
        var booked = Id(await Send(tenant.Owner, HttpMethod.Post, "/api/appointments", Booking(location, anna, service, Local(3, 13), await tenant.Client("Gone")), HttpStatusCode.Created));

        await Send(tenant.Owner, HttpMethod.Post, $"/api/appointments/{booked}/cancel", new { reason = "client" }, HttpStatusCode.OK);

        using var olgaSession = Session(tenant.OrganizationId, olga);
        await OfferTo(olgaSession);
        Assert.Empty(await Grains.GetGrain<IWaitlistGrain>(WaitlistRules.Key(location, service)).OpenOffers(ewa));
    }

    [Fact]
    public async Task Ten_clients_accepting_one_offer_at_once_make_exactly_one_booking()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var anna = await tenant.Resource(location);
        var service = await tenant.Service(30);
        var sessions = new List<HttpClient>();
        for (var i = 0; i < 10; i++)
        {
            var session = Session(tenant.OrganizationId, await tenant.Client($"Client{i}"));
            sessions.Add(session);
            await Send(session, HttpMethod.Post, "/api/client/waitlist", new { locationId = location, serviceId = service }, HttpStatusCode.Created);
        }

        var start = Local(4, 15);
        var booked = Id(await Send(tenant.Owner, HttpMethod.Post, "/api/appointments", Booking(location, anna, service, start, await tenant.Client("Gone")), HttpStatusCode.Created));
        await Send(tenant.Owner, HttpMethod.Post, $"/api/appointments/{booked}/cancel", new { reason = "client" }, HttpStatusCode.OK);
        var offers = await Task.WhenAll(sessions.Select(OfferTo));
        var offerId = Assert.Single(offers.Select(o => o.GetProperty("id").GetGuid()).Distinct());

        var answers = await Task.WhenAll(sessions.Select(s => s.PostAsync($"/api/client/offers/{offerId}/accept", null)));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.OK)) await ProblemAssert.Is(refused, HttpStatusCode.Conflict, "offer_gone");
        var winner = await answers.Single(a => a.StatusCode == HttpStatusCode.OK).Content.ReadFromJsonAsync<JsonElement>(ApiFixture.Json);
        Assert.Equal([Id(winner)], (await Reservations(anna, start)).Select(r => r.AppointmentId));
        foreach (var session in sessions) session.Dispose();
    }

    [Fact]
    public async Task A_seat_given_up_in_a_full_class_is_offered_to_the_waiting_clients_and_the_first_to_accept_takes_it()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var anna = await tenant.Resource(location);
        var yoga = await tenant.ServiceWith(capacity: 2);
        var (ann, bea, cai, dan) = (await tenant.Client("Ann"), await tenant.Client("Bea"), await tenant.Client("Cai"), await tenant.Client("Dan"));
        using var beaSession = Session(tenant.OrganizationId, bea);
        using var caiSession = Session(tenant.OrganizationId, cai);
        using var danSession = Session(tenant.OrganizationId, dan);
        var start = Local(3, 18);
        var yogaClass = Id(await Send(tenant.Owner, HttpMethod.Post, "/api/appointments", Booking(location, anna, yoga, start, ann), HttpStatusCode.Created));
        await Send(beaSession, HttpMethod.Post, $"/api/client/appointments/{yogaClass}/join", null, HttpStatusCode.OK);
        await ProblemAssert.Is(await caiSession.PostAsync($"/api/client/appointments/{yogaClass}/join", null), HttpStatusCode.Conflict, "group_full");
        await Send(caiSession, HttpMethod.Post, "/api/client/waitlist", new { locationId = location, serviceId = yoga }, HttpStatusCode.Created);
        await Send(danSession, HttpMethod.Post, "/api/client/waitlist", new { locationId = location, serviceId = yoga }, HttpStatusCode.Created);
        await Send(beaSession, HttpMethod.Post, "/api/client/waitlist", new { locationId = location, serviceId = yoga }, HttpStatusCode.Created);

        await Send(tenant.Owner, HttpMethod.Delete, $"/api/appointments/{yogaClass}/seats/{ann}", null, HttpStatusCode.OK);

        var offer = await OfferTo(caiSession);
        var offerId = offer.GetProperty("id").GetGuid();
        Assert.Equal((yogaClass, start), (offer.GetProperty("classAppointmentId").GetGuid(), offer.GetProperty("start").GetDateTimeOffset()));
        Assert.Equal(offerId, (await OfferTo(danSession)).GetProperty("id").GetGuid());
        var open = Assert.Single(await Grains.GetGrain<IWaitlistGrain>(WaitlistRules.Key(location, yoga)).OpenOffers(cai));
        Assert.Equal([cai, dan], open.CandidateClientIds); // Bea holds a seat already; Ann gave hers up
        Assert.Equal(0, (await Send(beaSession, HttpMethod.Get, "/api/client/offers", null, HttpStatusCode.OK)).GetArrayLength());

        var accepted = await Send(danSession, HttpMethod.Post, $"/api/client/offers/{offerId}/accept", null, HttpStatusCode.OK);

        Assert.Equal(yogaClass, Id(accepted));
        var seats = (await Send(tenant.Owner, HttpMethod.Get, $"/api/appointments/{yogaClass}", null, HttpStatusCode.OK)).GetProperty("seats");
        Assert.Equal([bea, dan], seats.EnumerateArray().Select(s => s.GetGuid()));
        await ProblemAssert.Is(await caiSession.PostAsync($"/api/client/offers/{offerId}/accept", null), HttpStatusCode.Conflict, "offer_gone");
        Assert.Equal(0, (await Send(danSession, HttpMethod.Get, "/api/client/waitlist", null, HttpStatusCode.OK)).GetArrayLength());
        Assert.Equal(1, (await Send(caiSession, HttpMethod.Get, "/api/client/waitlist", null, HttpStatusCode.OK)).GetArrayLength());
        Assert.Equal([yogaClass], (await Reservations(anna, start)).Select(r => r.AppointmentId));
    }

    [Fact]
    public async Task A_seat_offer_of_a_class_that_moved_since_is_gone()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var anna = await tenant.Resource(location);
        var yoga = await tenant.ServiceWith(capacity: 2);
        var (ann, bea, cai) = (await tenant.Client("Ann"), await tenant.Client("Bea"), await tenant.Client("Cai"));
        using var caiSession = Session(tenant.OrganizationId, cai);
        var yogaClass = Id(await Send(tenant.Owner, HttpMethod.Post, "/api/appointments", Booking(location, anna, yoga, Local(3, 18), ann), HttpStatusCode.Created));
        await Send(tenant.Owner, HttpMethod.Post, $"/api/appointments/{yogaClass}/seats", new { clientId = bea }, HttpStatusCode.OK);
        await Send(caiSession, HttpMethod.Post, "/api/client/waitlist", new { locationId = location, serviceId = yoga }, HttpStatusCode.Created);
        await Send(tenant.Owner, HttpMethod.Delete, $"/api/appointments/{yogaClass}/seats/{bea}", null, HttpStatusCode.OK);
        var offerId = (await OfferTo(caiSession)).GetProperty("id").GetGuid();

        await Send(tenant.Owner, HttpMethod.Post, $"/api/appointments/{yogaClass}/reschedule", new { start = Local(3, 19) }, HttpStatusCode.OK);

        // The seat offer is withdrawn as the class gives its time up (the time it left is offered of its own); one accepted
        // before that is refused all the same.
        await Eventually.True(
            async () => (await Send(caiSession, HttpMethod.Get, "/api/client/offers", null, HttpStatusCode.OK)).EnumerateArray()
                .All(o => o.GetProperty("id").GetGuid() != offerId && o.TryGetProperty("classAppointmentId", out var seat) && seat.ValueKind == JsonValueKind.Null),
            "the seat offer is withdrawn");
        await ProblemAssert.Is(await caiSession.PostAsync($"/api/client/offers/{offerId}/accept", null), HttpStatusCode.Conflict, "offer_gone");
        var seats = (await Send(tenant.Owner, HttpMethod.Get, $"/api/appointments/{yogaClass}", null, HttpStatusCode.OK)).GetProperty("seats");
        Assert.Equal([ann], seats.EnumerateArray().Select(s => s.GetGuid()));
        Assert.Equal(1, (await Send(caiSession, HttpMethod.Get, "/api/client/waitlist", null, HttpStatusCode.OK)).GetArrayLength());
    }

    [Fact]
    public async Task An_ASAP_appointment_leaves_the_waiting_list_of_a_service_taken_off_it()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var anna = await tenant.Resource(location);
        var (cut, wash) = (await tenant.Service(30), await tenant.Service(15));
        var ewa = await tenant.Client("Ewa");
        var asap = Id(await Send(tenant.Owner, HttpMethod.Post, "/api/appointments",
            new { locationId = location, resourceIds = new[] { anna }, serviceIds = new[] { cut, wash }, clientId = ewa, start = Local(6, 16), asap = true },
            HttpStatusCode.Created));
        async Task<Guid[]> Waiting() => [.. (await Send(tenant.Owner, HttpMethod.Get, $"/api/locations/{location}/waitlist", null, HttpStatusCode.OK))
            .EnumerateArray().Select(e => e.GetProperty("serviceId").GetGuid()).Order()];
        await Eventually.True(async () => (await Waiting()).Length == 2, "the ASAP appointment waits for both its services");

        await Send(tenant.Owner, HttpMethod.Patch, $"/api/appointments/{asap}", new { serviceIds = new[] { cut } }, HttpStatusCode.OK);

        await Eventually.True(async () => (await Waiting()).SequenceEqual([cut]), "only the service it still has keeps its entry");
    }

    [Fact]
    public async Task Accepting_an_offer_moves_an_ASAP_appointment_earlier()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var anna = await tenant.Resource(location);
        var service = await tenant.Service(60);
        var (ewa, olga) = (await tenant.Client("Ewa"), await tenant.Client("Olga"));
        using var ewaSession = Session(tenant.OrganizationId, ewa);
        var later = Local(6, 16);
        var asap = Id(await Send(tenant.Owner, HttpMethod.Post, "/api/appointments", Booking(location, anna, service, later, ewa, asap: true), HttpStatusCode.Created));
        var earlier = Local(2, 9);
        var freed = Id(await Send(tenant.Owner, HttpMethod.Post, "/api/appointments", Booking(location, anna, service, earlier, olga), HttpStatusCode.Created));
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while ((await Send(tenant.Owner, HttpMethod.Get, $"/api/locations/{location}/waitlist", null, HttpStatusCode.OK)).GetArrayLength() == 0)
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("The ASAP appointment is not on the waiting list.");
            await Task.Delay(100);
        }

        await Send(tenant.Owner, HttpMethod.Post, $"/api/appointments/{freed}/cancel", new { reason = "client" }, HttpStatusCode.OK);
        var offer = await OfferTo(ewaSession);

        var moved = await Send(ewaSession, HttpMethod.Post, $"/api/client/offers/{offer.GetProperty("id").GetGuid()}/accept", null, HttpStatusCode.OK);

        Assert.Equal(asap, Id(moved));
        Assert.Equal(earlier, moved.GetProperty("start").GetDateTimeOffset());
        Assert.Equal([asap], (await Reservations(anna, earlier)).Select(r => r.AppointmentId));
        Assert.Empty(await Reservations(anna, later));
    }

    [Fact]
    public async Task Waitlist_requests_are_checked_and_each_client_reaches_only_their_own_entries()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var service = await tenant.Service(60);
        var (ewa, olga) = (await tenant.Client("Ewa"), await tenant.Client("Olga"));
        using var ewaSession = Session(tenant.OrganizationId, ewa);
        using var olgaSession = Session(tenant.OrganizationId, olga);

        var problem = await ProblemAssert.Is(await tenant.Owner.PostAsJsonAsync("/api/waitlist", new { }, ApiFixture.Json), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["clientId", "locationId", "serviceId"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
        await ProblemAssert.Is(await ewaSession.PostAsJsonAsync("/api/client/waitlist",
            new { locationId = location, serviceId = service, from = Local(3, 12), to = Local(3, 10) }, ApiFixture.Json), HttpStatusCode.BadRequest, "validation_failed", "to");
        await ProblemAssert.Is(await ewaSession.PostAsJsonAsync("/api/client/waitlist", new { locationId = location, serviceId = Guid.NewGuid() }, ApiFixture.Json),
            HttpStatusCode.NotFound, "not_found", "serviceId");
        var entry = await Send(ewaSession, HttpMethod.Post, "/api/client/waitlist", new { locationId = location, serviceId = service }, HttpStatusCode.Created);
        await ProblemAssert.Is(await ewaSession.PostAsJsonAsync("/api/client/waitlist", new { locationId = location, serviceId = service }, ApiFixture.Json),
            HttpStatusCode.Conflict, "already_exists");
        var other = await api.NewTenant();
        Assert.Equal(0, (await Send(other.Owner, HttpMethod.Get, $"/api/locations/{await other.Location()}/waitlist", null, HttpStatusCode.OK)).GetArrayLength());
        await ProblemAssert.Is(await other.Owner.GetAsync($"/api/locations/{location}/waitlist"), HttpStatusCode.NotFound, "not_found");

        await ProblemAssert.Is(await olgaSession.DeleteAsync($"/api/client/waitlist/{Id(entry)}"), HttpStatusCode.NotFound, "not_found");
        Assert.Equal(0, (await Send(olgaSession, HttpMethod.Get, "/api/client/waitlist", null, HttpStatusCode.OK)).GetArrayLength());
        Assert.Equal([ewa], (await Send(tenant.Owner, HttpMethod.Get, $"/api/locations/{location}/waitlist", null, HttpStatusCode.OK))
            .EnumerateArray().Select(e => e.GetProperty("clientId").GetGuid()));

        Assert.Equal(HttpStatusCode.NoContent, (await ewaSession.DeleteAsync($"/api/client/waitlist/{Id(entry)}")).StatusCode);
        Assert.Equal(0, (await Send(ewaSession, HttpMethod.Get, "/api/client/waitlist", null, HttpStatusCode.OK)).GetArrayLength());

        // Blacklisted, a client cannot wait for a slot they could not book; staff can still put them on the list.
        await Send(tenant.Owner, HttpMethod.Post, $"/api/clients/{olga}/blacklist", new { reason = "No-shows" }, HttpStatusCode.OK);
        await ProblemAssert.Is(await olgaSession.PostAsJsonAsync("/api/client/waitlist", new { locationId = location, serviceId = service }, ApiFixture.Json),
            HttpStatusCode.Forbidden, "client_blacklisted");
        await Send(tenant.Owner, HttpMethod.Post, "/api/waitlist", new { locationId = location, serviceId = service, clientId = olga }, HttpStatusCode.Created);
    }
}
