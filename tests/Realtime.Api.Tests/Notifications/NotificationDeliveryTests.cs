using MimeKit;
using Realtime.Silo.Notifications;
using Realtime.Testing;

namespace Realtime.Api.Tests.Notifications;

/// <summary>
/// Messages from the staff API to their receivers through the real dispatcher: e-mail over SMTP to aiosmtpd, SMS to an
/// HTTP gateway, webhooks to the organisation's endpoints, signed and in order, with retries after failures, a dead
/// letter after the last attempt, and each message's state visible through the API.
/// </summary>
[Collection(NotificationApiCollection.Name)]
public sealed class NotificationDeliveryTests(NotificationApiFixture api)
{
    private static bool All(JsonElement[] notifications, string status) =>
        notifications.Length > 0 && notifications.All(n => n.GetProperty("status").GetString() == status);

    [Fact]
    public async Task A_booking_reaches_the_client_by_email_and_sms_in_their_language()
    {
        var salon = await api.NewSalon();
        var (client, email) = await salon.Client("pl", phone: "+48 600 100 200");
        var start = Local(3, 10, 30);

        var appointment = await salon.Book(client, start);

        var received = Assert.Single(await api.Smtp.WaitFor(email));
        var notifications = await salon.WaitForNotifications(appointment, n => n.Length == 2 && All(n, "sent"));
        var emailRow = notifications.Single(n => n.GetProperty("channel").GetString() == "email");
        Assert.Equal(("booked", email, 1, 1L), (emailRow.GetProperty("kind").GetString(), emailRow.GetProperty("recipient").GetString(),
            emailRow.GetProperty("attempts").GetInt32(), emailRow.GetProperty("version").GetInt64()));
        Assert.Equal(JsonValueKind.Null, emailRow.GetProperty("nextAttemptAt").ValueKind);
        Assert.True(emailRow.GetProperty("sentAt").GetDateTimeOffset() >= emailRow.GetProperty("createdAt").GetDateTimeOffset());

        // The e-mail as it arrived: the subject the API lists, sender, the Polish text intact, the time of day local.
        Assert.Equal(emailRow.GetProperty("subject").GetString(), received.Subject);
        Assert.StartsWith("Wizyta zarezerwowana: ", received.Subject);
        Assert.EndsWith(", godz. 10:30", received.Subject);
        Assert.Equal("Salon Aurora", received.From.Mailboxes.Single().Name);
        Assert.Equal("bookings@realtime.test", received.From.Mailboxes.Single().Address);
        Assert.Equal(emailRow.GetProperty("id").GetGuid().ToString(), received.Headers[SmtpEmailSender.NotificationHeader]);
        var lines = received.TextBody!.ReplaceLineEndings("\n").Split('\n');
        Assert.Equal("Dzień dobry,", lines[0]);
        Assert.Contains("Twoja wizyta została zarezerwowana.", lines);
        Assert.Contains(lines, line => line.StartsWith("Termin: ") && line.Contains(", godz. 10:30 (za "));
        Assert.Contains("Czas trwania: 1 godzina 30 minut", lines);
        Assert.Contains("Obsługa: Anna", lines);
        Assert.Contains("Miejsce: Centre, Main street 1", lines);

        var text = Assert.Single(await api.Receiver.WaitForTexts("+48 600 100 200"));
        Assert.StartsWith("Salon Aurora, Centre: wizyta zarezerwowana na ", text.Text);
        Assert.Contains(", godz. 10:30 (za ", text.Text);
    }

    [Fact]
    public async Task A_cancellation_carries_the_personal_message_to_the_client_and_the_staff()
    {
        var salon = await api.NewSalon("Institut Belle");
        await Send(salon.Owner, HttpMethod.Put, "/api/notifications/settings", new { staffEmail = "desk@belle.test", staffLanguage = "fr" }, HttpStatusCode.OK);
        var (client, email) = await salon.Client("fr", firstName: "Lea");
        var appointment = await salon.Book(client, Local(4, 9), notifyClient: false);

        await Send(salon.Owner, HttpMethod.Post, $"/api/appointments/{appointment}/cancel",
            new { reason = "business", message = "Anna est malade, désolée !", notifyClient = true, notifyResource = true }, HttpStatusCode.OK);

        var toClient = Assert.Single(await api.Smtp.WaitFor(email));
        Assert.StartsWith("Rendez-vous annulé : ", toClient.Subject);
        Assert.Contains("Message : « Anna est malade, désolée ! »", toClient.TextBody!.ReplaceLineEndings("\n").Split('\n'));
        Assert.Contains("Bonjour Lea,", toClient.TextBody);
        var toStaff = (await api.Smtp.WaitFor("desk@belle.test")).Single(m => m.Subject?.Contains("Lea Nowak") == true);
        Assert.StartsWith("Rendez-vous annulé : Lea Nowak, ", toStaff.Subject);
        Assert.Contains("Message : « Anna est malade, désolée ! »", toStaff.TextBody!);

        var notifications = await salon.WaitForNotifications(appointment, n => n.Length == 2 && All(n, "sent"));
        Assert.All(notifications, n => Assert.Equal(("cancelled", 2L), (n.GetProperty("kind").GetString(), n.GetProperty("version").GetInt64())));
    }

    [Fact]
    public async Task A_cancelled_class_tells_every_seat_holder_in_their_own_language()
    {
        var salon = await api.NewSalon("Studio Joga");
        var yoga = Id(await Send(salon.Owner, HttpMethod.Post, "/api/services", new { name = "Joga", durationMinutes = 60, price = 40, capacity = 5 }, HttpStatusCode.Created));
        var (ewa, ewaEmail) = await salon.Client("pl", firstName: "Ewa");
        var (lea, leaEmail) = await salon.Client("fr", firstName: "Lea");
        var yogaClass = Id(await Send(salon.Owner, HttpMethod.Post, "/api/appointments", new
        {
            locationId = salon.LocationId, resourceIds = new[] { salon.StaffId }, serviceIds = new[] { yoga }, clientId = ewa, start = Local(4, 18),
        }, HttpStatusCode.Created));
        await Send(salon.Owner, HttpMethod.Post, $"/api/appointments/{yogaClass}/seats", new { clientId = lea }, HttpStatusCode.OK);
        await Send(salon.Owner, HttpMethod.Put, "/api/notifications/settings", new { staffEmail = "desk@joga.test", staffLanguage = "en" }, HttpStatusCode.OK);

        await Send(salon.Owner, HttpMethod.Post, $"/api/appointments/{yogaClass}/cancel",
            new { reason = "business", notifyClient = true, notifyResource = true }, HttpStatusCode.OK);

        Assert.StartsWith("Wizyta odwołana: ", Assert.Single(await api.Smtp.WaitFor(ewaEmail)).Subject);
        Assert.StartsWith("Rendez-vous annulé : ", Assert.Single(await api.Smtp.WaitFor(leaEmail)).Subject);
        var toDesk = Assert.Single(await api.Smtp.WaitFor("desk@joga.test"));
        Assert.Contains("Ewa Nowak, Lea Nowak", toDesk.TextBody); // every seat holder, not the first alone
        var notifications = await salon.WaitForNotifications(yogaClass, n => n.Length == 3 && All(n, "sent"));
        Assert.Equal(new[] { ewaEmail, leaEmail, "desk@joga.test" }.Order(), notifications.Select(n => n.GetProperty("recipient").GetString()).Order());
    }

    [Fact]
    public async Task Webhooks_are_signed_and_arrive_in_the_order_of_the_changes()
    {
        var salon = await api.NewSalon(timeZone: TestZones.Midday());
        await salon.Webhook("ordered", "booked", "confirmed", "arrived", "completed", "cancelled");
        var (client, _) = await salon.Client("en");
        var appointment = await salon.Book(client, Local(0, 13, timeZone: salon.TimeZone), notifyClient: false); // today: the client can arrive
        var url = $"/api/appointments/{appointment}";

        await Send(salon.Owner, HttpMethod.Post, $"{url}/confirm", null, HttpStatusCode.OK);
        await Send(salon.Owner, HttpMethod.Patch, url, new { notes = "not a webhook event" }, HttpStatusCode.OK);
        await Send(salon.Owner, HttpMethod.Post, $"{url}/arrive", null, HttpStatusCode.OK);
        await Send(salon.Owner, HttpMethod.Post, $"{url}/complete", new { }, HttpStatusCode.OK);

        var deliveries = await api.Receiver.WaitFor("ordered", appointment, d => d.Length >= 4);
        Assert.Equal(["booked", "confirmed", "arrived", "completed"], deliveries.Select(d => d.Event));
        Assert.Equal([1L, 2, 4, 5], deliveries.Select(d => d.Version));
        Assert.All(deliveries, d => Assert.True(d.SignatureValid, "the signature is the HMAC-SHA256 of the body with the endpoint's secret"));
        Assert.All(deliveries, d => Assert.True(d.DeliveryIdMatchesBody));
        Assert.All(deliveries, d => Assert.InRange(d.Timestamp, DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1));
        Assert.Equal("completed", deliveries[^1].Body.GetProperty("appointment").GetProperty("status").GetString());

        var listed = await salon.WaitForNotifications(appointment, n => n.Length == 4 && All(n, "sent"));
        Assert.Equal(deliveries.Select(d => d.DeliveryId).Order(), listed.Select(n => n.GetProperty("id").GetGuid()).Order());
        Assert.All(listed, n => Assert.Equal(api.Receiver.Url("ordered"), n.GetProperty("recipient").GetString()));
        Assert.Equal(["webhook:booked", "webhook:confirmed", "webhook:arrived", "webhook:completed"],
            listed.OrderBy(n => n.GetProperty("version").GetInt64()).Select(n => n.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task A_failing_receiver_gets_the_delivery_again_and_later_changes_wait_for_it()
    {
        var salon = await api.NewSalon();
        await salon.Webhook("flaky", "booked", "confirmed");
        api.Receiver.FailNext("flaky", 2);
        var (client, _) = await salon.Client("en");

        var appointment = await salon.Book(client, Local(2, 12), notifyClient: false);
        await Send(salon.Owner, HttpMethod.Post, $"/api/appointments/{appointment}/confirm", null, HttpStatusCode.OK);

        var deliveries = await api.Receiver.WaitFor("flaky", appointment, d => d.Count(x => x.Answer == 200) == 2);
        Assert.Equal([(1L, 500), (1L, 500), (1L, 200), (2L, 200)], deliveries.Select(d => (d.Version, d.Answer)));
        Assert.Single(deliveries.Select(d => d.DeliveryId).Where(id => id == deliveries[0].DeliveryId).Distinct());
        Assert.Equal(3, deliveries.Count(d => d.DeliveryId == deliveries[0].DeliveryId));

        var listed = await salon.WaitForNotifications(appointment, n => n.Length == 2 && All(n, "sent"));
        var first = listed.Single(n => n.GetProperty("version").GetInt64() == 1);
        Assert.Equal(3, first.GetProperty("attempts").GetInt32());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("lastError").ValueKind);
        Assert.Equal(1, listed.Single(n => n.GetProperty("version").GetInt64() == 2).GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task A_copy_of_the_calendar_hears_of_every_change_it_must_follow_deletion_included()
    {
        var salon = await api.NewSalon();
        await salon.Webhook("mirror", "booked", "cancelled", "restored", "updated", "confirmed", "unconfirmed", "deleted");
        var (client, _) = await salon.Client("en");
        var appointment = await salon.Book(client, Local(2, 14), notifyClient: false);
        var url = $"/api/appointments/{appointment}";

        await Send(salon.Owner, HttpMethod.Post, $"{url}/cancel", new { reason = "business" }, HttpStatusCode.OK);
        await Send(salon.Owner, HttpMethod.Post, $"{url}/restore", null, HttpStatusCode.OK);
        await Send(salon.Owner, HttpMethod.Patch, url, new { durationMinutes = 120 }, HttpStatusCode.OK);
        await Send(salon.Owner, HttpMethod.Post, $"{url}/confirm", null, HttpStatusCode.OK);
        await Send(salon.Owner, HttpMethod.Post, $"{url}/unconfirm", null, HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NoContent, (await salon.Owner.DeleteAsync(url)).StatusCode);

        var deliveries = await api.Receiver.WaitFor("mirror", appointment, d => d.Length >= 7);
        Assert.Equal(["booked", "cancelled", "restored", "updated", "confirmed", "unconfirmed", "deleted"], deliveries.Select(d => d.Event));
        Assert.All(deliveries, d => Assert.True(d.SignatureValid));
        Assert.Equal(120, deliveries[3].Body.GetProperty("appointment").GetProperty("durationMinutes").GetInt32());
        Assert.Equal(appointment, deliveries[^1].Body.GetProperty("appointment").GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_receiver_that_keeps_failing_gets_a_dead_letter_after_the_last_attempt()
    {
        var salon = await api.NewSalon();
        await salon.Webhook("down", "booked");
        api.Receiver.FailNext("down", int.MaxValue);
        var (client, _) = await salon.Client("en");

        var appointment = await salon.Book(client, Local(2, 13), notifyClient: false);

        var retrying = await salon.WaitForNotifications(appointment, n => n.Length == 1 && All(n, "failed-retrying"));
        Assert.Equal("The endpoint answered 500 Internal Server Error.", retrying[0].GetProperty("lastError").GetString());
        Assert.True(retrying[0].GetProperty("nextAttemptAt").GetDateTimeOffset() > retrying[0].GetProperty("createdAt").GetDateTimeOffset());

        var dead = (await salon.WaitForNotifications(appointment, n => n.Length == 1 && All(n, "dead")))[0];
        Assert.Equal(NotificationApiFixture.MaxAttempts, dead.GetProperty("attempts").GetInt32());
        Assert.Equal("The endpoint answered 500 Internal Server Error.", dead.GetProperty("lastError").GetString());
        Assert.Equal(JsonValueKind.Null, dead.GetProperty("sentAt").ValueKind);
        Assert.Equal(NotificationApiFixture.MaxAttempts, api.Receiver.To("down", appointment).Length);
        api.Receiver.FailNext("down", 0);
    }

    [Fact]
    public async Task Deliveries_to_a_deleted_endpoint_are_not_sent()
    {
        var salon = await api.NewSalon();
        var endpoint = await salon.Webhook("removed", "booked");
        var (arrived, release) = api.Receiver.Hold("removed");
        api.Receiver.FailNext("removed", 1);
        var (client, _) = await salon.Client("en");
        var appointment = await salon.Book(client, Local(2, 14), notifyClient: false);
        await arrived.WaitAsync(TimeSpan.FromSeconds(20));

        await Send(salon.Owner, HttpMethod.Delete, $"/api/webhooks/{endpoint}", null, HttpStatusCode.NoContent);
        release();

        var dead = (await salon.WaitForNotifications(appointment, n => n.Length == 1 && All(n, "dead")))[0];
        Assert.Equal("The webhook endpoint was removed.", dead.GetProperty("lastError").GetString());
        Assert.Equal(2, dead.GetProperty("attempts").GetInt32());
        Assert.Equal([500], api.Receiver.To("removed", appointment).Select(d => d.Answer));
    }
}
