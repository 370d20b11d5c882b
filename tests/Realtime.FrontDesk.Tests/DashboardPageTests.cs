using System.Collections.Concurrent;
using Microsoft.Playwright;
using Realtime.FrontDesk.Tests.Infrastructure;

namespace Realtime.FrontDesk.Tests;

/// <summary>The Orleans dashboard opened in a browser: the browser asks for the key (HTTP Basic) and sends it with the page's own calls.</summary>
[Collection(FrontDeskCollection.Name)]
public sealed class DashboardPageTests(FrontDeskFixture fixture)
{
    [Fact]
    public async Task The_browser_is_asked_for_the_key_and_then_the_dashboard_loads_its_figures()
    {
        var dashboard = new Uri(fixture.BaseAddress, "/dashboard/").ToString();
        await using (var stranger = await fixture.Browser.NewContextAsync())
        {
            // Without credentials to give, Playwright turns the browser's prompt down: the page is an authentication failure.
            var refused = await Assert.ThrowsAsync<PlaywrightException>(async () => await (await stranger.NewPageAsync()).GotoAsync(dashboard));
            Assert.Contains("ERR_INVALID_AUTH_CREDENTIALS", refused.Message, StringComparison.Ordinal);
        }

        await using var context = await fixture.Browser.NewContextAsync(new()
        {
            HttpCredentials = new() { Username = "operator", Password = FrontDeskFixture.OperatorKey },
        });
        var page = await context.NewPageAsync();
        var statuses = new ConcurrentBag<(string Url, int Status)>();
        page.Response += (_, response) => statuses.Add((response.Url, response.Status));

        var counters = await page.RunAndWaitForResponseAsync(
            () => page.GotoAsync(dashboard),
            response => response.Url.EndsWith("/dashboard/DashboardCounters", StringComparison.Ordinal));

        Assert.Equal(200, counters.Status);
        Assert.Contains("totalActivationCount", await counters.TextAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains(statuses, s => s.Url.EndsWith("/dashboard/index.min.js", StringComparison.Ordinal) && s.Status == 200);
        Assert.DoesNotContain(statuses, s => s.Status >= 400);
    }
}
