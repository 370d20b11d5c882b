using Microsoft.Extensions.DependencyInjection;
using Realtime.Api.Auth;
using Realtime.Api.Tests.Notifications;

namespace Realtime.Api.Tests.Waitlist;

/// <summary>The waitlist's messages through the real outbox and dispatcher: offered to every candidate, gone to the losers.</summary>
[Collection(NotificationApiCollection.Name)]
public sealed class OfferMessageTests(NotificationApiFixture api)
{
    /// <summary>Ewa (Polish) and John (English) wait for a service at the salon, and a visit of it is cancelled: both are offered the slot.</summary>
    private async Task<(Salon Salon, Guid Cancelled, Guid John, string EwaEmail, string JohnEmail)> OfferedToEwaAndJohn(string service, int hour, int minute)
    {
        var salon = await api.NewSalon("Salon Aurora");
        var serviceId = Id(await Send(salon.Owner, HttpMethod.Post, "/api/services", new { name = service, durationMinutes = 60, price = 80 }, HttpStatusCode.Created));
        var (ewa, ewaEmail) = await salon.Client("pl", firstName: "Ewa");
        var (john, johnEmail) = await salon.Client("en", firstName: "John");
        var (leaving, _) = await salon.Client("en", firstName: "Leaving");
        foreach (var client in new[] { ewa, john })
        {
            await Send(salon.Owner, HttpMethod.Post, "/api/waitlist", new { clientId = client, locationId = salon.LocationId, serviceId }, HttpStatusCode.Created);
        }

        var booked = Id(await Send(salon.Owner, HttpMethod.Post, "/api/appointments", new
        {
            locationId = salon.LocationId, resourceIds = new[] { salon.StaffId }, serviceIds = new[] { serviceId }, clientId = leaving, start = Local(3, hour, minute),
        }, HttpStatusCode.Created));
        await Send(salon.Owner, HttpMethod.Post, $"/api/appointments/{booked}/cancel", new { reason = "client" }, HttpStatusCode.OK);
        return (salon, booked, john, ewaEmail, johnEmail);
    }

    [Fact]
    public async Task Candidates_are_told_of_the_offer_in_their_language_and_the_others_that_it_is_gone()
    {
        var (salon, _, john, ewaEmail, johnEmail) = await OfferedToEwaAndJohn("Strzyżenie", 10, 30);

        var offered = Assert.Single(await api.Smtp.WaitFor(ewaEmail));
        Assert.StartsWith("Salon Aurora: zwolnił się termin ", offered.Subject);
        Assert.EndsWith("godz. 10:30", offered.Subject);
        Assert.Contains("Zaakceptuj go w ciągu 5 minut", offered.TextBody);
        Assert.StartsWith("Dzień dobry,", offered.TextBody);
        Assert.Contains("Zaakceptuj tutaj: http://localhost:5080/client/sign-in?token=", offered.TextBody);
        Assert.Contains("Strzyżenie", offered.TextBody);
        var johnOffered = Assert.Single(await api.Smtp.WaitFor(johnEmail));
        Assert.Contains("Accept it within 5 minutes", johnOffered.TextBody);

        var (token, _) = api.Factory.Services.GetRequiredService<ClientSessions>().Issue(new ClientCaller(Guid.NewGuid(), salon.OrganizationId, john, null));
        using var johnSession = api.Client(token);
        var offers = await Send(johnSession, HttpMethod.Get, "/api/client/offers", null, HttpStatusCode.OK);
        await Send(johnSession, HttpMethod.Post, $"/api/client/offers/{offers[0].GetProperty("id").GetGuid()}/accept", null, HttpStatusCode.OK);

        var ewaMessages = await api.Smtp.WaitFor(ewaEmail, count: 2);
        Assert.Contains(ewaMessages, m => (m.Subject ?? "").StartsWith("Salon Aurora: termin ") && (m.Subject ?? "").EndsWith("jest już niedostępny"));
        Assert.Single(api.Smtp.Messages(), m => m.To.Mailboxes.Any(a => a.Address == johnEmail) && (m.Subject ?? "").Contains("a slot is free"));
        Assert.DoesNotContain(api.Smtp.Messages(), m => m.To.Mailboxes.Any(a => a.Address == johnEmail) && (m.Subject ?? "").Contains("gone"));
    }

    [Fact]
    public async Task When_the_desk_takes_the_offered_time_every_candidate_is_told_it_is_gone()
    {
        var (salon, booked, _, ewaEmail, johnEmail) = await OfferedToEwaAndJohn("Koloryzacja", 12, 0);
        await api.Smtp.WaitFor(ewaEmail);
        await api.Smtp.WaitFor(johnEmail);

        await Send(salon.Owner, HttpMethod.Post, $"/api/appointments/{booked}/restore", null, HttpStatusCode.OK);

        Assert.Contains(await api.Smtp.WaitFor(ewaEmail, count: 2), m => (m.Subject ?? "").EndsWith("jest już niedostępny"));
        Assert.Contains(await api.Smtp.WaitFor(johnEmail, count: 2), m => (m.Subject ?? "").Contains("gone"));
    }

    [Fact]
    public async Task Each_seat_offered_in_a_class_is_a_message_of_its_own()
    {
        var salon = await api.NewSalon("Salon Aurora");
        var yoga = Id(await Send(salon.Owner, HttpMethod.Post, "/api/services", new { name = "Yoga", durationMinutes = 60, price = 40, capacity = 3 }, HttpStatusCode.Created));
        var (waiting, waitingEmail) = await salon.Client("en", firstName: "Wanda");
        var seated = new List<Guid>();
        for (var i = 0; i < 3; i++) seated.Add((await salon.Client("en", firstName: $"Seat{i}")).Id);
        var yogaClass = Id(await Send(salon.Owner, HttpMethod.Post, "/api/appointments", new
        {
            locationId = salon.LocationId, resourceIds = new[] { salon.StaffId }, serviceIds = new[] { yoga }, clientId = seated[0], start = Local(3, 18),
        }, HttpStatusCode.Created));
        foreach (var client in seated.Skip(1)) await Send(salon.Owner, HttpMethod.Post, $"/api/appointments/{yogaClass}/seats", new { clientId = client }, HttpStatusCode.OK);
        await Send(salon.Owner, HttpMethod.Post, "/api/waitlist", new { clientId = waiting, locationId = salon.LocationId, serviceId = yoga }, HttpStatusCode.Created);

        await Send(salon.Owner, HttpMethod.Delete, $"/api/appointments/{yogaClass}/seats/{seated[1]}", null, HttpStatusCode.OK);
        Assert.Single(await api.Smtp.WaitFor(waitingEmail));
        await Send(salon.Owner, HttpMethod.Delete, $"/api/appointments/{yogaClass}/seats/{seated[2]}", null, HttpStatusCode.OK);

        var offers = await api.Smtp.WaitFor(waitingEmail, count: 2);
        Assert.All(offers, m => Assert.Contains("a slot is free", m.Subject));
    }
}
