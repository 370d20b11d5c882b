using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Realtime.FrontDesk.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Realtime.FrontDesk.Tests;

/// <summary>Two receptionists on one visit: the desk that acts on what it showed before never overwrites the other's change.</summary>
[Collection(FrontDeskCollection.Name)]
public sealed class ConcurrentChangePageTests(FrontDeskFixture fixture)
{
    [Fact]
    public async Task An_edit_made_on_a_visit_someone_else_moved_meanwhile_is_not_saved_and_the_visit_shows_as_it_is_now()
    {
        var salon = await Salon.Create(fixture, "Two receptionists");
        var visit = Salon.Id(await salon.Book([salon.Julia], salon.At(9), [salon.Haircut], salon.Clients["Zofia"]));
        var desk = await fixture.OpenDesk(salon, "Europe/Warsaw");
        var card = desk.Event(visit);
        await card.ClickAsync();
        // Tomorrow's visit, the client not yet in: nothing to complete.
        await Expect(desk.Dialog.GetByRole(AriaRole.Button, new() { Name = "Arrived", Exact = true })).ToBeVisibleAsync();
        await Expect(desk.Dialog.GetByRole(AriaRole.Button, new() { Name = "Complete…" })).ToHaveCountAsync(0);
        await desk.Dialog.GetByRole(AriaRole.Button, new() { Name = "Edit…", Exact = true }).ClickAsync();
        await desk.Dialog.GetByLabel("Price").FillAsync("95");

        await salon.Act(visit, "reschedule", new { start = salon.At(11) }); // the other desk, meanwhile
        await Expect(card).ToHaveAttributeAsync("data-start", "11:00");
        var refused = await desk.Answer("PATCH", $"/api/appointments/{visit}",
            () => desk.Dialog.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync());

        Assert.Equal(412, refused.Status);
        var told = desk.Dialog.Locator(".problem[data-code='appointment_changed']");
        await Expect(told).ToContainTextAsync("Someone else changed this visit meanwhile, so your change was not saved.");
        await Expect(desk.Dialog).ToContainTextAsync("11:00–11:45");
        await Expect(desk.Dialog.GetByRole(AriaRole.Button, new() { Name = "Edit…", Exact = true })).ToBeVisibleAsync();
        var stored = await salon.Owner.GetFromJsonAsync<JsonElement>($"/api/appointments/{visit}");
        Assert.Equal(120m, stored.GetProperty("price").GetDecimal());

        // Made again on what it shows now, the edit is saved; and once the client is in, the visit can be completed.
        await desk.Dialog.GetByRole(AriaRole.Button, new() { Name = "Edit…", Exact = true }).ClickAsync();
        await desk.Dialog.GetByLabel("Price").FillAsync("95");
        var saved = await desk.Answer("PATCH", $"/api/appointments/{visit}",
            () => desk.Dialog.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync());
        Assert.Equal(200, saved.Status);
        await Expect(desk.Page.Locator("#notice")).ToContainTextAsync("changes saved, 11:00");
        await card.ClickAsync();
        await desk.Dialog.GetByRole(AriaRole.Button, new() { Name = "Arrived", Exact = true }).ClickAsync();
        await Expect(card).ToHaveAttributeAsync("data-status", "arrived");
        await card.ClickAsync();
        await Expect(desk.Dialog.GetByRole(AriaRole.Button, new() { Name = "Complete…" })).ToBeVisibleAsync();
        Assert.DoesNotContain(desk.Errors, e => !e.Contains("412", StringComparison.Ordinal));
    }
}
