using Microsoft.Playwright;
using Realtime.FrontDesk.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Realtime.FrontDesk.Tests;

/// <summary>
/// Each location's own clock on the front desk, in a browser whose own time zone is another: on days when its clocks
/// change, and in the evening hours when two locations are on different dates.
/// </summary>
[Collection(FrontDeskCollection.Name)]
public sealed class LocationTimePageTests(FrontDeskFixture fixture)
{
    private const string Santiago = "America/Santiago";
    private const string Warsaw = "Europe/Warsaw";

    [Fact]
    public async Task The_hour_Warsaw_skips_is_shaded_and_neither_a_click_nor_a_drag_books_into_it()
    {
        var salon = await Salon.Create(fixture, "Clocks forward in Warsaw");
        var mokotow = await salon.Create("/api/locations", new { name = "Mokotów", timeZone = Warsaw });
        var camila = await Staff(salon, "Camila Rojas", mokotow);
        // 2027-03-28 02:00 +01:00 is 03:00 +02:00. The break makes the day on the desk start at midnight.
        var early = await Break(salon, mokotow, camila, "2027-03-28T01:00:00+01:00");
        var desk = await fixture.OpenDesk(salon, "Asia/Tokyo", locationId: mokotow, date: new DateOnly(2027, 3, 28));

        await Expect(desk.Page.Locator(".fd-gap").First).ToContainTextAsync("Clocks move forward");
        var (x, y) = (await desk.SlotPoints(("Camila Rojas", new TimeOnly(2, 17))))[0];
        await desk.Page.Mouse.ClickAsync(x, y);
        await Expect(desk.Page.Locator("#notice")).ToContainTextAsync("There is no 02:15 on this day");
        await Expect(desk.Dialog).ToHaveCountAsync(0);

        await desk.Drag("Camila Rojas", new TimeOnly(1, 0), "Camila Rojas", new TimeOnly(2, 20));
        await Expect(desk.Page.Locator("#notice")).ToContainTextAsync("the clocks move forward from 02:00 to 03:00");
        await Expect(desk.Dialog).ToHaveCountAsync(0);
        await Expect(desk.Event(early)).ToHaveAttributeAsync("data-start", "01:00");
        await desk.Screenshot("warsaw-clocks-forward.png");

        // Neither does a selection end there, nor the break's end pulled into it.
        var points = await desk.SlotPoints(("Camila Rojas", new TimeOnly(1, 36)), ("Camila Rojas", new TimeOnly(2, 28)));
        await desk.Page.Mouse.MoveAsync(points[0].X, points[0].Y);
        await desk.Page.Mouse.DownAsync();
        await desk.Page.Mouse.MoveAsync(points[1].X, points[1].Y, new() { Steps = 10 });
        await desk.Page.Mouse.UpAsync();
        await Expect(desk.Page.Locator("#notice")).ToContainTextAsync("Nothing can start or end at 02:");
        await Expect(desk.Dialog).ToHaveCountAsync(0);
        await desk.Page.Locator("#notice .notice-close").ClickAsync();
        await desk.Page.Locator("article.ec-event", new() { Has = desk.Page.Locator($".ev[data-appointment-id='{early}']") }).Locator(".ec-resizer").HoverAsync();
        await desk.Page.Mouse.DownAsync();
        await desk.Page.Mouse.MoveAsync(points[1].X, points[1].Y, new() { Steps = 10 });
        await desk.Page.Mouse.UpAsync();
        await Expect(desk.Page.Locator("#notice")).ToContainTextAsync("Nothing can start or end at 02:");
        await Expect(desk.Event(early)).ToContainTextAsync("01:00–01:30");

        // Typed into the booking dialog, the time is refused there, not booked an hour later.
        await desk.ClickSlot("Camila Rojas", new TimeOnly(1, 45));
        await desk.Dialog.Locator("label.seg", new() { HasTextString = "Break" }).ClickAsync();
        await desk.Dialog.Locator("input[name=time]").FillAsync("02:30");
        await desk.Dialog.GetByRole(AriaRole.Button, new() { Name = "Add break" }).ClickAsync();
        await Expect(desk.Dialog.Locator(".problem")).ToContainTextAsync(
            "There is no 02:30 on Sun, 28 Mar 2027: the clocks move forward from 02:00 to 03:00.");
        await Expect(desk.Dialog.Locator(".problem")).ToHaveAttributeAsync("data-code", "validation_failed");
        Assert.Empty(desk.Errors);
    }

    [Fact]
    public async Task The_hour_Warsaw_shows_twice_draws_its_visits_side_by_side_and_books_the_pass_the_dialog_names()
    {
        var salon = await Salon.Create(fixture, "Clocks back in Warsaw");
        var mokotow = await salon.Create("/api/locations", new { name = "Mokotów", timeZone = Warsaw });
        var camila = await Staff(salon, "Camila Rojas", mokotow);
        await Staff(salon, "Mateo González", mokotow);
        // 2027-10-31 03:00 +02:00 is 02:00 +01:00: 02:15 happens twice.
        var first = await Break(salon, mokotow, camila, "2027-10-31T02:15:00+02:00");
        var second = await Break(salon, mokotow, camila, "2027-10-31T02:15:00+01:00");
        var desk = await fixture.OpenDesk(salon, "Asia/Tokyo", locationId: mokotow, date: new DateOnly(2027, 10, 31));

        await Expect(desk.Event(first)).ToContainTextAsync("02:15 (1st)");
        await Expect(desk.Event(second)).ToContainTextAsync("02:15 (2nd)");
        var one = await desk.Event(first).BoundingBoxAsync() ?? throw new InvalidOperationException("The first is not shown.");
        var two = await desk.Event(second).BoundingBoxAsync() ?? throw new InvalidOperationException("The second is not shown.");
        Assert.True(one.X + one.Width <= two.X + 1 || two.X + two.Width <= one.X + 1, "The two visits at 02:15 are drawn on top of each other.");

        await desk.ClickSlot("Mateo González", new TimeOnly(2, 20));
        await desk.Dialog.Locator("label.seg", new() { HasTextString = "Break" }).ClickAsync();
        var pass = desk.Dialog.Locator("select[name=pass]");
        await Expect(pass).ToBeVisibleAsync();
        await Expect(pass.Locator("option:checked")).ToHaveTextAsync("1st 02:20 (UTC+02:00, before the clocks go back)");
        await pass.SelectOptionAsync(new SelectOptionValue { Label = "2nd 02:20 (UTC+01:00, after the clocks go back)" });
        var response = await desk.Answer("POST", "/api/appointments",
            () => desk.Dialog.GetByRole(AriaRole.Button, new() { Name = "Add break" }).ClickAsync());

        var booked = await response.JsonAsync();
        Assert.Equal(DateTimeOffset.Parse("2027-10-31T01:20:00Z"), DateTimeOffset.Parse(booked!.Value.GetProperty("start").GetString()!));
        await Expect(desk.Page.Locator("#notice")).ToContainTextAsync("02:20 (2nd)");
        await desk.Screenshot("warsaw-clocks-back.png");

        // Selected from inside the hour to after it, the stretch is the half hour it looks like, from the second pass.
        await desk.SelectRange("Camila Rojas", new TimeOnly(2, 50), new TimeOnly(3, 20));
        await Expect(desk.Dialog.GetByLabel("Minutes")).ToHaveValueAsync("30");
        await Expect(pass.Locator("option:checked")).ToHaveTextAsync("2nd 02:50 (UTC+01:00, after the clocks go back)");
        await desk.Dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel", Exact = true }).ClickAsync();

        // Moved by its form, the second 02:15 stays in the second pass of the hour.
        await desk.Event(second).ClickAsync();
        await desk.Dialog.GetByRole(AriaRole.Button, new() { Name = "Move…", Exact = true }).ClickAsync();
        await Expect(desk.Dialog.Locator("select[name=pass] option:checked")).ToHaveTextAsync("2nd 02:15 (UTC+01:00, after the clocks go back)");
        await desk.Dialog.Locator("input[name=time]").FillAsync("02:40");
        response = await desk.Answer("POST", "/reschedule", () => desk.Dialog.GetByRole(AriaRole.Button, new() { Name = "Move", Exact = true }).ClickAsync());
        var moved = await response.JsonAsync();
        Assert.Equal(DateTimeOffset.Parse("2027-10-31T01:40:00Z"), DateTimeOffset.Parse(moved!.Value.GetProperty("start").GetString()!));
        Assert.Empty(desk.Errors);
    }

    [Fact]
    public async Task A_new_booking_made_in_the_second_pass_of_the_hour_Warsaw_shows_twice_is_offered_in_that_pass()
    {
        var salon = await Salon.Create(fixture, "Night desk in Warsaw");
        var mokotow = await salon.Create("/api/locations", new { name = "Mokotów", timeZone = Warsaw });
        await Staff(salon, "Camila Rojas", mokotow);
        // 01:20 UTC is the second 02:20 in Warsaw (+01:00).
        var desk = await fixture.OpenDesk(salon, "Asia/Tokyo", locationId: mokotow, date: new DateOnly(2027, 10, 31),
            clock: DateTimeOffset.Parse("2027-10-31T01:20:00Z"));

        await desk.Page.Locator("#new-booking").ClickAsync();

        await Expect(desk.Dialog.Locator("input[name=time]")).ToHaveValueAsync("02:30");
        await Expect(desk.Dialog.Locator("select[name=pass] option:checked")).ToHaveTextAsync("2nd 02:30 (UTC+01:00, after the clocks go back)");
        Assert.Empty(desk.Errors);
    }

    [Fact]
    public async Task The_now_line_keeps_to_Tokyo_time_in_the_hour_before_the_browsers_own_clock_moves_forward()
    {
        var salon = await Salon.Create(fixture, "Tokyo seen from Warsaw");
        var ginza = await salon.Create("/api/locations", new { name = "Ginza", timeZone = "Asia/Tokyo" });
        await Staff(salon, "Camila Rojas", ginza);
        // 00:30 UTC is 09:30 in Tokyo and 01:30 in Warsaw, half an hour before Warsaw's clocks skip 02:00-03:00.
        var desk = await fixture.OpenDesk(salon, Warsaw, locationId: ginza, date: new DateOnly(2027, 3, 28),
            clock: DateTimeOffset.Parse("2027-03-28T00:30:00Z"));

        var points = await desk.SlotPoints(("Camila Rojas", new TimeOnly(9, 29)), ("Camila Rojas", new TimeOnly(9, 32)));
        var nowLine = await desk.Page.Locator(".fd-now").First.BoundingBoxAsync() ?? throw new InvalidOperationException("No now line.");
        Assert.InRange(nowLine.Y, points[0].Y, points[1].Y);
    }

    [Fact]
    public async Task A_desk_open_when_Santiago_turns_midnight_back_to_23_00_keeps_showing_its_day_with_the_now_line_in_the_repeated_hour()
    {
        var salon = await Salon.Create(fixture, "Clocks back in Santiago");
        var providencia = await salon.Create("/api/locations", new { name = "Providencia", timeZone = Santiago });
        var camila = await Staff(salon, "Camila Rojas", providencia);
        var mateo = await Staff(salon, "Mateo González", providencia);
        // 2027-04-04 00:00 -03 is 2027-04-03 23:00 -04: 23:15 happens twice on Saturday the 3rd.
        var beforeTheChange = await Break(salon, providencia, camila, "2027-04-03T23:15:00-03:00");

        var desk = await fixture.OpenDesk(salon, "Asia/Tokyo", locationId: providencia, date: new DateOnly(2027, 4, 3),
            clock: DateTimeOffset.Parse("2027-04-04T02:58:00Z"));
        await Expect(desk.Event(beforeTheChange)).ToHaveAttributeAsync("data-start", "23:15");

        // 00:01 -03 is 23:01 -04: the desk follows the clock change, then a change of the day arrives.
        await desk.Page.Clock.RunForAsync((long)TimeSpan.FromMinutes(3).TotalMilliseconds);
        await Expect(desk.Page.Locator("#live")).ToHaveAttributeAsync("data-state", "live");
        var afterTheChange = await Break(salon, providencia, mateo, "2027-04-03T23:15:00-04:00");

        await Expect(desk.Event(afterTheChange)).ToHaveAttributeAsync("data-start", "23:15");
        await Expect(desk.Event(beforeTheChange)).ToHaveAttributeAsync("data-start", "23:15");
        Assert.True(await desk.IsInColumn(desk.Event(afterTheChange), "Mateo González"));
        await Expect(desk.Page.Locator("#day-title")).ToHaveTextAsync("Saturday, 3 April 2027");
        var points = await desk.SlotPoints(("Camila Rojas", new TimeOnly(23, 0)), ("Camila Rojas", new TimeOnly(23, 2)));
        var nowLine = await desk.Page.Locator(".fd-now").First.BoundingBoxAsync() ?? throw new InvalidOperationException("No now line.");
        Assert.InRange(nowLine.Y, points[0].Y, points[1].Y);
        await desk.Screenshot("santiago-clocks-back.png");
        // Minutes of the fake clock pass without the server's keep-alives: the hub reconnects, and says so in the console.
        Assert.All(desk.Errors, error => Assert.Contains("Connection disconnected", error, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Switching_location_late_in_the_evening_in_Santiago_shows_today_at_the_other_location_where_it_is_already_tomorrow()
    {
        var salon = await Salon.Create(fixture, "Evening in Santiago");
        var providencia = await salon.Create("/api/locations", new { name = "Providencia", timeZone = Santiago });
        await Staff(salon, "Camila Rojas", providencia);
        // 22:30 on Thursday the 14th in Santiago is 02:30 on Friday the 15th in Warsaw.
        var desk = await fixture.OpenDesk(salon, "Asia/Tokyo", locationId: providencia, date: new DateOnly(2027, 1, 14),
            clock: DateTimeOffset.Parse("2027-01-15T01:30:00Z"));
        await Expect(desk.Page.Locator("#today")).ToBeDisabledAsync();

        await desk.Page.Locator("#location").SelectOptionAsync(salon.LocationId.ToString());
        await Expect(desk.Page.Locator("#date")).ToHaveValueAsync("2027-01-15");
        await Expect(desk.Page.Locator("#day-title")).ToHaveTextAsync("Friday, 15 January 2027");
        await Expect(desk.Page.Locator("#today")).ToBeDisabledAsync();

        await desk.Page.Locator("#location").SelectOptionAsync(providencia.ToString());
        await Expect(desk.Page.Locator("#date")).ToHaveValueAsync("2027-01-14");

        // A date chosen on purpose stays when the location changes.
        await desk.Page.Locator("#next").ClickAsync();
        await desk.Page.Locator("#next").ClickAsync();
        await Expect(desk.Page.Locator("#date")).ToHaveValueAsync("2027-01-16");
        await desk.Page.Locator("#location").SelectOptionAsync(salon.LocationId.ToString());
        await Expect(desk.Page.Locator("#day-title")).ToHaveTextAsync("Saturday, 16 January 2027");
        Assert.Empty(desk.Errors);
    }

    [Fact]
    public async Task A_slot_clicked_in_the_hour_the_browsers_own_clock_skips_is_offered_at_the_time_it_reads()
    {
        var salon = await Salon.Create(fixture, "Night shift in Santiago");
        var providencia = await salon.Create("/api/locations", new { name = "Providencia", timeZone = Santiago });
        var camila = await Staff(salon, "Camila Rojas", providencia);
        await Break(salon, providencia, camila, "2027-03-28T01:00:00-03:00"); // the day on the desk starts at midnight
        // The browser is in Warsaw, whose clocks skip 02:00-03:00 on 2027-03-28; Santiago's do not.
        var desk = await fixture.OpenDesk(salon, "Europe/Warsaw", locationId: providencia, date: new DateOnly(2027, 3, 28));

        await desk.ClickSlot("Camila Rojas", new TimeOnly(2, 15));

        await Expect(desk.Dialog.Locator("input[name=time]")).ToHaveValueAsync("02:15");
        await Expect(desk.Dialog.Locator("input[name=date]")).ToHaveValueAsync("2027-03-28");
        Assert.Empty(desk.Errors);
    }

    private static Task<Guid> Staff(Salon salon, string name, Guid locationId) => salon.Create("/api/resources", new
    {
        name,
        kind = "staff",
        workingHours = new[] { "saturday", "sunday" }.Select(day => new { locationId, dayOfWeek = day, start = "09:00", end = "18:00" }),
    });

    private static Task<Guid> Break(Salon salon, Guid locationId, Guid resourceId, string start) => salon.Create("/api/appointments", new
    {
        locationId, resourceIds = new[] { resourceId }, start = DateTimeOffset.Parse(start), kind = "break", durationMinutes = 30,
        overrideWorkingHours = true,
    });
}
