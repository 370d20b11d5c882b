using System.Net.Http.Json;
using Microsoft.Playwright;
using Realtime.FrontDesk.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Realtime.FrontDesk.Tests;

[Collection(FrontDeskCollection.Name)]
public sealed class BusyElsewherePageTests(FrontDeskFixture fixture)
{
    private static readonly string[] Week = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    [Fact]
    public async Task A_shared_staff_member_booked_at_another_location_shows_there_live_as_a_grey_block_that_cannot_be_booked_over()
    {
        var salon = await Salon.Create(fixture, "Shared staff");
        var riverside = await salon.Create("/api/locations", new { name = "Riverside", timeZone = salon.TimeZone });
        // Maria works mornings in the Old Town and afternoons at Riverside.
        using var hours = await salon.Owner.PutAsJsonAsync($"/api/resources/{salon.Maria}/working-hours", Week.SelectMany(day => new[]
        {
            new { locationId = salon.LocationId, dayOfWeek = day, start = "08:00", end = "13:00" },
            new { locationId = riverside, dayOfWeek = day, start = "14:00", end = "20:00" },
        }));
        Assert.True(hours.IsSuccessStatusCode, await hours.Content.ReadAsStringAsync());
        var desk = await fixture.OpenDesk(salon, salon.TimeZone);

        var visit = await salon.Create("/api/appointments", new
        {
            locationId = riverside, resourceIds = new[] { salon.Maria }, serviceIds = new[] { salon.Colouring }, clientId = salon.Clients["Zofia"],
            start = salon.At(15), source = "phone",
        });

        var block = desk.Page.Locator($".ec-event .ev-elsewhere[data-elsewhere-id='{visit}']");
        await Expect(block).ToHaveTextAsync("At Riverside 15:00–16:30");
        Assert.True(await desk.IsInColumn(block, "Maria Kowalska"));
        await Expect(desk.Page.Locator(".ec-event.fd-elsewhere")).Not.ToContainTextAsync("Zofia");
        await desk.Screenshot("busy-elsewhere.png");

        // Clicking it opens nothing: the desk says where she is.
        await block.ClickAsync();
        await Expect(desk.Page.Locator("#notice")).ToContainTextAsync("Maria Kowalska: At Riverside 15:00–16:30");
        await Expect(desk.Dialog).ToHaveCountAsync(0);

        // Nor can a booking be drawn over it.
        await desk.Page.Locator("#notice .notice-close").ClickAsync();
        await desk.DrawRange("Maria Kowalska", new TimeOnly(14, 1), new TimeOnly(15, 40));
        await Expect(desk.Page.Locator("#notice")).ToContainTextAsync("At Riverside");
        await Expect(desk.Dialog).ToHaveCountAsync(0);

        // Nor can her visit here be dragged onto it: it stops short of the block and the desk says where she is.
        await desk.Page.Locator("#notice .notice-close").ClickAsync();
        var haircut = Salon.Id(await salon.Book([salon.Maria], salon.At(12), [salon.Haircut], salon.Clients["Anna"]));
        await Expect(desk.Event(haircut)).ToBeVisibleAsync();
        await desk.Drag("Maria Kowalska", new TimeOnly(12, 0), "Maria Kowalska", new TimeOnly(15, 0));
        await Expect(desk.Page.Locator("#notice")).ToContainTextAsync("Maria Kowalska: At Riverside 15:00–16:30");
        var proposal = desk.Dialog.Locator(".move-summary");
        if (await proposal.CountAsync() > 0)
        {
            var proposed = TimeOnly.ParseExact((await proposal.Locator("strong").TextContentAsync())!.Split('–')[0], "HH:mm");
            Assert.True(proposed <= new TimeOnly(14, 15), $"proposed {proposed}, over the block");
            await desk.Dialog.GetByRole(AriaRole.Button, new() { Name = "Keep where it was", Exact = true }).ClickAsync();
        }

        await salon.Act(visit, "cancel", new { reason = "client" });
        await Expect(block).ToHaveCountAsync(0);
        Assert.Empty(desk.Errors);
    }
}
