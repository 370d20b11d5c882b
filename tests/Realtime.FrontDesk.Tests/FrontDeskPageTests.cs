using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Realtime.FrontDesk.Tests.Infrastructure;
using Realtime.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Realtime.FrontDesk.Tests;

/// <summary>The front-desk page in Chromium against the real API, hub and PostgreSQL.</summary>
[Collection(FrontDeskCollection.Name)]
public sealed class FrontDeskPageTests(FrontDeskFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Live = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_booking_a_move_and_a_cancel_made_at_one_desk_show_at_the_other_within_a_second()
    {
        var salon = await Salon.Create(fixture, "Two desks");
        await salon.FillTheDay();
        // Two desks whose browsers sit in other time zones: both must show Warsaw's wall-clock times.
        var first = await fixture.OpenDesk(salon, "Asia/Tokyo");
        var second = await fixture.OpenDesk(salon, "America/New_York");
        await Expect(first.Page.Locator(".ec-event .ev")).ToHaveCountAsync(8); // six visits and a break; two visits also take the room, so show in two columns
        await first.Screenshot("desk.png");

        // Book: click a free slot, tick a service, find the client by name, book.
        await first.ClickSlot("Julia Nowak", new(11, 0));
        await Expect(first.Dialog.Locator("input[name=time]")).ToHaveValueAsync("11:00");
        await first.Dialog.GetByRole(AriaRole.Checkbox, new() { Name = "Haircut" }).CheckAsync();
        await first.Dialog.GetByLabel("Search clients").FillAsync("wiśn");
        await first.Dialog.Locator(".client-option", new() { HasTextString = "Anna Wiśniewska" }).ClickAsync();
        await first.Screenshot("booking-dialog.png");
        await second.Watch(".ec-event .ev[data-start='11:00']");
        var booked = await first.Answer("POST", "/api/appointments",
            () => first.Dialog.GetByRole(AriaRole.Button, new() { Name = "Book", Exact = true }).ClickAsync());
        Assert.Equal(201, booked.Status);
        var bookingShown = await second.SeenAt() - await first.ReceivedAt(booked);
        var id = Salon.Id(await booked.JsonAsync<JsonElement>());
        await Expect(second.Event(id)).ToHaveAttributeAsync("data-start", "11:00");
        Assert.True(await second.IsInColumn(second.Event(id), "Julia Nowak"));
        await Expect(first.Dialog).ToHaveCountAsync(0);

        // Move by drag and drop: to Maria, an hour later.
        await first.Drag("Julia Nowak", new(11, 0), "Maria Kowalska", new(12, 0));
        await Expect(first.Dialog).ToContainTextAsync("12:00–12:45");
        await second.Watch($".ec-event .ev[data-appointment-id='{id}'][data-start='12:00']");
        var moved = await first.Answer("POST", "/reschedule",
            () => first.Dialog.GetByRole(AriaRole.Button, new() { Name = "Move", Exact = true }).ClickAsync());
        Assert.Equal(200, moved.Status);
        var moveShown = await second.SeenAt() - await first.ReceivedAt(moved);
        Assert.True(await second.IsInColumn(second.Event(id), "Maria Kowalska"));
        await second.Screenshot("second-desk-after-move.png");

        // Cancel through the details dialog, as the client asked.
        await first.Event(id).ClickAsync();
        await Expect(first.Dialog).ToContainTextAsync("Anna Wiśniewska");
        await first.Screenshot("details-dialog.png");
        await first.Dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel visit…" }).ClickAsync();
        await first.Dialog.GetByLabel("Message").FillAsync("Sorry, something came up.");
        await second.Watch($".ec-event .ev[data-appointment-id='{id}']", present: false);
        var cancelled = await first.Answer("POST", "/cancel",
            () => first.Dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel visit", Exact = true }).ClickAsync());
        Assert.Equal(200, cancelled.Status);
        var cancelShown = await second.SeenAt() - await first.ReceivedAt(cancelled);

        // The cancelled visit is still there for whoever wants to see it.
        await second.Page.GetByLabel("Cancelled").CheckAsync();
        await Expect(second.Event(id)).ToHaveAttributeAsync("data-status", "cancelled");

        var report = $"From the acting desk's HTTP response to the change in the other desk's DOM: booking {bookingShown:F0} ms, " +
            $"move {moveShown:F0} ms, cancel {cancelShown:F0} ms (negative: the other desk had it first). Screenshots: {FrontDeskFixture.ArtefactsFolder}";
        output.WriteLine(report);
        await File.WriteAllTextAsync(FrontDeskFixture.Screenshot("propagation.txt"), report + Environment.NewLine);
        Assert.True(bookingShown <= Live.TotalMilliseconds, report);
        Assert.True(moveShown <= Live.TotalMilliseconds, report);
        Assert.True(cancelShown <= Live.TotalMilliseconds, report);
        Assert.Empty(first.Errors.Concat(second.Errors));
    }

    [Fact]
    public async Task A_new_client_with_another_clients_address_or_phone_is_refused_and_the_desk_books_for_that_client_or_creates_the_new_one_anyway()
    {
        var salon = await Salon.Create(fixture, "Same client");
        var desk = await fixture.OpenDesk(salon, "Europe/Warsaw");

        await desk.ClickSlot("Julia Nowak", new(11, 0));
        await desk.Dialog.GetByRole(AriaRole.Checkbox, new() { Name = "Haircut" }).CheckAsync();
        await desk.Dialog.GetByLabel("Search clients").FillAsync(" EWA@example.com");
        await desk.Dialog.GetByRole(AriaRole.Button, new() { Name = "New client" }).ClickAsync();
        await desk.Dialog.GetByLabel("First name").FillAsync("Ewa");
        await desk.Dialog.GetByLabel("Last name").FillAsync("Zielińska");
        var refused = await desk.Answer("POST", "/api/clients",
            () => desk.Dialog.GetByRole(AriaRole.Button, new() { Name = "Book", Exact = true }).ClickAsync());
        Assert.Equal(409, refused.Status);
        var problem = desk.Dialog.Locator(".problem[data-code='client_exists']");
        await Expect(problem).ToContainTextAsync("Another client has this e-mail address.");
        await Expect(desk.Dialog.GetByRole(AriaRole.Button, new() { Name = "Create a new client anyway" })).ToBeVisibleAsync();
        await desk.Screenshot("client-exists.png");

        await desk.Dialog.GetByRole(AriaRole.Button, new() { Name = "Open the existing client" }).ClickAsync();
        await Expect(desk.Dialog.Locator(".client-chosen")).ToContainTextAsync("Ewa Zielińska");
        await Expect(problem).ToHaveCountAsync(0);
        var booked = await desk.Answer("POST", "/api/appointments",
            () => desk.Dialog.GetByRole(AriaRole.Button, new() { Name = "Book", Exact = true }).ClickAsync());

        Assert.Equal(201, booked.Status);
        Assert.Equal(salon.Clients["Ewa"], (await booked.JsonAsync<JsonElement>()).GetProperty("clientId").GetGuid());

        // Zosia shares Zofia's phone: the desk says so, and creates her all the same.
        await desk.ClickSlot("Maria Kowalska", new(13, 0));
        await desk.Dialog.GetByLabel("Search clients").FillAsync("Zosia Wójcik");
        await desk.Dialog.GetByRole(AriaRole.Button, new() { Name = "New client" }).ClickAsync();
        await desk.Dialog.GetByLabel("E-mail").FillAsync("zosia@example.com");
        await desk.Dialog.GetByRole(AriaRole.Textbox, new() { Name = "Phone" }).FillAsync("+48 600-100-204");
        await desk.Dialog.GetByRole(AriaRole.Button, new() { Name = "Book", Exact = true }).ClickAsync();
        await Expect(desk.Dialog.Locator(".problem[data-code='client_exists']")).ToContainTextAsync("Another client has this phone number.");
        var bookedForZosia = await desk.Answer("POST", "/api/appointments",
            () => desk.Dialog.GetByRole(AriaRole.Button, new() { Name = "Create a new client anyway" }).ClickAsync());

        Assert.Equal(201, bookedForZosia.Status);
        var zosia = (await bookedForZosia.JsonAsync<JsonElement>()).GetProperty("clientId").GetGuid();
        Assert.DoesNotContain(zosia, salon.Clients.Values);
        Assert.DoesNotContain(desk.Errors, e => !e.Contains("409", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_taken_slot_is_refused_plainly_and_a_refused_drag_goes_back()
    {
        var salon = await Salon.Create(fixture, "Taken slots");
        await salon.Book([salon.Maria, salon.Room], salon.At(10), [salon.Colouring], salon.Clients["Ewa"]); // the room until 11:30
        var zofia = Salon.Id(await salon.Book([salon.Julia], salon.At(14), [salon.Haircut], salon.Clients["Zofia"]));
        var desk = await fixture.OpenDesk(salon, "Europe/Warsaw");

        // Julia is free at 10:30, the room is not.
        await desk.ClickSlot("Julia Nowak", new(10, 30));
        await desk.Dialog.GetByRole(AriaRole.Checkbox, new() { Name = "Room 1" }).CheckAsync();
        await desk.Dialog.GetByRole(AriaRole.Checkbox, new() { Name = "Haircut" }).CheckAsync();
        await desk.Dialog.GetByLabel("Search clients").FillAsync("Katarzyna");
        await desk.Dialog.Locator(".client-option").First.ClickAsync();
        var refused = await desk.Answer("POST", "/api/appointments",
            () => desk.Dialog.GetByRole(AriaRole.Button, new() { Name = "Book", Exact = true }).ClickAsync());
        Assert.Equal(409, refused.Status);
        var problem = desk.Dialog.Locator(".problem[data-code='slot_taken']");
        await Expect(problem).ToBeVisibleAsync();
        await Expect(problem).ToContainTextAsync("taken");
        await Expect(problem).ToContainTextAsync("Room 1 is busy at that time");
        Assert.Equal(1, Regex.Count(await problem.InnerTextAsync(), "already taken"));
        await desk.Screenshot("slot-taken.png");

        // An answer that is not the API's (a proxy's error page) is said plainly, not shown as its HTML.
        await desk.Page.RouteAsync("**/api/appointments", route => route.FulfillAsync(new()
        {
            Status = 502, ContentType = "text/html", Body = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
        }));
        await desk.Dialog.GetByRole(AriaRole.Button, new() { Name = "Book", Exact = true }).ClickAsync();
        await Expect(desk.Dialog.Locator(".problem")).ToContainTextAsync("The server is not available right now.");
        Assert.DoesNotContain("<html", await desk.Dialog.Locator(".problem").InnerTextAsync(), StringComparison.Ordinal);
        await desk.Page.UnrouteAsync("**/api/appointments");
        await desk.Page.Keyboard.PressAsync("Escape");
        await Expect(desk.Dialog).ToHaveCountAsync(0);

        // Dragging Zofia's visit onto Maria's taken time: refused, and the visit goes back to where it was.
        await desk.DragUntilProposed("Julia Nowak", new(14, 0), "Maria Kowalska", new(10, 15));
        var refusedMove = await desk.Answer("POST", "/reschedule",
            () => desk.Dialog.GetByRole(AriaRole.Button, new() { Name = "Move", Exact = true }).ClickAsync());
        Assert.True(refusedMove.Status == 409, $"{refusedMove.Request.PostData} answered {refusedMove.Status}: {await refusedMove.TextAsync()}");
        await Expect(desk.Page.Locator("#notice .problem[data-code='slot_taken']")).ToBeVisibleAsync();
        await Expect(desk.Event(zofia)).ToHaveAttributeAsync("data-start", "14:00");
        Assert.True(await desk.IsInColumn(desk.Event(zofia), "Julia Nowak"));
        await desk.Screenshot("refused-drag.png");
        // The browser logs the refused requests and the proxy's error.
        Assert.DoesNotContain(desk.Errors, e => !e.Contains("409", StringComparison.Ordinal) && !e.Contains("502", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_details_dialog_runs_every_action_and_the_slot_dialog_makes_breaks_and_new_clients()
    {
        // Where it is now midday, so that the client can arrive for a visit this afternoon, whatever the hour the tests run at.
        var salon = await Salon.Create(fixture, "Actions", TestZones.Midday());
        var visit = Salon.Id(await salon.Book([salon.Julia], salon.TodayAt(13), [salon.Haircut], salon.Clients["Zofia"]));
        var desk = await fixture.OpenDesk(salon, "Europe/Warsaw", date: salon.Today);
        var card = desk.Event(visit);

        async Task Act(string button, string status, Func<Task>? fill = null, string? submit = null)
        {
            await card.ClickAsync();
            await desk.Dialog.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
            if (fill is not null) await fill();
            if (submit is not null) await desk.Dialog.GetByRole(AriaRole.Button, new() { Name = submit, Exact = true }).ClickAsync();
            await Expect(desk.Dialog).ToHaveCountAsync(0);
            await Expect(card).ToHaveAttributeAsync("data-status", status);
        }

        await Expect(card.Locator(".flag-confirmed")).ToBeVisibleAsync(); // booked inside the reminder window: confirmed at once
        // From the keyboard: Enter on the appointment opens it, and the same key does not press the dialog's first button.
        await desk.Page.Locator("article.ec-event", new() { Has = desk.Page.Locator($".ev[data-appointment-id='{visit}']") }).FocusAsync();
        await desk.Page.Keyboard.PressAsync("Enter");
        await Expect(desk.Dialog).ToHaveCountAsync(1);
        await desk.Page.Keyboard.PressAsync("Escape");
        await Expect(desk.Dialog).ToHaveCountAsync(0);
        await Act("Unconfirm", "booked");
        await Expect(card.Locator(".flag-unconfirmed")).ToBeVisibleAsync();
        await Act("Confirm attendance", "booked");
        await Expect(desk.Page.Locator("#notice")).ToContainTextAsync("Zofia Wójcik: attendance confirmed, 13:00");
        await Expect(card.Locator(".flag-confirmed")).ToBeVisibleAsync();
        await Act("Arrived", "arrived");
        await Act("Complete…", "completed", async () =>
        {
            await desk.Dialog.GetByLabel("Total cost").FillAsync("150");
            await desk.Dialog.GetByLabel("Label").FillAsync("VIP");
            await desk.Dialog.GetByLabel("Next visit").SelectOptionAsync("week");
        }, "Complete");
        await Expect(desk.Page.Locator("#notice")).ToContainTextAsync("completed, 13:00");
        await Expect(desk.Page.Locator("#notice")).ToContainTextAsync("Next visit booked: ");
        await Expect(desk.Page.Locator("#notice")).ToContainTextAsync("13:00–13:45 with Julia Nowak");
        await Act("Undo completion", "booked"); // completed ahead of its time (this afternoon): booked again
        await Act("Move…", "booked", () => desk.Dialog.Locator("input[name=time]").FillAsync("15:30"), "Move");
        await Expect(card).ToHaveAttributeAsync("data-start", "15:30");
        await Expect(desk.Page.Locator("#notice")).ToContainTextAsync("moved to 15:30");
        // A time left empty is refused on the page, not sent as midnight.
        await card.ClickAsync();
        await desk.Dialog.GetByRole(AriaRole.Button, new() { Name = "Move…", Exact = true }).ClickAsync();
        await desk.Dialog.Locator("input[name=time]").FillAsync("");
        await desk.Dialog.GetByRole(AriaRole.Button, new() { Name = "Move", Exact = true }).ClickAsync();
        await Expect(desk.Dialog.Locator(".problem")).ToContainTextAsync("Start: Choose a time.");
        await Expect(card).ToHaveAttributeAsync("data-start", "15:30");
        await desk.Page.Keyboard.PressAsync("Escape");
        // The history is read when opened (the day's calendar leaves it out), its times at the location's clock.
        await card.ClickAsync();
        await desk.Dialog.Locator(".history summary").ClickAsync();
        await Expect(desk.Dialog.Locator(".history li").First).ToContainTextAsync("rescheduled");
        await Expect(desk.Dialog.Locator(".history li").First).ToContainTextAsync("13:00 → ");
        await Expect(desk.Dialog.Locator(".history li").First).ToContainTextAsync(" 15:30");
        await desk.Page.Keyboard.PressAsync("Escape");

        // A break over free time selected by dragging across it.
        await desk.SelectRange("Maria Kowalska", new(16, 0), new(16, 30));
        await Expect(desk.Dialog.GetByLabel("Minutes")).ToHaveValueAsync("30");
        await desk.Dialog.GetByText("Break", new() { Exact = true }).ClickAsync();
        await desk.Dialog.GetByRole(AriaRole.Button, new() { Name = "Add break" }).ClickAsync();
        await Expect(desk.Dialog).ToHaveCountAsync(0);
        await Expect(desk.Page.Locator(".ev[data-kind='break'][data-start='16:00']")).ToBeVisibleAsync();

        // A visit for someone who is not a client yet.
        await desk.ClickSlot("Maria Kowalska", new(14, 0));
        await desk.Dialog.GetByRole(AriaRole.Checkbox, new() { Name = "Colouring" }).CheckAsync();
        await desk.Dialog.GetByLabel("Search clients").FillAsync("Helena Nowicka");
        await desk.Dialog.GetByRole(AriaRole.Button, new() { Name = "Create a new client" }).ClickAsync();
        await Expect(desk.Dialog.GetByLabel("Last name")).ToHaveValueAsync("Nowicka");
        await desk.Dialog.GetByLabel("E-mail").FillAsync("helena@example.com");
        await desk.Dialog.GetByRole(AriaRole.Button, new() { Name = "Book", Exact = true }).ClickAsync();
        await Expect(desk.Dialog).ToHaveCountAsync(0);
        await Expect(desk.Page.Locator(".ev[data-start='14:00']")).ToContainTextAsync("Helena Nowicka");
        await Expect(desk.Page.Locator("#notice")).ToContainTextAsync("Booked Helena Nowicka");
        await desk.Screenshot("actions.png");
        Assert.Empty(desk.Errors);
    }

    [Fact]
    public async Task A_visit_that_has_begun_can_be_marked_a_no_show_and_one_ahead_offers_neither_that_nor_arrival_nor_completion()
    {
        var salon = await Salon.Create(fixture, "No-shows");
        var ahead = Salon.Id(await salon.Book([salon.Julia], salon.At(9), [salon.Haircut], salon.Clients["Zofia"]));
        var begun = Salon.Id(await salon.Book([salon.Julia], salon.At(9).AddDays(-2), [salon.Haircut], salon.Clients["Zofia"]));
        var desk = await fixture.OpenDesk(salon, "Europe/Warsaw");

        await desk.Event(ahead).ClickAsync();
        await Expect(desk.Dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel visit…" })).ToBeVisibleAsync();
        await Expect(desk.Dialog.GetByRole(AriaRole.Button, new() { Name = "No-show…" })).ToHaveCountAsync(0);
        await Expect(desk.Dialog.GetByRole(AriaRole.Button, new() { Name = "Arrived", Exact = true })).ToHaveCountAsync(0);
        await Expect(desk.Dialog.GetByRole(AriaRole.Button, new() { Name = "Complete…" })).ToHaveCountAsync(0);
        await desk.Page.Keyboard.PressAsync("Escape");

        await desk.Page.Locator("#prev").ClickAsync();
        await desk.Page.Locator("#prev").ClickAsync(); // yesterday
        await desk.Page.GetByLabel("Cancelled").CheckAsync(); // no-shows free their time: hidden unless asked for
        var card = desk.Event(begun);
        await card.ClickAsync();
        await desk.Dialog.GetByRole(AriaRole.Button, new() { Name = "No-show…", Exact = true }).ClickAsync();
        await desk.Dialog.GetByLabel("Also put the client on the blacklist").CheckAsync();
        await desk.Dialog.GetByRole(AriaRole.Button, new() { Name = "Mark no-show", Exact = true }).ClickAsync();
        await Expect(card).ToHaveAttributeAsync("data-status", "noShow");
        await Expect(card.Locator(".flag-blacklisted")).ToBeVisibleAsync();

        await card.ClickAsync();
        await desk.Dialog.Locator(".history summary").ClickAsync();
        await Expect(desk.Dialog.Locator(".history li").First).ToContainTextAsync("no show: the client was put on the blacklist");
        await desk.Dialog.GetByRole(AriaRole.Button, new() { Name = "Restore", Exact = true }).ClickAsync();
        await Expect(card).ToHaveAttributeAsync("data-status", "past"); // its end has passed
        Assert.Empty(desk.Errors);
    }

    [Fact]
    public async Task A_visit_restored_onto_a_day_off_is_refused_until_the_desk_says_to_go_ahead()
    {
        var salon = await Salon.Create(fixture, "Day off");
        var visit = Salon.Id(await salon.Book([salon.Julia], salon.At(11), [salon.Haircut], salon.Clients["Anna"]));
        await salon.Act(visit, "cancel", new { reason = "client" });
        await salon.Create($"/api/resources/{salon.Julia}/exceptions", new { locationId = salon.LocationId, date = salon.Day, kind = "timeOff", note = "Holiday" });
        var desk = await fixture.OpenDesk(salon, "Europe/Warsaw");
        await desk.Page.GetByLabel("Cancelled").CheckAsync();
        var card = desk.Event(visit);

        await card.ClickAsync();
        await desk.Dialog.GetByRole(AriaRole.Button, new() { Name = "Restore", Exact = true }).ClickAsync();

        await Expect(desk.Dialog.Locator(".problem")).ToContainTextAsync("Julia Nowak does not work at Old Town at that time.");
        await Expect(card).ToHaveAttributeAsync("data-status", "cancelled");
        await desk.Dialog.GetByRole(AriaRole.Button, new() { Name = "Go ahead outside working hours" }).ClickAsync();
        await Expect(card).ToHaveAttributeAsync("data-status", "booked");
        await Expect(desk.Dialog).ToHaveCountAsync(0);
        Assert.DoesNotContain(desk.Errors, e => !e.Contains("422", StringComparison.Ordinal)); // the refusal's own status
    }

    [Fact]
    public async Task A_desk_signs_in_with_a_staff_key_and_a_wrong_key_is_refused()
    {
        var salon = await Salon.Create(fixture, "Sign in");
        var key = await salon.Key("frontDesk");
        var context = await fixture.Browser.NewContextAsync(new() { Locale = "en-GB" });
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(new Uri(fixture.BaseAddress, "/frontdesk").ToString()); // redirected to /frontdesk/
        Assert.EndsWith("/frontdesk/", page.Url, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", (await response!.AllHeadersAsync())["content-security-policy"], StringComparison.Ordinal);
        var keyBox = page.GetByPlaceholder("API key");

        await keyBox.FillAsync("rtk_not_a_key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("#sign-in-error")).ToContainTextAsync("refused");

        await keyBox.FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("#live")).ToHaveAttributeAsync("data-state", "live");
        await Expect(page.Locator("#location option:checked")).ToHaveTextAsync("Old Town");
        await page.ReloadAsync(); // the key stays with the tab
        await Expect(page.Locator("#live")).ToHaveAttributeAsync("data-state", "live");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(keyBox).ToBeVisibleAsync();

        // Revoked while the desk is live: the server closes its connection and the page signs out without a click.
        await keyBox.FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("#live")).ToHaveAttributeAsync("data-state", "live");
        var keyId = Guid.ParseExact(key.Split('_')[1], "N");
        Assert.Equal(HttpStatusCode.NoContent, (await salon.Owner.DeleteAsync($"/api/keys/{keyId}")).StatusCode);
        await Expect(keyBox).ToBeVisibleAsync();
        await Expect(page.Locator("#sign-in-error")).ToContainTextAsync("refused");
        await context.CloseAsync();
    }

    [Fact]
    public async Task A_day_that_fails_to_load_hides_the_day_before_until_a_retry_loads_it()
    {
        var salon = await Salon.Create(fixture, "Not loaded");
        await salon.FillTheDay();
        var desk = await fixture.OpenDesk(salon, "Europe/Warsaw");
        var next = $"date={salon.Day.AddDays(1):yyyy-MM-dd}";
        Func<string, bool> nextDay = url => url.Contains(next, StringComparison.Ordinal);
        await desk.Page.RouteAsync(nextDay, route => route.FulfillAsync(new()
        {
            Status = 503, ContentType = "application/problem+json",
            Body = """{"title":"The service is recovering.","status":503,"code":"temporarily_unavailable"}""",
        }));

        await desk.Page.Locator("#next").ClickAsync();
        await Expect(desk.Page.Locator("#day-title")).ToContainTextAsync("not loaded");
        await Expect(desk.Page.Locator("#calendar")).ToBeHiddenAsync();

        await desk.Page.UnrouteAsync(nextDay);
        await Expect(desk.Page.Locator("#calendar")).ToBeVisibleAsync(new() { Timeout = 15_000 }); // the page tries again every 5 s
        await Expect(desk.Page.Locator("#day-title")).Not.ToContainTextAsync("not loaded");
    }

    [Fact]
    public async Task Short_visits_show_their_clients_name_inside_their_box()
    {
        var salon = await Salon.Create(fixture, "Short visits");
        var quarter = Salon.Id(await salon.Book([salon.Julia], salon.At(9), [], salon.Clients["Zofia"], durationMinutes: 15));
        var half = Salon.Id(await salon.Book([salon.Julia], salon.At(10), [salon.Haircut], salon.Clients["Anna"], durationMinutes: 30));
        var desk = await fixture.OpenDesk(salon, "Europe/Warsaw");

        foreach (var (id, name) in new[] { (quarter, "Zofia"), (half, "Anna") })
        {
            var box = (await desk.Page.Locator("article.ec-event", new() { Has = desk.Page.Locator($".ev[data-appointment-id='{id}']") }).BoundingBoxAsync())!;
            var client = desk.Event(id).Locator(".ev-client");
            await Expect(client).ToContainTextAsync(name);
            var text = (await client.BoundingBoxAsync())!;
            Assert.True(text.Y >= box.Y && text.Y + text.Height <= box.Y + box.Height + 1, $"{name}'s name at {text.Y}+{text.Height} is outside its box at {box.Y}+{box.Height}");
        }

        await desk.Screenshot("short-visits.png");
    }

    [Fact]
    public async Task Long_names_fit_the_bar_and_wrap_without_overlapping_in_the_booking_dialog()
    {
        var salon = await Salon.Create(fixture, "Long services");
        for (var i = 1; i <= 8; i++)
        {
            await salon.Create("/api/services", new { name = $"Keratin smoothing treatment with deep conditioning no. {i}", durationMinutes = 90, price = 300 });
        }

        await salon.Create("/api/locations", new { name = "Santiago de Chile, Providencia, second floor, behind the pharmacy", timeZone = "America/Santiago" });

        var desk = await fixture.OpenDesk(salon, "Europe/Warsaw");
        // A long location name does not push the bar onto a second line on a desk's 1440 px.
        var (select, signOut) = ((await desk.Page.Locator("#location").BoundingBoxAsync())!, (await desk.Page.Locator("#sign-out").BoundingBoxAsync())!);
        Assert.True(Math.Abs(select.Y + select.Height / 2 - (signOut.Y + signOut.Height / 2)) < 8, $"Sign out at {signOut.Y}, the location at {select.Y}");
        await desk.Page.Locator("#new-booking").ClickAsync();
        var rows = desk.Dialog.Locator(".picker.services .check");
        await Expect(rows).ToHaveCountAsync(11);

        for (var i = 0; i < 11; i++)
        {
            // Each row holds its whole text: a row that is shorter than its text lets it run into the next row.
            var (row, text) = ((await rows.Nth(i).BoundingBoxAsync())!, (await rows.Nth(i).Locator("span").First.BoundingBoxAsync())!);
            Assert.True(text.Y >= row.Y - 0.5 && text.Y + text.Height <= row.Y + row.Height + 0.5,
                $"row {i}: its text at {text.Y}+{text.Height} runs out of the row at {row.Y}+{row.Height}");
        }
    }

    [Fact]
    public async Task The_day_reads_on_a_phone_sized_screen()
    {
        var salon = await Salon.Create(fixture, "Phone");
        await salon.FillTheDay();
        var desk = await fixture.OpenDesk(salon, "Europe/Warsaw", width: 390, height: 844, phone: true);
        await Expect(desk.Page.Locator(".ec-event .ev").First).ToBeVisibleAsync();
        Assert.True(await desk.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "The page is wider than the phone's screen.");
        await Expect(desk.Page.Locator("#live")).ToHaveAttributeAsync("data-state", "live");
        var signOut = desk.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" });
        await Expect(signOut).ToBeInViewportAsync(); // a shared tablet signs out too
        Assert.Equal((await desk.Page.Locator("#today").BoundingBoxAsync())!.Y, (await signOut.BoundingBoxAsync())!.Y); // on the second line, not a third
        Assert.EndsWith(" · Europe/Warsaw", await desk.Page.EvaluateAsync<string>(
            "() => document.getElementById('day-title').textContent + getComputedStyle(document.getElementById('day-title'), '::after').content.replaceAll('\"', '')"));
        await desk.Screenshot("phone-calendar.png");

        await desk.Page.GetByRole(AriaRole.Button, new() { Name = "List" }).ClickAsync();
        Assert.Empty(desk.Errors);
        await Expect(desk.Page.Locator(".agenda-item")).ToHaveCountAsync(6);
        await Expect(desk.Page.Locator(".agenda-item").First).ToContainTextAsync("Katarzyna Lewandowska");
        await desk.Screenshot("phone-list.png");

        await desk.Page.Locator(".agenda-item", new() { HasTextString = "Ewa Zielińska" }).ClickAsync();
        await Expect(desk.Dialog.GetByRole(AriaRole.Button, new() { Name = "Move…" })).ToBeVisibleAsync();
        await desk.Screenshot("phone-details.png");
        Assert.Empty(desk.Errors);
    }
}
