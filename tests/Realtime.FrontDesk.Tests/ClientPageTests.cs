using System.Net.Http.Json;
using Microsoft.Playwright;
using Realtime.FrontDesk.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Realtime.FrontDesk.Tests;

/// <summary>The page the links of the client e-mails open (<c>/client/sign-in</c>, <c>/client/manage</c>).</summary>
[Collection(FrontDeskCollection.Name)]
public sealed class ClientPageTests(FrontDeskFixture fixture)
{
    [Fact]
    public async Task A_client_opens_the_link_of_their_e_mail_reads_their_visits_by_name_and_confirms_and_cancels_them()
    {
        var salon = await Salon.Create(fixture, "Client page");
        var ewa = salon.Clients["Ewa"];
        var haircut = Salon.Id(await salon.Book([salon.Julia], salon.At(11).AddDays(3), [salon.Haircut], ewa));
        await salon.Book([salon.Maria, salon.Room], salon.At(15).AddDays(4), [salon.Colouring], ewa);
        var link = fixture.SignInLink(salon.OrganizationId, ewa);

        var page = await fixture.OpenPhonePage(link);

        var card = page.Locator($".card[data-appointment-id='{haircut}']");
        await Expect(page.Locator(".card")).ToHaveCountAsync(2);
        await Expect(page.Locator("#business")).ToHaveTextAsync("Client page");
        await Expect(card.Locator(".when")).ToContainTextAsync("11:00–11:45");
        await Expect(card.Locator(".what")).ToHaveTextAsync("Haircut");
        await Expect(card.Locator(".with")).ToHaveTextAsync("With: Julia Nowak");
        await Expect(card.Locator(".where")).ToHaveTextAsync("Old Town");
        Assert.DoesNotContain("token", page.Url, StringComparison.Ordinal); // the link leaves the address bar at once

        await card.GetByRole(AriaRole.Button, new() { Name = "Confirm attendance" }).ClickAsync();
        await Expect(card).ToContainTextAsync("Thank you: your attendance is confirmed.");
        await Expect(card.GetByRole(AriaRole.Button, new() { Name = "Confirm attendance" })).ToHaveCountAsync(0);

        await card.GetByRole(AriaRole.Button, new() { Name = "Cancel appointment…" }).ClickAsync();
        await card.GetByLabel("Message for us (optional)").FillAsync("I am ill, sorry");
        await card.GetByRole(AriaRole.Button, new() { Name = "Cancel the appointment" }).ClickAsync();
        await Expect(card).ToHaveAttributeAsync("data-status", "cancelled");
        await Expect(card).ToContainTextAsync("The appointment is cancelled.");
        await page.ScreenshotAsync(new() { Path = FrontDeskFixture.Screenshot("client-page.png") });

        using var owner = fixture.Http(salon.OwnerKey);
        var cancelled = await owner.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/appointments/{haircut}");
        Assert.Equal("I am ill, sorry", cancelled.GetProperty("cancellation").GetProperty("message").GetString());

        // The link was for one sign-in: opened again, it says so in the client's words.
        await page.ReloadAsync();
        await Expect(page.Locator(".card")).ToHaveCountAsync(2); // the same tab keeps its session
        var again = await fixture.OpenPhonePage(link);
        await Expect(again.Locator("#status")).ToHaveTextAsync("This link has already been used. Ask for a new one to sign in again.");
        // And asks for a new one right there: the link named its business.
        await again.GetByLabel("Your e-mail address").FillAsync("ewa@example.com");
        await again.GetByRole(AriaRole.Button, new() { Name = "Send me a new link" }).ClickAsync();
        await Expect(again.Locator("#status")).ToHaveTextAsync("If we know this address, a new link is on its way to it.");
    }

    [Fact]
    public async Task A_regular_sees_the_visits_to_come_and_the_latest_others_and_shows_earlier_ones_a_page_at_a_time()
    {
        var salon = await Salon.Create(fixture, "Regulars");
        var zofia = salon.Clients["Zofia"];
        var next = Salon.Id(await salon.Book([salon.Julia], salon.At(10).AddDays(2), [salon.Haircut], zofia));
        var earlier = new List<Guid>();
        for (var week = 1; week <= 12; week++)
        {
            earlier.Add(Salon.Id(await salon.Book([salon.Julia], salon.At(10).AddDays(-7 * week), [salon.Haircut], zofia)));
            await salon.Act(earlier[^1], "complete");
        }
        await Realtime.Testing.Eventually.True(
            async () => (await salon.Owner.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/clients/{zofia}/appointments")).GetProperty("total").GetInt32() == 13,
            "the appointment list has Zofia's visits");

        var page = await fixture.OpenPhonePage(fixture.SignInLink(salon.OrganizationId, zofia));

        var cards = page.Locator(".card");
        await Expect(cards).ToHaveCountAsync(11); // the visit to come and the ten latest before it
        var more = page.GetByRole(AriaRole.Button, new() { Name = "Show earlier visits" });
        await more.ClickAsync();
        await Expect(cards).ToHaveCountAsync(13);
        await Expect(cards.Nth(11)).ToBeFocusedAsync(); // the keyboard goes on from the first visit added
        await Expect(more).ToHaveCountAsync(0); // nothing earlier is left
        Assert.Equal([next, .. earlier], (await cards.EvaluateAllAsync<string[]>("cards => cards.map(c => c.dataset.appointmentId)")).Select(Guid.Parse));
        await page.ScreenshotAsync(new() { Path = FrontDeskFixture.Screenshot("client-page-earlier.png"), FullPage = true });
    }

    [Fact]
    public async Task A_waiting_client_takes_a_freed_slot_from_their_page()
    {
        var salon = await Salon.Create(fixture, "Offers");
        var (ewa, anna) = (salon.Clients["Ewa"], salon.Clients["Anna"]);
        using var owner = fixture.Http(salon.OwnerKey);
        Assert.True((await owner.PostAsJsonAsync("/api/waitlist", new { clientId = ewa, locationId = salon.LocationId, serviceId = salon.Haircut })).IsSuccessStatusCode);
        var freed = Salon.Id(await salon.Book([salon.Julia], salon.At(10).AddDays(3), [salon.Haircut], anna));
        await salon.Act(freed, "cancel", new { reason = "client" });
        using var ewas = fixture.Http();
        ewas.DefaultRequestHeaders.Authorization = new("Bearer", fixture.ClientSession(salon.OrganizationId, ewa));
        await Realtime.Testing.Eventually.True(
            async () => (await ewas.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/client/offers")).GetArrayLength() == 1, "Ewa is offered the slot");

        var page = await fixture.OpenPhonePage(fixture.SignInLink(salon.OrganizationId, ewa));

        var offer = page.Locator(".card.offer");
        await Expect(offer).ToContainTextAsync("A slot is free for you");
        await Expect(offer.Locator(".what")).ToHaveTextAsync("Haircut");
        await offer.GetByRole(AriaRole.Button, new() { Name = "Take it" }).ClickAsync();
        await Expect(page.Locator("#status")).ToHaveTextAsync("It is yours: see it in your appointments.");
        await Expect(page.Locator(".card.offer")).ToHaveCountAsync(0);
        await Expect(page.Locator(".card[data-status='booked']")).ToContainTextAsync("With: Julia Nowak");
        await page.ScreenshotAsync(new() { Path = FrontDeskFixture.Screenshot("client-page-offer.png") });
    }

    [Fact]
    public async Task An_offer_someone_else_took_leaves_the_page_with_why_one_briefly_refused_can_be_tried_again_and_an_expired_one_leaves_by_itself()
    {
        var salon = await Salon.Create(fixture, "Offers gone");
        var (ewa, zofia, anna) = (salon.Clients["Ewa"], salon.Clients["Zofia"], salon.Clients["Anna"]);
        using var owner = fixture.Http(salon.OwnerKey);
        foreach (var waiting in new[] { ewa, zofia })
        {
            Assert.True((await owner.PostAsJsonAsync("/api/waitlist", new { clientId = waiting, locationId = salon.LocationId, serviceId = salon.Haircut })).IsSuccessStatusCode);
        }
        foreach (var hour in new[] { 10, 14 })
        {
            await salon.Act(Salon.Id(await salon.Book([salon.Julia], salon.At(hour).AddDays(3), [salon.Haircut], anna)), "cancel", new { reason = "client" });
        }
        using var ewas = fixture.Http();
        ewas.DefaultRequestHeaders.Authorization = new("Bearer", fixture.ClientSession(salon.OrganizationId, ewa));
        System.Text.Json.JsonElement offers = default;
        await Realtime.Testing.Eventually.True(
            async () => (offers = await ewas.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/client/offers")).GetArrayLength() == 2, "Ewa is offered both slots");
        var (taken, other) = (offers[0].GetProperty("id").GetGuid(), offers[1].GetProperty("id").GetGuid());

        var page = await fixture.OpenPhonePage(fixture.SignInLink(salon.OrganizationId, ewa), beforeLoad: p => p.Clock.InstallAsync());
        await Expect(page.Locator(".card.offer")).ToHaveCountAsync(2);

        using (var zofias = fixture.Http())
        {
            zofias.DefaultRequestHeaders.Authorization = new("Bearer", fixture.ClientSession(salon.OrganizationId, zofia));
            Assert.True((await zofias.PostAsync($"/api/client/offers/{taken}/accept", null)).IsSuccessStatusCode);
        }
        await page.Locator($".card.offer[data-offer-id='{taken}']").GetByRole(AriaRole.Button, new() { Name = "Take it" }).ClickAsync();
        await Expect(page.Locator($".card.offer[data-offer-id='{taken}']")).ToHaveCountAsync(0);
        await Expect(page.Locator("#status")).ToHaveTextAsync("Someone was quicker, or the offer has expired.");
        await Expect(page.Locator("#title")).ToBeFocusedAsync();

        var card = page.Locator($".card.offer[data-offer-id='{other}']");
        await page.RouteAsync("**/accept", route => route.FulfillAsync(new()
        {
            Status = 503, ContentType = "application/problem+json", Body = """{"status":503,"code":"temporarily_unavailable"}""",
        }));
        await card.GetByRole(AriaRole.Button, new() { Name = "Take it" }).ClickAsync();
        await Expect(card.Locator(".problem")).ToHaveTextAsync("We are briefly unavailable. Please try again in a moment.");
        await Expect(card.GetByRole(AriaRole.Button, new() { Name = "Take it" })).ToBeEnabledAsync();

        var expiresIn = offers[1].GetProperty("expiresAt").GetDateTimeOffset() - DateTimeOffset.UtcNow;
        await page.Clock.FastForwardAsync((long)(expiresIn + TimeSpan.FromSeconds(1)).TotalMilliseconds);
        await Expect(page.Locator(".card.offer")).ToHaveCountAsync(0);
        await Expect(page.Locator("#status")).ToHaveTextAsync("The free slot offered to you has expired.");
    }

    [Fact]
    public async Task A_client_moves_their_visit_to_a_free_time_of_another_day_and_the_list_shows_the_new_time()
    {
        var salon = await Salon.Create(fixture, "Moves");
        var (ewa, anna) = (salon.Clients["Ewa"], salon.Clients["Anna"]);
        var day = salon.At(11).AddDays(3);
        var haircut = Salon.Id(await salon.Book([salon.Julia], day, [salon.Haircut], ewa));
        await salon.Book([salon.Julia], salon.At(14).AddDays(4), [salon.Colouring], anna); // Julia's 14:00-15:30 that day
        var page = await fixture.OpenPhonePage(fixture.SignInLink(salon.OrganizationId, ewa));
        var card = page.Locator($".card[data-appointment-id='{haircut}']");

        await card.GetByRole(AriaRole.Button, new() { Name = "Change the time…" }).ClickAsync();
        var days = card.GetByRole(AriaRole.Radiogroup, new() { Name = "Day" });
        await Expect(days.GetByRole(AriaRole.Radio, new() { Checked = true })).ToBeFocusedAsync(); // a keyboard goes on from the day to choose
        var times = card.GetByRole(AriaRole.Group, new() { Name = "Free times" });
        await Expect(times.GetByRole(AriaRole.Button, new() { Name = "11:15", Exact = true })).ToBeVisibleAsync(); // over its own time
        await Expect(times.GetByRole(AriaRole.Button, new() { Name = "11:00", Exact = true })).ToHaveCountAsync(0); // where it is
        await days.Locator($"[data-date='{salon.Day.AddDays(4):yyyy-MM-dd}']").ClickAsync();
        await Expect(times.GetByRole(AriaRole.Button, new() { Name = "13:15", Exact = true })).ToBeVisibleAsync();
        foreach (var taken in new[] { "13:30", "14:00", "15:00" })
        {
            await Expect(times.GetByRole(AriaRole.Button, new() { Name = taken, Exact = true })).ToHaveCountAsync(0); // Anna's time with Julia
        }
        await Expect(times.GetByRole(AriaRole.Button, new() { Name = "19:15", Exact = true })).ToBeVisibleAsync(); // the last to end by 20:00
        await Expect(times.GetByRole(AriaRole.Button, new() { Name = "19:30", Exact = true })).ToHaveCountAsync(0);
        await times.GetByRole(AriaRole.Button, new() { Name = "15:30", Exact = true }).ClickAsync();
        await page.ScreenshotAsync(new() { Path = FrontDeskFixture.Screenshot("client-page-reschedule.png"), FullPage = true });
        await card.GetByRole(AriaRole.Button, new() { Name = "Move to 15:30" }).ClickAsync();

        var moved = page.Locator($".card[data-appointment-id='{haircut}']");
        await Expect(moved.Locator(".when")).ToContainTextAsync("15:30–16:15");
        await Expect(moved.Locator(".done")).ToContainTextAsync("Moved to ");
        await Expect(moved.Locator(".done")).ToContainTextAsync("15:30–16:15.");
        await Expect(page.Locator(".card")).ToHaveCountAsync(1);
        await Expect(moved.GetByRole(AriaRole.Button, new() { Name = "Move to 15:30" })).ToHaveCountAsync(0); // the list is read again
        await Expect(moved).ToBeFocusedAsync(); // and the keyboard stays on the visit it moved
        await page.ScreenshotAsync(new() { Path = FrontDeskFixture.Screenshot("client-page-moved.png") });

        using var owner = fixture.Http(salon.OwnerKey);
        var stored = await owner.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/appointments/{haircut}");
        Assert.Equal(salon.At(15, 30).AddDays(4), stored.GetProperty("start").GetDateTimeOffset());
        Assert.Equal(1, stored.GetProperty("clientReschedules").GetInt32());
        Assert.Equal([salon.Julia], stored.GetProperty("resourceIds").EnumerateArray().Select(r => r.GetGuid()));
    }

    [Fact]
    public async Task A_move_into_the_time_of_another_visit_of_the_clients_is_refused_naming_that_visits_time()
    {
        var salon = await Salon.Create(fixture, "Own visits");
        var ewa = salon.Clients["Ewa"];
        var haircut = Salon.Id(await salon.Book([salon.Julia], salon.At(11).AddDays(3), [salon.Haircut], ewa));
        await salon.Book([salon.Maria], salon.At(14).AddDays(4), [salon.Colouring], ewa); // 14:00-15:30 with Maria
        var page = await fixture.OpenPhonePage(fixture.SignInLink(salon.OrganizationId, ewa));
        var card = page.Locator($".card[data-appointment-id='{haircut}']");

        await card.GetByRole(AriaRole.Button, new() { Name = "Change the time…" }).ClickAsync();
        await card.GetByRole(AriaRole.Radiogroup, new() { Name = "Day" }).Locator($"[data-date='{salon.Day.AddDays(4):yyyy-MM-dd}']").ClickAsync();
        await card.GetByRole(AriaRole.Group, new() { Name = "Free times" }).GetByRole(AriaRole.Button, new() { Name = "14:30", Exact = true }).ClickAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "Move to 14:30" }).ClickAsync();

        await Expect(card.Locator(".problem")).ToHaveTextAsync("You already have a visit 14:00–15:30. Please choose a time that does not overlap it.");
    }

    [Fact]
    public async Task The_days_to_move_to_are_named_in_the_clients_language_from_today_on_and_chosen_with_the_keyboard_a_fortnight_at_a_time()
    {
        var salon = await Salon.Create(fixture, "Dni");
        var ola = await salon.Create("/api/clients", new { firstName = "Ola", lastName = "Nowak", email = "ola@example.com", language = "pl" });
        var visit = Salon.Id(await salon.Book([salon.Julia], salon.At(11).AddDays(3), [salon.Haircut], ola));
        var page = await fixture.OpenPhonePage(fixture.SignInLink(salon.OrganizationId, ola)); // a browser in en-GB
        var card = page.Locator($".card[data-appointment-id='{visit}']");
        string Date(int daysFromTomorrow) => salon.Day.AddDays(daysFromTomorrow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        await card.GetByRole(AriaRole.Button, new() { Name = "Zmień termin…" }).ClickAsync();
        var days = card.GetByRole(AriaRole.Radiogroup, new() { Name = "Dzień" });
        var chosen = days.GetByRole(AriaRole.Radio, new() { Checked = true });
        await Expect(chosen).ToBeFocusedAsync();
        await Expect(chosen).ToHaveAttributeAsync("data-date", Date(3)); // the visit's own day
        var polish = await page.EvaluateAsync<string>(
            "date => new Intl.DateTimeFormat('pl', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(date + 'T12:00:00Z'))", Date(3));
        await Expect(chosen).ToHaveTextAsync(polish);
        Assert.NotEqual(salon.Day.AddDays(3).ToString("ddd d MMM", System.Globalization.CultureInfo.GetCultureInfo("en-GB")), polish);
        await Expect(days.GetByRole(AriaRole.Radio)).ToHaveCountAsync(14);
        await Expect(days.GetByRole(AriaRole.Radio).First).ToHaveAttributeAsync("data-date", Date(-1)); // today, and no day before it
        await Expect(card.GetByRole(AriaRole.Button, new() { Name = "Wcześniejsze dni" })).ToBeHiddenAsync();

        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(chosen).ToHaveAttributeAsync("data-date", Date(4));
        await Expect(chosen).ToBeFocusedAsync();
        var times = card.GetByRole(AriaRole.Group, new() { Name = "Wolne godziny" });
        await Expect(times.GetByRole(AriaRole.Button, new() { Name = "11:00", Exact = true })).ToBeVisibleAsync(); // free that day
        await page.Keyboard.PressAsync("End");
        await Expect(chosen).ToHaveAttributeAsync("data-date", Date(12));

        await card.GetByRole(AriaRole.Button, new() { Name = "Późniejsze dni" }).ClickAsync();
        await Expect(chosen).ToHaveAttributeAsync("data-date", Date(13));
        await Expect(chosen).ToBeFocusedAsync();
        await page.ScreenshotAsync(new() { Path = FrontDeskFixture.Screenshot("client-page-days.png") });
        await card.GetByRole(AriaRole.Button, new() { Name = "Wcześniejsze dni" }).ClickAsync();
        await Expect(chosen).ToHaveAttributeAsync("data-date", Date(-1));
        await Expect(card.GetByRole(AriaRole.Button, new() { Name = "Wcześniejsze dni" })).ToBeHiddenAsync();
    }

    [Fact]
    public async Task A_move_or_cancellation_the_policy_refuses_is_not_offered_and_the_card_says_why_in_the_clients_language()
    {
        var salon = await Salon.Create(fixture, "Refusals");
        var ola = await salon.Create("/api/clients", new { firstName = "Ola", lastName = "Nowak", email = "ola@example.com", language = "pl" });
        var strict = await salon.Create("/api/services", new
        {
            name = "Strzyżenie", durationMinutes = 45, price = 120, policy = new { rescheduleNoticeHours = 72, maxReschedules = 1 },
        });
        var soon = Salon.Id(await salon.Book([salon.Julia], salon.At(10).AddDays(1), [strict], ola)); // inside the 72 hours
        var later = Salon.Id(await salon.Book([salon.Maria], salon.At(10).AddDays(6), [strict], ola));
        using (var olas = fixture.Http())
        {
            olas.DefaultRequestHeaders.Authorization = new("Bearer", fixture.ClientSession(salon.OrganizationId, ola));
            Assert.True((await olas.PostAsJsonAsync($"/api/client/appointments/{later}/reschedule", new { start = salon.At(12).AddDays(6) })).IsSuccessStatusCode);
        }
        var page = await fixture.OpenPhonePage(fixture.SignInLink(salon.OrganizationId, ola));

        await Expect(page.Locator(".card").First).ToHaveAttributeAsync("data-appointment-id", soon.ToString()); // the next visit first
        // No time to choose for a move that would be refused anyway: the card says why instead, and offers what it can.
        var first = page.Locator($".card[data-appointment-id='{soon}']");
        await Expect(first.Locator(".why")).ToHaveTextAsync("Termin można zmienić online najpóźniej na 72 godziny przed wizytą. Skontaktuj się z nami.");
        await Expect(first.GetByRole(AriaRole.Button, new() { Name = "Zmień termin…" })).ToHaveCountAsync(0);
        await Expect(first.GetByRole(AriaRole.Button, new() { Name = "Odwołaj wizytę…" })).ToBeVisibleAsync();

        var second = page.Locator($".card[data-appointment-id='{later}']");
        await Expect(second.Locator(".when")).ToContainTextAsync("12:00–12:45");
        await Expect(second.Locator(".why")).ToHaveTextAsync(
            "Wizytę można przełożyć online najwyżej 1 raz i ten limit został już wykorzystany. Skontaktuj się z nami.");
        await Expect(second.GetByRole(AriaRole.Button, new() { Name = "Zmień termin…" })).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = FrontDeskFixture.Screenshot("client-page-refused.png") });
    }

    [Fact]
    public async Task A_cancellation_the_policy_refuses_is_not_offered_and_the_card_says_why_in_lithuanian()
    {
        var salon = await Salon.Create(fixture, "Atšaukimai");
        var rasa = await salon.Create("/api/clients", new { firstName = "Rasa", lastName = "Kazlauskienė", email = "rasa@example.com", language = "lt" });
        var strict = await salon.Create("/api/services", new { name = "Kirpimas", durationMinutes = 45, price = 30, policy = new { cancelNoticeHours = 72 } });
        var visit = Salon.Id(await salon.Book([salon.Julia], salon.At(10), [strict], rasa));
        var page = await fixture.OpenPhonePage(fixture.SignInLink(salon.OrganizationId, rasa));

        var card = page.Locator($".card[data-appointment-id='{visit}']");
        await Expect(card.Locator(".why").Filter(new() { HasText = "atšaukti" })).ToHaveTextAsync(
            "Vizitą internetu galima atšaukti ne vėliau kaip prieš 72 valandas iki jo pradžios. Susisiekite su mumis.");
        await Expect(card.GetByRole(AriaRole.Button, new() { Name = "Atšaukti vizitą…" })).ToHaveCountAsync(0);
        await Expect(card.GetByRole(AriaRole.Button, new() { Name = "Patvirtinti atvykimą" }).Or(card.Locator(".chip.confirmed"))).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Every_refusal_a_client_can_meet_has_a_sentence_in_each_of_the_five_languages()
    {
        using var http = fixture.Http();
        var script = await http.GetStringAsync("/client/client.js");
        var tables = System.Text.RegularExpressions.Regex.Matches(script, @"\n        problems: \{(.*?)\n        \},", System.Text.RegularExpressions.RegexOptions.Singleline)
            .Select(m => m.Groups[1].Value).ToList();
        var codes = typeof(Realtime.Grains.Interfaces.Common.ErrorCodes).GetFields()
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!)
            .Concat([Realtime.Api.Errors.Problems.Unauthorized, Realtime.Api.Errors.Problems.TemporarilyUnavailable])
            // Creating and deleting clients, booking a follow-up visit, If-Match, and completing a visit or marking a no-show are staff's.
            .Except([
                Realtime.Grains.Interfaces.Common.ErrorCodes.ClientHasUpcomingAppointments, Realtime.Grains.Interfaces.Common.ErrorCodes.NextVisitUnknown,
                Realtime.Grains.Interfaces.Common.ErrorCodes.AppointmentChanged, Realtime.Grains.Interfaces.Common.ErrorCodes.VisitNotStarted,
                Realtime.Grains.Interfaces.Common.ErrorCodes.ClientExists,
            ]);

        Assert.Equal(5, tables.Count); // en, pl, es, fr, lt
        Assert.All(codes, code => Assert.All(tables, table => Assert.Contains($"\n            {code}: ", table, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Every_language_has_each_text_of_the_page_once()
    {
        using var http = fixture.Http();
        var script = await http.GetStringAsync("/client/client.js");
        var tables = System.Text.RegularExpressions.Regex.Matches(
                script[script.IndexOf("const texts = {", StringComparison.Ordinal)..], @"\n    (en|pl|es|fr|lt): \{\n(.*?)\n    \},",
                System.Text.RegularExpressions.RegexOptions.Singleline)
            .ToDictionary(m => m.Groups[1].Value, m => TopLevelKeys(m.Groups[2].Value));

        Assert.Equal(["en", "pl", "es", "fr", "lt"], tables.Keys);
        Assert.All(tables, table =>
        {
            Assert.Equal(table.Value.Count, table.Value.Distinct().Count()); // a key written twice hides the first
            Assert.Equal(tables["en"].Order(), table.Value.Order());
        });
    }

    /// <summary>The keys of a language's table, not of the objects inside it (its lines are indented eight spaces).</summary>
    private static List<string> TopLevelKeys(string table)
    {
        var keys = new List<string>();
        foreach (var line in table.Split('\n').Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^ {8}\S")))
        {
            var flat = line;
            for (var inner = ""; inner != flat;)
            {
                inner = flat;
                flat = System.Text.RegularExpressions.Regex.Replace(flat, @"\{[^{}]*\}", "");
            }
            keys.AddRange(System.Text.RegularExpressions.Regex.Matches(flat, @"(?:^ {8}|, )([a-zA-Z_]+): ").Select(m => m.Groups[1].Value));
        }
        return keys;
    }

    [Fact]
    public async Task A_client_books_a_completed_visit_again_with_the_same_person_at_a_free_time()
    {
        var salon = await Salon.Create(fixture, "Again");
        var (ewa, anna) = (salon.Clients["Ewa"], salon.Clients["Anna"]);
        var done = Salon.Id(await salon.Book([salon.Julia], salon.TodayAt(9).AddDays(-1), [salon.Haircut], ewa)); // yesterday's
        await salon.Act(done, "complete");
        await salon.Book([salon.Julia], salon.At(14).AddDays(2), [salon.Haircut], anna);
        var page = await fixture.OpenPhonePage(fixture.SignInLink(salon.OrganizationId, ewa));
        var card = page.Locator($".card[data-appointment-id='{done}']");

        await card.GetByRole(AriaRole.Button, new() { Name = "Book again…" }).ClickAsync();
        await card.Locator($"[data-date='{salon.Day.AddDays(2):yyyy-MM-dd}']").ClickAsync();
        var times = card.GetByRole(AriaRole.Group, new() { Name = "Free times" });
        await Expect(times.GetByRole(AriaRole.Button, new() { Name = "13:15", Exact = true })).ToBeVisibleAsync();
        await Expect(times.GetByRole(AriaRole.Button, new() { Name = "13:30", Exact = true })).ToHaveCountAsync(0); // Julia is Anna's at 14:00
        await times.GetByRole(AriaRole.Button, new() { Name = "10:00", Exact = true }).ClickAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "Book for 10:00" }).ClickAsync();

        var booked = page.Locator(".card[data-status='booked']");
        await Expect(booked.Locator(".when")).ToContainTextAsync("10:00–10:45");
        await Expect(booked.Locator(".done")).ToContainTextAsync("Booked: ");
        await Expect(booked.Locator(".with")).ToHaveTextAsync("With: Julia Nowak");
        await Expect(page.Locator(".card")).ToHaveCountAsync(2);
        await Expect(page.Locator(".card").First).ToHaveAttributeAsync("data-status", "booked"); // what is to come before what was

        using var ewas = fixture.Http();
        ewas.DefaultRequestHeaders.Authorization = new("Bearer", fixture.ClientSession(salon.OrganizationId, ewa));
        var mine = (await ewas.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/client/appointments")).GetProperty("items").EnumerateArray()
            .Single(a => a.GetProperty("status").GetString() == "booked");
        Assert.Equal(salon.At(10).AddDays(2), mine.GetProperty("start").GetDateTimeOffset());
        Assert.Equal([salon.Haircut], mine.GetProperty("serviceIds").EnumerateArray().Select(x => x.GetGuid()));
        Assert.Equal([salon.Julia], mine.GetProperty("resourceIds").EnumerateArray().Select(x => x.GetGuid()));
    }
}
