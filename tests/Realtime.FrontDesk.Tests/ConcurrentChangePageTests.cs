using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Realtime.FrontDesk.Tests.Infrastructure;
using Realtime.Testing;
using static Microsoft.Playwright.Assertions;

namespace Realtime.FrontDesk.Tests;

/// <summary>Two receptionists on one visit: the desk that acts on what it showed before never overwrites the other's change.</summary>
[Collection(FrontDeskCollection.Name)]
public sealed class ConcurrentChangePageTests(FrontDeskFixture fixture)
{
    [Fact]
    public async Task An_edit_made_on_a_visit_someone_else_moved_meanwhile_is_not_saved_and_the_visit_shows_as_it_is_now()
    {
        // Where it is now midday, so that the client can arrive for a visit this afternoon, whatever the hour the tests run at.
        var salon = await Salon.Create(fixture, "Two receptionists", TestZones.Midday());
        var visit = Salon.Id(await salon.Book([salon.Julia], salon.TodayAt(13), [salon.Haircut], salon.Clients["Zofia"]));
        var desk = await fixture.OpenDesk(salon, "Europe/Warsaw", date: salon.Today);
        var card = desk.Event(visit);
        await card.ClickAsync();
        // Today's visit, the client not yet in: the desk can check them in.
        await Expect(desk.Dialog.GetByRole(AriaRole.Button, new() { Name = "Arrived", Exact = true })).ToBeVisibleAsync();
        await desk.Dialog.GetByRole(AriaRole.Button, new() { Name = "Edit…", Exact = true }).ClickAsync();
        await desk.Dialog.GetByLabel("Price").FillAsync("95");

        await salon.Act(visit, "reschedule", new { start = salon.TodayAt(15) }); // the other desk, meanwhile
        await Expect(card).ToHaveAttributeAsync("data-start", "15:00");
        var refused = await desk.Answer("PATCH", $"/api/appointments/{visit}",
            () => desk.Dialog.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync());

        Assert.Equal(412, refused.Status);
        var told = desk.Dialog.Locator(".problem[data-code='appointment_changed']");
        await Expect(told).ToContainTextAsync("Someone else changed this visit meanwhile, so your change was not saved.");
        await Expect(desk.Dialog).ToContainTextAsync("15:00–15:45");
        await Expect(desk.Dialog.GetByRole(AriaRole.Button, new() { Name = "Edit…", Exact = true })).ToBeVisibleAsync();
        var stored = await salon.Owner.GetFromJsonAsync<JsonElement>($"/api/appointments/{visit}");
        Assert.Equal(120m, stored.GetProperty("price").GetDecimal());

        // Made again on what it shows now, the edit is saved; and the client is checked in, to complete the visit.
        await desk.Dialog.GetByRole(AriaRole.Button, new() { Name = "Edit…", Exact = true }).ClickAsync();
        await desk.Dialog.GetByLabel("Price").FillAsync("95");
        var saved = await desk.Answer("PATCH", $"/api/appointments/{visit}",
            () => desk.Dialog.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync());
        Assert.Equal(200, saved.Status);
        await Expect(desk.Page.Locator("#notice")).ToContainTextAsync("changes saved, 15:00");
        await card.ClickAsync();
        await desk.Dialog.GetByRole(AriaRole.Button, new() { Name = "Arrived", Exact = true }).ClickAsync();
        await Expect(card).ToHaveAttributeAsync("data-status", "arrived");
        await card.ClickAsync();
        await Expect(desk.Dialog.GetByRole(AriaRole.Button, new() { Name = "Complete…" })).ToHaveClassAsync("primary");
        Assert.DoesNotContain(desk.Errors, e => !e.Contains("412", StringComparison.Ordinal));
    }
}
