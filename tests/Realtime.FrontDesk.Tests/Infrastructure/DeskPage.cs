using System.Text.Json;
using Microsoft.Playwright;

namespace Realtime.FrontDesk.Tests.Infrastructure;

/// <summary>What a person does on the front-desk page, in terms of the calendar's own DOM.</summary>
public sealed class DeskPage
{
    /// <summary>
    /// Screen points of wall-clock times in resource columns: scrolls the calendar so that the middle of their times is in
    /// its middle (a drag from one to another then starts and ends in view: near an edge the calendar scrolls under the
    /// pointer), then measures all of them (in the same scroll position).
    /// </summary>
    private const string SlotPointsScript = """
        (targets) => {
            const heads = [...document.querySelectorAll('.ec-header .ec-col-head')];
            const cells = [...document.querySelectorAll('.ec-body .ec-grid .ec-day')];
            const first = document.querySelector('.ec-body .ec-sidebar time').getAttribute('datetime').slice(11, 16).split(':');
            const rangeStart = Number(first[0]) * 60 + Number(first[1]);
            const slotHeight = parseFloat(getComputedStyle(document.querySelector('.ec-main')).getPropertyValue('--ec-slot-height'));
            const cellOf = name => cells[heads.findIndex(h => h.querySelector('.res-name')?.textContent === name)];
            const offset = minutes => (minutes - rangeStart) / 15 * slotHeight;
            const name0 = targets[0][0];
            const times = targets.map(([, minutes]) => minutes);
            const middle = (Math.min(...times) + Math.max(...times)) / 2;
            let scroller = cellOf(name0);
            while (scroller && !(scroller.scrollHeight > scroller.clientHeight + 1 && getComputedStyle(scroller).overflowY !== 'visible')) scroller = scroller.parentElement;
            if (scroller) {
                const box = scroller.getBoundingClientRect();
                scroller.scrollTop += cellOf(name0).getBoundingClientRect().top + offset(middle) - (box.top + scroller.clientHeight / 2);
            }
            return targets.map(([name, minutes]) => {
                const r = cellOf(name).getBoundingClientRect();
                return { x: r.left + r.width / 2, y: r.top + offset(minutes) };
            });
        }
        """;

    public DeskPage(IPage page)
    {
        Page = page;
        page.PageError += (_, error) => Errors.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error") Errors.Add(message.Text);
        };
    }

    public IPage Page { get; }

    /// <summary>Script errors and console errors of the page: a test ends with none.</summary>
    public List<string> Errors { get; } = [];

    public ILocator Event(Guid appointmentId) => Page.Locator($".ec-event .ev[data-appointment-id='{appointmentId}']");

    public ILocator Dialog => Page.Locator("dialog[open]");

    /// <summary>The grid's snap (the page's <c>snapDuration</c>): where a drag may land either side of its aim.</summary>
    private const int SnapMinutes = 5;

    public async Task<(float X, float Y)[]> SlotPoints(params (string Resource, TimeOnly Time)[] targets)
    {
        var points = await Page.EvaluateAsync<JsonElement>(SlotPointsScript,
            targets.Select(t => new object[] { t.Resource, t.Time.Hour * 60 + t.Time.Minute }).ToArray());
        return [.. points.EnumerateArray().Select(p => (p.GetProperty("x").GetSingle(), p.GetProperty("y").GetSingle()))];
    }

    /// <summary>Clicks an empty slot (a little after the given time, inside its 5-minute snap).</summary>
    public async Task ClickSlot(string resource, TimeOnly time)
    {
        var (x, y) = (await SlotPoints((resource, time.AddMinutes(2))))[0];
        await Page.Mouse.ClickAsync(x, y);
        await Assertions.Expect(Dialog).ToBeVisibleAsync();
    }

    /// <summary>Selects free time in a column by dragging over it, from one time to another.</summary>
    public async Task SelectRange(string resource, TimeOnly from, TimeOnly to)
    {
        await DrawRange(resource, from.AddMinutes(1), to.AddMinutes(-2));
        await Assertions.Expect(Dialog).ToBeVisibleAsync();
    }

    /// <summary>Drags the pointer down a column from one time to another, whatever the page makes of it.</summary>
    public async Task DrawRange(string resource, TimeOnly from, TimeOnly to)
    {
        var points = await SlotPoints((resource, from), (resource, to));
        await Page.Mouse.MoveAsync(points[0].X, points[0].Y);
        await Page.Mouse.DownAsync();
        await Page.Mouse.MoveAsync(points[1].X, points[1].Y, new() { Steps = 8 });
        await Page.Mouse.UpAsync();
    }

    /// <summary>Drags an appointment by its top edge from one column and time to another.</summary>
    public async Task Drag(string fromResource, TimeOnly from, string toResource, TimeOnly to)
    {
        var points = await SlotPoints((fromResource, from.AddMinutes(3)), (toResource, to.AddMinutes(3)));
        var (x0, y0) = points[0];
        var (x1, y1) = points[1];
        await Page.Mouse.MoveAsync(x0, y0);
        await Page.Mouse.DownAsync();
        await Page.Mouse.MoveAsync(x0 + 10, y0 + 10, new() { Steps = 3 });
        await Page.Mouse.MoveAsync(x1, y1, new() { Steps = 12 });
        await Page.Mouse.UpAsync();
    }

    /// <summary>
    /// Drags an appointment (as <see cref="Drag"/>) until the page proposes to move it to that column, within one snap
    /// either side of that time, and leaves the proposal open. A drag over hours of the grid scrolls it on the way and
    /// may drop elsewhere; such a proposal is declined ("Keep where it was") and the drag made again.
    /// </summary>
    public async Task DragUntilProposed(string fromResource, TimeOnly from, string toResource, TimeOnly to)
    {
        var proposals = new List<string>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await Drag(fromResource, from, toResource, to);
            var summary = Dialog.Locator(".move-summary");
            await Assertions.Expect(summary).ToBeVisibleAsync();
            var proposed = await summary.EvaluateAsync<string>("e => e.querySelector('strong').textContent + ' ' + e.lastChild.textContent");
            if (TimeOnly.TryParseExact(proposed.Split('–')[0], "HH:mm", out var start)
                && Math.Abs((start.ToTimeSpan() - to.ToTimeSpan()).TotalMinutes) <= SnapMinutes && proposed.EndsWith($" {toResource}", StringComparison.Ordinal)) return;
            proposals.Add(proposed);
            await Dialog.GetByRole(AriaRole.Button, new() { Name = "Keep where it was", Exact = true }).ClickAsync();
            await Assertions.Expect(Dialog).ToHaveCountAsync(0);
        }

        throw new InvalidOperationException($"Three drags to {toResource} at {to:HH:mm} proposed instead: {string.Join("; ", proposals)}.");
    }

    /// <summary>Runs an action and answers the API's response to the request it makes.</summary>
    public Task<IResponse> Answer(string method, string pathPart, Func<Task> action) =>
        Page.RunAndWaitForResponseAsync(action, r => r.Request.Method == method && r.Url.Contains(pathPart, StringComparison.Ordinal));

    /// <summary>
    /// When this page had the whole response: its Resource Timing entry, as milliseconds since 1970 on the clock that
    /// <see cref="SeenAt"/> reads on the other page (performance.timeOrigin + a monotonic offset, in both).
    /// </summary>
    public async Task<double> ReceivedAt(IResponse response)
    {
        await response.FinishedAsync();
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var at = await Page.EvaluateAsync<double?>(
                "url => { const e = performance.getEntriesByName(url).at(-1); return e && e.responseEnd > 0 ? performance.timeOrigin + e.responseEnd : null; }",
                response.Url);
            if (at is { } received) return received;
            await Task.Delay(20);
        }
        throw new InvalidOperationException($"No resource timing for {response.Url}.");
    }

    /// <summary>
    /// Starts watching the DOM for an element matching the selector to appear (or, with present false, to go):
    /// <see cref="SeenAt"/> then answers the moment it happened, to the millisecond, without polling.
    /// </summary>
    public async Task Watch(string selector, bool present = true)
    {
        var holdsAlready = await Page.EvaluateAsync<bool>(WatchScript, new object[] { selector, present });
        Assert.False(holdsAlready, $"'{selector}' is already {(present ? "there" : "gone")} before the change.");
    }

    /// <summary>When the watched change reached the DOM: milliseconds since 1970.</summary>
    public async Task<double> SeenAt(TimeSpan? timeout = null)
    {
        var seen = Page.EvaluateAsync<double>("() => window.__frontDeskSeen");
        var limit = Task.Delay(timeout ?? TimeSpan.FromSeconds(5));
        Assert.True(await Task.WhenAny(seen, limit) == seen, "The change never showed on this desk.");
        return await seen;
    }

    private const string WatchScript = """
        ([selector, present]) => {
            const holds = () => (document.querySelector(selector) !== null) === present;
            if (holds()) return true;
            window.__frontDeskSeen = new Promise(resolve => {
                const observer = new MutationObserver(() => {
                    if (!holds()) return;
                    observer.disconnect();
                    resolve(performance.timeOrigin + performance.now());
                });
                observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
            });
            return false;
        }
        """;

    /// <summary>
    /// Is the element's horizontal centre inside the column of that resource? Waits for it to be shown: the calendar
    /// redraws its events when any of them changes.
    /// </summary>
    public async Task<bool> IsInColumn(ILocator element, string resource)
    {
        await element.WaitForAsync(new() { State = WaitForSelectorState.Visible });
        var box = await element.BoundingBoxAsync() ?? throw new InvalidOperationException("The element is not shown.");
        var head = Page.Locator(".ec-header .ec-col-head", new() { Has = Page.Locator(".res-name", new() { HasTextString = resource }) });
        var column = await head.BoundingBoxAsync() ?? throw new InvalidOperationException($"No column for {resource}.");
        var centre = box.X + box.Width / 2;
        return centre >= column.X && centre <= column.X + column.Width;
    }

    public Task Screenshot(string name) => Page.ScreenshotAsync(new() { Path = FrontDeskFixture.Screenshot(name) });
}
