using System.Net.Http.Json;
using Microsoft.Playwright;
using Realtime.FrontDesk.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Realtime.FrontDesk.Tests;

/// <summary>The page the links of the client e-mails open (<c>/client/sign-in</c>, <c>/client/manage</c>).</summary>
[Collection(FrontDeskCollection.Name)]
public sealed class ClientPageTests(FrontDeskFixture fixture)
{
    [Fact]
    public async Task A_client_opens_the_link_of_their_e_mail_reads_their_visits_by_name_and_confirms_and_cancels_them()
    {
        var salon = await Salon.Create(fixture, "Client page");
        var ewa = salon.Clients["Ewa"];
        var haircut = Salon.Id(await salon.Book([salon.Julia], salon.At(11).AddDays(3), [salon.Haircut], ewa));
        await salon.Book([salon.Maria, salon.Room], salon.At(15).AddDays(4), [salon.Colouring], ewa);
        var link = fixture.SignInLink(salon.OrganizationId, ewa);

        var page = await fixture.OpenPhonePage(link);

        var card = page.Locator($".card[data-appointment-id='{haircut}']");
        await Expect(page.Locator(".card")).ToHaveCountAsync(2);
        await Expect(page.Locator("#business")).ToHaveTextAsync("Client page");
        await Expect(card.Locator(".when")).ToContainTextAsync("11:00–11:45");
        await Expect(card.Locator(".what")).ToHaveTextAsync("Haircut");
        await Expect(card.Locator(".with")).ToHaveTextAsync("With: Julia Nowak");
        await Expect(card.Locator(".where")).ToHaveTextAsync("Old Town");
        Assert.DoesNotContain("token", page.Url, StringComparison.Ordinal); // the link leaves the address bar at once

        await card.GetByRole(AriaRole.Button, new() { Name = "Confirm attendance" }).ClickAsync();
        await Expect(card).ToContainTextAsync("Thank you: your attendance is confirmed.");
        await Expect(card.GetByRole(AriaRole.Button, new() { Name = "Confirm attendance" })).ToHaveCountAsync(0);

        await card.GetByRole(AriaRole.Button, new() { Name = "Cancel appointment…" }).ClickAsync();
        await card.GetByLabel("Message for us (optional)").FillAsync("I am ill, sorry");
        await card.GetByRole(AriaRole.Button, new() { Name = "Cancel the appointment" }).ClickAsync();
        await Expect(card).ToHaveAttributeAsync("data-status", "cancelled");
        await Expect(card).ToContainTextAsync("The appointment is cancelled.");
        await page.ScreenshotAsync(new() { Path = FrontDeskFixture.Screenshot("client-page.png") });

        using var owner = fixture.Http(salon.OwnerKey);
        var cancelled = await owner.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/appointments/{haircut}");
        Assert.Equal("I am ill, sorry", cancelled.GetProperty("cancellation").GetProperty("message").GetString());

        // The link was for one sign-in: opened again, it says so in the client's words.
        await page.ReloadAsync();
        await Expect(page.Locator(".card")).ToHaveCountAsync(2); // the same tab keeps its session
        var again = await fixture.OpenPhonePage(link);
        await Expect(again.Locator("#status")).ToHaveTextAsync("This link has already been used. Ask for a new one to sign in again.");
    }

    [Fact]
    public async Task A_waiting_client_takes_a_freed_slot_from_their_page()
    {
        var salon = await Salon.Create(fixture, "Offers");
        var (ewa, anna) = (salon.Clients["Ewa"], salon.Clients["Anna"]);
        using var owner = fixture.Http(salon.OwnerKey);
        Assert.True((await owner.PostAsJsonAsync("/api/waitlist", new { clientId = ewa, locationId = salon.LocationId, serviceId = salon.Haircut })).IsSuccessStatusCode);
        var freed = Salon.Id(await salon.Book([salon.Julia], salon.At(10).AddDays(3), [salon.Haircut], anna));
        await salon.Act(freed, "cancel", new { reason = "client" });
        using var ewas = fixture.Http();
        ewas.DefaultRequestHeaders.Authorization = new("Bearer", fixture.ClientSession(salon.OrganizationId, ewa));
        await Realtime.Testing.Eventually.True(
            async () => (await ewas.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/client/offers")).GetArrayLength() == 1, "Ewa is offered the slot");

        var page = await fixture.OpenPhonePage(fixture.SignInLink(salon.OrganizationId, ewa));

        var offer = page.Locator(".card.offer");
        await Expect(offer).ToContainTextAsync("A slot is free for you");
        await Expect(offer.Locator(".what")).ToHaveTextAsync("Haircut");
        await offer.GetByRole(AriaRole.Button, new() { Name = "Take it" }).ClickAsync();
        await Expect(page.Locator("#status")).ToHaveTextAsync("It is yours: see it in your appointments.");
        await Expect(page.Locator(".card.offer")).ToHaveCountAsync(0);
        await Expect(page.Locator(".card[data-status='booked']")).ToContainTextAsync("With: Julia Nowak");
        await page.ScreenshotAsync(new() { Path = FrontDeskFixture.Screenshot("client-page-offer.png") });
    }
}
