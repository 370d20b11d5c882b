using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Realtime.FrontDesk.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Realtime.FrontDesk.Tests;

[Collection(FrontDeskCollection.Name)]
public sealed class TimeOffPageTests(FrontDeskFixture fixture)
{
    [Fact]
    public async Task Time_off_taken_while_the_desk_is_open_flags_the_visit_to_rebook()
    {
        var salon = await Salon.Create(fixture, "Time off");
        var visit = Salon.Id(await salon.Book([salon.Julia], salon.At(11), [salon.Haircut], salon.Clients["Zofia"]));
        var desk = await fixture.OpenDesk(salon, "Europe/Warsaw");
        var shown = desk.Event(visit);
        await Expect(shown).ToBeVisibleAsync();
        Assert.Null(await shown.GetAttributeAsync("data-away"));

        var sick = await salon.Owner.PostAsJsonAsync($"/api/resources/{salon.Julia}/exceptions",
            new { locationId = salon.LocationId, date = salon.Day.ToString("yyyy-MM-dd"), kind = "timeOff", note = "sick all day" });

        Assert.Equal(HttpStatusCode.OK, sick.StatusCode);
        await Expect(shown).ToHaveAttributeAsync("data-away", "Julia Nowak is off: sick all day");
        await Expect(shown).ToHaveAttributeAsync("title", new Regex("To rebook: Julia Nowak is off: sick all day"));
        await Expect(shown.Locator(".flag-away")).ToHaveTextAsync("⚠ Rebook");
        await Expect(desk.Page.Locator(".ec-event.fd-away")).ToHaveCountAsync(1);
        await desk.Screenshot("time-off-visit-to-rebook.png");
    }
}
