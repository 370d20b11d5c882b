using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Realtime.FrontDesk.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Realtime.FrontDesk.Tests;

[Collection(FrontDeskCollection.Name)]
public sealed class HeldSlotPageTests(FrontDeskFixture fixture)
{
    [Fact]
    public async Task A_clients_hold_shows_as_a_held_block_in_its_column_until_it_is_released()
    {
        var salon = await Salon.Create(fixture, "Holds");
        var desk = await fixture.OpenDesk(salon, "Europe/Warsaw");
        using var client = fixture.Http(fixture.ClientSession(salon.OrganizationId, salon.Clients["Ewa"]));

        var held = await client.PostAsJsonAsync("/api/client/holds", new
        {
            locationId = salon.LocationId, serviceIds = new[] { salon.Haircut }, resourceIds = new[] { salon.Julia }, start = salon.At(15),
        });

        Assert.Equal(HttpStatusCode.Created, held.StatusCode);
        var holdId = (await held.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("holdId").GetGuid();
        var block = desk.Page.Locator($".ec-event .ev-held[data-hold-id='{holdId}']");
        await Expect(block).ToContainTextAsync("Held · client booking until ");
        Assert.True(await desk.IsInColumn(block, "Julia Nowak"));
        await desk.Screenshot("held-slot.png");

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/client/holds/{holdId}")).StatusCode);
        await Expect(block).ToHaveCountAsync(0);
    }
}
