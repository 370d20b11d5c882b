using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Realtime.Grains.Access;
using Realtime.Grains.Appointments;
using Realtime.Grains.Appointments.Effects;
using Realtime.Grains.Caching;
using Realtime.Grains.Domain.Access;
using Realtime.Grains.Domain.Notifications;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Clients;
using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Interfaces.Notifications;
using Realtime.Grains.Interfaces.Organizations;
using Realtime.Grains.Interfaces.Resources;
using Realtime.Grains.Notifications;
using Realtime.Silo.Security;

namespace Realtime.Grains.Tests.Notifications;

/// <summary>
/// What <see cref="NotificationEffect"/> queues for each change, against real grains (for the client, location,
/// resources and webhook endpoints) and an outbox of its own.
/// </summary>
[Collection(MemoryClusterCollection.Name)]
public sealed class NotificationEffectTests(MemoryClusterFixture cluster)
{
    private static readonly Actor ClientActor = new(ActorKind.Client, "client", "Client");

    private readonly InMemoryNotificationOutbox outbox = new();

    private IGrainFactory Grains => cluster.Grains;

    private readonly IClientLinkTokens linkTokens = new DataProtectionClientLinkTokens(new EphemeralDataProtectionProvider());

    private NotificationEffect Effect(bool email = true, bool sms = true, DefinitionCache? definitions = null) => new(
        Grains, definitions ?? new DefinitionCache(Grains, TimeProvider.System), outbox, Options.Create(new NotificationChannels { Email = email, Sms = sms }), new NotificationSignal(),
        new ClientLinks(linkTokens, Options.Create(new ClientLinkOptions { PublicBaseUrl = "https://book.example.com/" }), Grains, TimeProvider.System),
        TimeProvider.System, NullLogger<NotificationEffect>.Instance);

    private async Task<(Chain Chain, AppointmentView View)> Booked(string language = "pl", string? phone = "+48 600 100 200", int daysFromToday = 3)
    {
        var chain = await Chain.Create(Grains);
        var resource = await chain.AddResource("Anna");
        var clientId = Guid.NewGuid();
        Chain.Ok(await Grains.GetGrain<IClientGrain>(clientId).Create(
            chain.OrganizationId, new ClientProfile("Ewa", "Nowak", $"ewa.{clientId:N}@example.com", phone, null, null, null, language)));
        var (_, view) = await chain.Book(chain.Booking([resource], chain.Local(daysFromToday, 10), clientId: clientId));
        return (chain, view);
    }

    private static AppointmentChange Change(
        AppointmentView view, AppointmentChangeKind kind, Actor? actor = null, bool notifyClient = false, bool notifyResource = false) =>
        new(view, Deleted: false, new OutboxEntry(view.Version, kind, notifyClient, notifyResource, Blacklist: false), actor ?? Chain.Desk);

    /// <summary>A visit of the chain's client (<see cref="Booked"/>) with a service, cancelled with every side told.</summary>
    private async Task<AppointmentChange> CancelledVisit(Chain chain, AppointmentView booked, Guid serviceId, int daysFromToday)
    {
        var (id, _) = await chain.Book(chain.Booking([.. booked.ResourceIds], chain.Local(daysFromToday, 10), clientId: booked.ClientId, serviceIds: [serviceId]));
        var cancelled = Chain.Ok(await Grains.GetGrain<IAppointmentGrain>(id).Cancel(new CancelAppointment(
            CancellationReason.Business, null, NotifyClient: true, NotifyResource: true, NextVisit: null, Chain.Desk))).Appointment;
        return Change(cancelled, AppointmentChangeKind.Cancelled, notifyClient: true, notifyResource: true);
    }

    /// <summary>The manage link on the line after <paramref name="intro"/> in the e-mail, and the grant its token carries.</summary>
    private (string Link, ClientLinkGrant Grant) ManageLinkAfter(Notification email, string intro)
    {
        const string prefix = "https://book.example.com/client/manage?token=";
        var lines = email.Body.Split('\n');
        var at = Array.IndexOf(lines, intro);
        Assert.True(at > 0, email.Body);
        var link = lines[at + 1];
        Assert.StartsWith(prefix, link);
        var grant = linkTokens.Unprotect(Uri.UnescapeDataString(link[prefix.Length..].Split('&')[0]));
        Assert.NotNull(grant);
        return (link, grant);
    }

    /// <summary>A yoga class three days ahead, booked for Ann, with a seat Bea took at the desk.</summary>
    private async Task<(Chain Chain, Guid Id, Guid Ann, Guid Bea)> YogaClass()
    {
        var chain = await Chain.Create(Grains);
        var studio = await chain.AddResource("Studio", Interfaces.Resources.ResourceKind.Room);
        var yoga = Guid.NewGuid();
        Chain.Ok(await Grains.GetGrain<IServiceGrain>(yoga).Create(chain.OrganizationId, new ServiceDefinition("Yoga", 60, 40m, 0, 0, 4, [], null)));
        var (ann, bea) = (await chain.AddClient(), await chain.AddClient());
        var (id, _) = await chain.Book(chain.Booking([studio], chain.Local(3, 10), null, ann, [yoga]));
        Chain.Ok(await Grains.GetGrain<IAppointmentGrain>(id).TakeSeat(bea, Chain.Desk));
        return (chain, id, ann, bea);
    }

    private Notification[] Queued(AppointmentView view) => [.. outbox.All().Where(n => n.AppointmentId == view.Id)];

    [Fact]
    public async Task A_booking_with_notify_client_is_sent_by_email_and_sms_in_the_clients_language_once()
    {
        var (_, view) = await Booked();
        var change = Change(view, AppointmentChangeKind.Booked, notifyClient: true);

        await Effect().Apply(change);
        await Effect().Apply(change);

        var queued = Queued(view);
        Assert.Equal(2, queued.Length);
        var email = Assert.Single(queued, n => n.Channel == NotificationChannel.Email);
        Assert.StartsWith("Wizyta zarezerwowana: ", email.Subject);
        Assert.Contains("Obsługa: Anna", email.Body);
        Assert.Equal("booked", email.Kind);
        Assert.Equal(view.Version, email.AppointmentVersion);
        var sms = Assert.Single(queued, n => n.Channel == NotificationChannel.Sms);
        Assert.Equal("+48 600 100 200", sms.Recipient);
        Assert.StartsWith("Test chain, Centre: wizyta zarezerwowana na ", sms.Body);
    }

    [Fact]
    public async Task The_clients_booking_email_carries_a_manage_link_for_that_appointment_until_it_ends()
    {
        var (_, view) = await Booked();

        await Effect().Apply(Change(view, AppointmentChangeKind.Booked, notifyClient: true));

        var email = Assert.Single(Queued(view), n => n.Channel == NotificationChannel.Email);
        var (link, grant) = ManageLinkAfter(email, "Aby zobaczyć, przełożyć lub odwołać tę wizytę online, otwórz:");
        Assert.EndsWith($"&org={view.OrganizationId}", link);
        Assert.Equal((view.OrganizationId, view.ClientId, view.Id, view.End), (grant.OrganizationId, (Guid?)grant.ClientId, grant.AppointmentId, grant.ExpiresAt));
        Assert.DoesNotContain("client/manage", Assert.Single(Queued(view), n => n.Channel == NotificationChannel.Sms).Body);
    }

    [Fact]
    public async Task Nothing_is_queued_without_notify_client_or_for_channels_that_are_off()
    {
        var (_, view) = await Booked(phone: null);

        await Effect().Apply(Change(view, AppointmentChangeKind.Booked));
        Assert.Empty(Queued(view));

        await Effect(email: false, sms: false).Apply(Change(view, AppointmentChangeKind.Booked, notifyClient: true));
        Assert.Empty(Queued(view));

        await Effect(sms: true).Apply(Change(view, AppointmentChangeKind.Booked, notifyClient: true));
        Assert.Equal([NotificationChannel.Email], Queued(view).Select(n => n.Channel));
    }

    [Fact]
    public async Task Webhooks_go_to_every_endpoint_subscribed_to_the_event()
    {
        var (chain, view) = await Booked();
        var settings = Grains.GetGrain<INotificationSettingsGrain>(chain.OrganizationId);
        var all = Chain.Ok(await settings.AddWebhook(new NewWebhookEndpoint("https://a.example.com/hook", Enum.GetValues<WebhookEvent>(), Chain.Desk)));
        Chain.Ok(await settings.AddWebhook(new NewWebhookEndpoint("https://b.example.com/hook", [WebhookEvent.Cancelled], Chain.Desk)));

        await Effect().Apply(Change(view, AppointmentChangeKind.Booked));
        await Effect().Apply(Change(view, AppointmentChangeKind.Reminded)); // the client's reminder is no webhook event

        var delivery = Assert.Single(Queued(view), n => n.Channel == NotificationChannel.Webhook);
        Assert.Equal("webhook:booked", delivery.Kind);
        Assert.Equal("https://a.example.com/hook", delivery.Recipient);
        Assert.Equal(all.Endpoint.Id, delivery.EndpointId);
        using var body = JsonDocument.Parse(delivery.Body);
        Assert.Equal(delivery.Id, body.RootElement.GetProperty("id").GetGuid());
        Assert.Equal("booked", body.RootElement.GetProperty("event").GetString());
        Assert.Equal(view.Id, body.RootElement.GetProperty("appointment").GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_cancellation_goes_to_the_client_and_to_the_staff_address_with_the_personal_message()
    {
        var (chain, booked) = await Booked(language: "fr");
        Chain.Ok(await Grains.GetGrain<INotificationSettingsGrain>(chain.OrganizationId).SetSettings(new NotificationSettings("desk@example.com", "lt")));
        var cancelled = Chain.Ok(await Grains.GetGrain<IAppointmentGrain>(booked.Id).Cancel(new CancelAppointment(
            CancellationReason.Business, "Anna est malade.", NotifyClient: true, NotifyResource: true, NextVisit: null, Chain.Desk))).Appointment;

        await Effect(sms: false).Apply(Change(cancelled, AppointmentChangeKind.Cancelled, notifyClient: true, notifyResource: true));

        var queued = Queued(cancelled);
        var toClient = Assert.Single(queued, n => n.Recipient.StartsWith("ewa."));
        Assert.StartsWith("Rendez-vous annulé : ", toClient.Subject);
        Assert.Contains("Message : « Anna est malade. »", toClient.Body);
        var toStaff = Assert.Single(queued, n => n.Recipient == "desk@example.com");
        Assert.Equal("cancelled", toStaff.Kind);
        Assert.StartsWith("Vizitas atšauktas: Ewa Nowak, ", toStaff.Subject);
        Assert.Contains("Žinutė: „Anna est malade.“", toStaff.Body);
    }

    [Fact]
    public async Task A_notified_change_reads_the_definitions_its_silo_holds_without_calling_their_grains()
    {
        var (chain, booked) = await Booked();
        var serviceId = await chain.AddService(60);
        Chain.Ok(await Grains.GetGrain<INotificationSettingsGrain>(chain.OrganizationId).SetSettings(new NotificationSettings("desk@example.com", "en")));
        var definitions = cluster.DefinitionCaches[0];
        await Effect(definitions: definitions).Apply(await CancelledVisit(chain, booked, serviceId, daysFromToday: 4));
        var change = await CancelledVisit(chain, booked, serviceId, daysFromToday: 5);

        GrainId[] read =
        [
            Grains.GetGrain<IOrganizationGrain>(chain.OrganizationId).GetGrainId(),
            Grains.GetGrain<INotificationSettingsGrain>(chain.OrganizationId).GetGrainId(),
            Grains.GetGrain<ILocationGrain>(chain.LocationId).GetGrainId(),
            Grains.GetGrain<IServiceGrain>(serviceId).GetGrainId(),
            .. booked.ResourceIds.Select(id => Grains.GetGrain<IResourceGrain>(id).GetGrainId()),
        ];
        await CallGate.WithoutCalling(read, async () =>
        {
            await Effect(definitions: definitions).Apply(change);
            return true;
        });

        var toStaff = Assert.Single(Queued(change.Appointment), n => n.Recipient == "desk@example.com");
        Assert.Contains("Centre", toStaff.Body);
        Assert.Contains("Anna", toStaff.Body);
    }

    [Fact]
    public async Task A_renamed_location_shows_in_the_next_notification()
    {
        var (chain, booked) = await Booked();
        var serviceId = await chain.AddService(60);
        var definitions = cluster.DefinitionCaches[0];
        var first = await CancelledVisit(chain, booked, serviceId, daysFromToday: 4);
        await Effect(definitions: definitions).Apply(first);
        Assert.Contains("Centre", Assert.Single(Queued(first.Appointment), n => n.Channel == NotificationChannel.Email).Body);

        var location = Grains.GetGrain<ILocationGrain>(chain.LocationId);
        Chain.Ok(await location.Update((await location.Get())!.Definition with { Name = "Annex" }));
        var next = await CancelledVisit(chain, booked, serviceId, daysFromToday: 5);
        await Effect(definitions: definitions).Apply(next);

        var body = Assert.Single(Queued(next.Appointment), n => n.Channel == NotificationChannel.Email).Body;
        Assert.Contains("Annex", body);
        Assert.DoesNotContain("Centre", body);
    }

    [Fact]
    public async Task Without_a_staff_address_the_resource_is_told_through_webhooks_only()
    {
        var (_, booked) = await Booked();
        var cancelled = Chain.Ok(await Grains.GetGrain<IAppointmentGrain>(booked.Id).Cancel(new CancelAppointment(
            CancellationReason.Business, null, NotifyClient: false, NotifyResource: true, NextVisit: null, Chain.Desk))).Appointment;

        await Effect().Apply(Change(cancelled, AppointmentChangeKind.Cancelled, notifyResource: true));

        Assert.Empty(Queued(cancelled));
    }

    [Fact]
    public async Task A_clients_own_move_is_confirmed_to_them_and_told_to_the_staff()
    {
        var (chain, booked) = await Booked(language: "es", phone: null);
        Chain.Ok(await Grains.GetGrain<INotificationSettingsGrain>(chain.OrganizationId).SetSettings(new NotificationSettings("desk@example.com", "en")));
        var moved = Chain.Ok(await Grains.GetGrain<IAppointmentGrain>(booked.Id).Reschedule(
            new RescheduleAppointment(booked.Start.AddHours(2), null, OverrideWorkingHours: false, NotifyClient: false, ClientActor)));

        await Effect().Apply(Change(moved, AppointmentChangeKind.Rescheduled, ClientActor));

        var queued = Queued(moved);
        var toClient = Assert.Single(queued, n => n.Kind == "rescheduled");
        Assert.StartsWith("Cita cambiada: ", toClient.Subject);
        Assert.Contains(toClient.Body.Split('\n'), line => line.StartsWith("Hora anterior: "));
        var toStaff = Assert.Single(queued, n => n.Kind == "client_change");
        Assert.Equal("desk@example.com", toStaff.Recipient);
        Assert.StartsWith("Moved by the client: Ewa Nowak, ", toStaff.Subject);
        Assert.Contains(toStaff.Body.Split('\n'), line => line.StartsWith("Previously: "));
    }

    [Fact]
    public async Task The_reminder_goes_to_the_client_unless_the_appointment_was_cancelled_meanwhile()
    {
        var (_, booked) = await Booked(language: "lt", phone: null);

        await Effect().Apply(Change(booked, AppointmentChangeKind.Reminded, Actor.Scheduler));
        var reminder = Assert.Single(Queued(booked));
        Assert.Equal("reminder", reminder.Kind);
        Assert.StartsWith("Priminimas apie vizitą: ", reminder.Subject);

        var cancelled = booked with { Status = AppointmentStatus.Cancelled, Version = booked.Version + 1 };
        await Effect().Apply(Change(cancelled, AppointmentChangeKind.Reminded, Actor.Scheduler));
        Assert.Single(Queued(booked));
    }

    [Fact]
    public async Task The_reminder_email_carries_the_clients_manage_link_to_confirm_attendance()
    {
        var (_, booked) = await Booked();

        await Effect().Apply(Change(booked, AppointmentChangeKind.Reminded, Actor.Scheduler));

        var email = Assert.Single(Queued(booked), n => n.Channel == NotificationChannel.Email);
        var (_, grant) = ManageLinkAfter(email, "Aby potwierdzić obecność, przełożyć lub odwołać tę wizytę online, otwórz:");
        Assert.Equal((booked.ClientId, booked.Id), ((Guid?)grant.ClientId, grant.AppointmentId));
        var sms = Assert.Single(Queued(booked), n => n.Channel == NotificationChannel.Sms).Body;
        Assert.StartsWith("Test chain, Centre: przypominamy o wizycie ", sms);
        Assert.DoesNotContain("client/manage", sms);
    }

    [Fact]
    public async Task A_cancellation_with_a_next_visit_booked_names_its_time_instead_of_asking_the_client_to_get_in_touch()
    {
        var (chain, booked) = await Booked(language: "en");
        var outcome = Chain.Ok(await Grains.GetGrain<IAppointmentGrain>(booked.Id).Cancel(new CancelAppointment(
            CancellationReason.Business, "Anna is ill.", NotifyClient: true, NotifyResource: false, new NextVisitRequest(null, null, null, null), Chain.Desk)));
        var next = await Grains.GetGrain<IAppointmentGrain>(outcome.NextVisit!.AppointmentId!.Value).Get();
        Assert.Equal(outcome.NextVisit.AppointmentId, outcome.Appointment.Cancellation!.NextVisitId);

        await Effect().Apply(Change(outcome.Appointment, AppointmentChangeKind.Cancelled, notifyClient: true));

        var email = Assert.Single(Queued(outcome.Appointment), n => n.Channel == NotificationChannel.Email);
        var when = MessageComposer.LocalDateTime("en", "Europe/Warsaw", next!.Start);
        Assert.Contains($"Your next visit is booked for {when}.", email.Body.Split('\n'));
        Assert.DoesNotContain("contact us", email.Body);
        var sms = Assert.Single(Queued(outcome.Appointment), n => n.Channel == NotificationChannel.Sms).Body;
        var local = TimeZoneInfo.ConvertTime(next.Start, chain.TimeZone);
        Assert.Contains($"Next visit: {local.ToString("dd/MM/yyyy, HH:mm", CultureInfo.InvariantCulture)}.", sms);
    }

    [Fact]
    public async Task A_cancellation_whose_next_visit_could_not_be_booked_keeps_the_advice_to_get_in_touch()
    {
        var (chain, booked) = await Booked(language: "en");
        var other = await chain.AddClient();
        await chain.Book(chain.Booking([.. booked.ResourceIds], chain.Local(10, 10), clientId: other));
        var outcome = Chain.Ok(await Grains.GetGrain<IAppointmentGrain>(booked.Id).Cancel(new CancelAppointment(
            CancellationReason.Business, null, NotifyClient: true, NotifyResource: false, new NextVisitRequest(null, null, null, null), Chain.Desk)));
        Assert.Null(outcome.NextVisit!.AppointmentId);

        await Effect(sms: false).Apply(Change(outcome.Appointment, AppointmentChangeKind.Cancelled, notifyClient: true));

        var email = Assert.Single(Queued(outcome.Appointment));
        Assert.Contains("To book a new time, please contact us.", email.Body.Split('\n'));
        Assert.DoesNotContain("next visit", email.Body);
    }

    [Fact]
    public async Task A_completion_with_a_next_visit_tells_the_client_of_the_new_booking_alone()
    {
        var (_, booked) = await Booked(language: "en", daysFromToday: 0);
        var outcome = Chain.Ok(await Grains.GetGrain<IAppointmentGrain>(booked.Id).Complete(new CompleteAppointment(
            null, null, null, null, null, new NextVisitRequest(null, null, null, null), Chain.Desk)));
        var next = (await Grains.GetGrain<IAppointmentGrain>(outcome.NextVisit!.AppointmentId!.Value).Get())!;

        await Effect(sms: false).Apply(Change(outcome.Appointment, AppointmentChangeKind.Completed, notifyClient: true));
        await Effect(sms: false).Apply(Change(next, AppointmentChangeKind.Booked, notifyClient: true));

        Assert.Empty(Queued(outcome.Appointment));
        var email = Assert.Single(Queued(next));
        Assert.Equal("Appointment booked: " + MessageComposer.LocalDateTime("en", "Europe/Warsaw", next.Start), email.Subject);
        Assert.DoesNotContain("cancel", email.Body.Replace("move or cancel this appointment", ""));
        Assert.DoesNotContain("contact us", email.Body);
    }

    [Fact]
    public async Task A_class_reminder_asks_to_confirm_only_the_seat_holders_who_have_not_confirmed_their_own_seat()
    {
        var (_, id, ann, bea) = await YogaClass();
        var confirmed = Chain.Ok(await Grains.GetGrain<IAppointmentGrain>(id).Confirm(new Actor(ActorKind.Client, ann.ToString(), "Ann")));

        await Effect(sms: false).Apply(Change(confirmed, AppointmentChangeKind.Reminded, Actor.Scheduler));

        Notification ReminderTo(Guid client) => Assert.Single(Queued(confirmed), n => n.Recipient == $"ewa.{client:N}@example.com");
        Assert.False(confirmed.Confirmed);
        ManageLinkAfter(ReminderTo(ann), "Aby zobaczyć, przełożyć lub odwołać tę wizytę online, otwórz:");
        ManageLinkAfter(ReminderTo(bea), "Aby potwierdzić obecność, przełożyć lub odwołać tę wizytę online, otwórz:");
    }

    [Fact]
    public async Task A_client_leaving_a_class_others_hold_tells_the_staff_with_their_message()
    {
        var (chain, id, ann, _) = await YogaClass();
        Chain.Ok(await Grains.GetGrain<INotificationSettingsGrain>(chain.OrganizationId).SetSettings(new NotificationSettings("desk@example.com", "en")));
        var annAsClient = new Actor(ActorKind.Client, ann.ToString(), "Ann");

        var left = Chain.Ok(await Grains.GetGrain<IAppointmentGrain>(id).Cancel(new CancelAppointment(
            CancellationReason.Client, "My knee hurts.", NotifyClient: false, NotifyResource: false, NextVisit: null, annAsClient))).Appointment;
        await Effect(sms: false).Apply(Change(left, AppointmentChangeKind.SeatFreed, annAsClient));

        Assert.Equal("My knee hurts.", left.History[^1].Message);
        var toStaff = Assert.Single(Queued(left), n => n.Kind == "client_change");
        Assert.Contains("My knee hurts.", toStaff.Body);
    }

    [Fact]
    public async Task A_deleted_appointment_gets_nothing()
    {
        var (_, view) = await Booked();

        await Effect().Apply(new AppointmentChange(view, Deleted: true, new OutboxEntry(view.Version, AppointmentChangeKind.Booked, true, true, false), Chain.Desk));

        Assert.Empty(Queued(view));
    }
}
