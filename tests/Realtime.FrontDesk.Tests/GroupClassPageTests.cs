using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Realtime.FrontDesk.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Realtime.FrontDesk.Tests;

[Collection(FrontDeskCollection.Name)]
public sealed class GroupClassPageTests(FrontDeskFixture fixture)
{
    [Fact]
    public async Task A_class_shows_who_holds_its_seats_and_the_desk_seats_clients_and_takes_them_out()
    {
        var salon = await Salon.Create(fixture, "Classes");
        var yoga = await salon.Create("/api/services", new { name = "Yoga", durationMinutes = 60, price = 40, capacity = 4 });
        // The day after the desk's: far enough ahead for a client to cancel under the default policy (24 hours' notice).
        var yogaClass = Salon.Id(await salon.Book([salon.Room], salon.At(11).AddDays(1), [yoga], salon.Clients["Anna"]));
        await salon.Act(yogaClass, "seats", new { clientId = salon.Clients["Ewa"] });
        var desk = await fixture.OpenDesk(salon, "Europe/Warsaw");
        await desk.Page.Locator("#next").ClickAsync();
        var card = desk.Event(yogaClass);
        var seats = desk.Dialog.Locator(".seat-list li");

        await Expect(card).ToContainTextAsync("Class, 2 of 4 seats");
        await card.ClickAsync();
        await Expect(desk.Dialog.Locator("h2")).ToHaveTextAsync("Yoga class");
        await Expect(seats).ToHaveTextAsync([new Regex("Anna Wiśniewska"), new Regex("Ewa Zielińska")]);

        // Someone already in the class is not seated twice.
        await desk.Dialog.GetByLabel("Search clients").FillAsync("Anna");
        await desk.Dialog.Locator(".client-option", new() { HasText = "Anna Wiśniewska" }).ClickAsync();
        await Expect(desk.Dialog.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Anna Wiśniewska already holds a seat in this class.");

        // Seated elsewhere while the desk looks someone up: what was typed stays. The live change names only the first
        // seat holder, and the page asks for the rest.
        await desk.Dialog.GetByLabel("Search clients").FillAsync("Zofia");
        await Expect(desk.Dialog.Locator(".client-option", new() { HasText = "Zofia Wójcik" })).ToBeVisibleAsync();
        await salon.Act(yogaClass, "seats", new { clientId = salon.Clients["Katarzyna"] });
        await Expect(seats).ToHaveCountAsync(3);
        await Expect(seats.Nth(2)).ToContainTextAsync("Katarzyna Lewandowska");
        await Expect(desk.Dialog.GetByLabel("Search clients")).ToHaveValueAsync("Zofia");
        await Expect(desk.Dialog.GetByLabel("Search clients")).ToBeFocusedAsync();

        await desk.Dialog.Locator(".client-option", new() { HasText = "Zofia Wójcik" }).ClickAsync();

        await Expect(card).ToContainTextAsync("Class, 4 of 4 seats");
        await Expect(card.Locator(".flag-full")).ToBeVisibleAsync();
        await Expect(seats).ToHaveCountAsync(4);
        await Expect(desk.Dialog.GetByLabel("Search clients")).ToHaveCountAsync(0);
        await Expect(desk.Page.Locator("#notice")).ToContainTextAsync("Zofia Wójcik seated, 4 of 4 seats taken");

        await desk.Dialog.GetByRole(AriaRole.Button, new() { Name = "Take Ewa Zielińska out of the class" }).ClickAsync();

        await Expect(card).ToContainTextAsync("Class, 3 of 4 seats");
        await Expect(seats).ToHaveCountAsync(3);
        await Expect(desk.Page.Locator("#notice")).ToContainTextAsync("Ewa Zielińska taken out, 3 of 4 seats taken");

        // Taken out by mistake: given back at once.
        await Expect(desk.Dialog.Locator(".seat-undo")).ToContainTextAsync("Ewa Zielińska taken out.");
        await desk.Dialog.Locator(".seat-undo").GetByRole(AriaRole.Button, new() { Name = "Undo" }).ClickAsync();
        await Expect(desk.Page.Locator("#notice")).ToContainTextAsync("Ewa Zielińska seated again, 4 of 4 seats taken");
        await Expect(card).ToContainTextAsync("Class, 4 of 4 seats");
        await Expect(seats).ToHaveCountAsync(4);
        await Expect(desk.Dialog.Locator(".seat-undo")).ToHaveCountAsync(0);
        await desk.Dialog.GetByRole(AriaRole.Button, new() { Name = "Take Ewa Zielińska out of the class" }).ClickAsync();
        await Expect(seats).ToHaveCountAsync(3);

        // A client leaving through the client API is named in the history, with the message they left.
        using (var anna = fixture.Http(fixture.ClientSession(salon.OrganizationId, salon.Clients["Anna"])))
        {
            var left = await anna.PostAsJsonAsync($"/api/client/appointments/{yogaClass}/cancel", new { message = "Knee injury" });
            Assert.Equal(HttpStatusCode.OK, left.StatusCode);
        }

        await Expect(seats).ToHaveCountAsync(2);
        await desk.Dialog.Locator(".history summary").ClickAsync();
        await Expect(desk.Dialog.Locator(".history li").First).ToContainTextAsync("Anna Wiśniewska (client)");
        await Expect(desk.Dialog.Locator(".history li").First).ToContainTextAsync("“Knee injury”");
        await desk.Screenshot("group-class.png");
        Assert.Empty(desk.Errors);
    }
}
