using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Realtime.Grains.Access;
using Realtime.Grains.Appointments.Effects;
using Realtime.Grains.Caching;
using Realtime.Grains.Domain.Appointments;
using Realtime.Grains.Domain.Notifications;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Clients;
using Realtime.Grains.Interfaces.Notifications;
using Realtime.Grains.Interfaces.Organizations;
using Realtime.Grains.Interfaces.Resources;

namespace Realtime.Grains.Notifications;

/// <summary>
/// Queues the messages a recorded change calls for (<see cref="NotificationPlanner"/>): to the client by e-mail and
/// SMS, to the staff address of the organisation (resources have no address of their own), and to every webhook
/// endpoint subscribed to the change. Called at least once per change and in version order; queueing is idempotent
/// (<see cref="INotificationOutbox.Enqueue"/>), so a repeat adds nothing. Infrastructure failures throw, so the
/// appointment's outbox retries; a message that cannot be written (a bug) is logged and skipped rather than holding up
/// every later change of the appointment.
/// </summary>
public sealed class NotificationEffect(
    IGrainFactory grains,
    DefinitionCache definitions,
    INotificationOutbox outbox,
    IOptions<NotificationChannels> channels,
    NotificationSignal signal,
    ClientLinks links,
    TimeProvider time,
    ILogger<NotificationEffect> logger) : IAppointmentEffect
{
    public async Task Apply(AppointmentChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var appointment = change.Appointment;
        var entry = change.Entry;
        var webhookEvent = NotificationPlanner.WebhookEventOf(entry.Change);
        var now = time.GetUtcNow();
        var clientIds = NotificationPlanner.ClientsOf(appointment, entry.Change, change.Actor);
        var planned = NotificationPlanner.Messages(new ChangeFacts(
            entry.Change, change.Actor.Kind, entry.NotifyClient, entry.NotifyResource, appointment.Kind, appointment.Status,
            clientIds.Length > 0, Begun: appointment.Start <= now));
        var enabled = channels.Value;
        // A deletion is told to the business's systems only: the people it concerned have nothing left to read.
        if ((!enabled.Email && !enabled.Sms) || change.Deleted) planned = [];
        if (planned.Length == 0 && webhookEvent is null) return;

        var rows = new List<Notification>();
        if (webhookEvent is { } e)
        {
            foreach (var endpoint in (await definitions.Webhooks(appointment.OrganizationId)).Where(w => w.Events.Contains(e)))
            {
                var id = Guid.CreateVersion7(now);
                rows.Add(Row(id, appointment, entry.Version, NotificationNames.WebhookKind(e), NotificationChannel.Webhook, endpoint.Url, now) with
                {
                    EndpointId = endpoint.Id,
                    Body = WebhookPayload.Create(id, e, entry.Version, appointment),
                });
            }
        }

        if (planned.Length > 0) rows.AddRange(await Messages(appointment, change, clientIds, planned, now));
        if (rows.Count == 0) return;
        if (await outbox.Enqueue(rows, CancellationToken.None) > 0) signal.Notify();
    }

    /// <summary>Each client's messages in their language, by e-mail and SMS; the staff's once, naming them all (a class's seat holders).</summary>
    private async Task<List<Notification>> Messages(
        AppointmentView appointment, AppointmentChange change, Guid[] clientIds, PlannedMessage[] planned, DateTimeOffset now)
    {
        var enabled = channels.Value;
        var clientsTask = Task.WhenAll(clientIds.Select(id => grains.GetGrain<IClientGrain>(id).Get()));
        var settingsTask = planned.Any(p => p.Audience == Audience.Staff) && enabled.Email
            ? definitions.NotificationSettings(appointment.OrganizationId)
            : Task.FromResult(NotificationSettings.Default);
        var clients = (await clientsTask).OfType<ClientView>().ToArray();
        var settings = await settingsTask;

        List<(NotificationChannel Channel, string Address)> staff = enabled.Email && settings.StaffEmail is { } staffEmail
            ? [(NotificationChannel.Email, staffEmail)]
            : [];
        var addressed = clients.Select(c => (Client: c, Addresses: AddressesOf(c.Profile))).Where(c => c.Addresses.Count > 0).ToArray();
        if (!planned.Any(p => p.Audience == Audience.Staff ? staff.Count > 0 : addressed.Length > 0)) return [];

        var facts = await Facts(appointment);
        var nextVisit = planned.Any(p => p is { Kind: MessageKind.Cancelled, Audience: Audience.Client }) ? await NextVisit(appointment) : null;
        var rows = new List<Notification>();
        foreach (var message in planned)
        {
            if (message.Audience == Audience.Staff)
            {
                rows.AddRange(Rows(message, settings.StaffLanguage, staff, clients.FirstOrDefault(), NamesOf(clients), null, null, facts, appointment, change, now));
                continue;
            }

            foreach (var (client, addresses) in addressed)
            {
                // The client's confirmation and reminder e-mails carry a link to manage this one appointment.
                var manageUrl = enabled.Email && message.Kind is MessageKind.Booked or MessageKind.Rescheduled or MessageKind.Reminder
                    ? links.ManageUrl(appointment, client.Id)
                    : null;
                // A class's other seat holders are not booked into the follow-up: it is its booking client's.
                var nextVisitStart = nextVisit?.ClientId == client.Id ? nextVisit.Start : (DateTimeOffset?)null;
                rows.AddRange(Rows(message, client.Profile.Language, addresses, client, NamesOf([client]), manageUrl, nextVisitStart, facts, appointment, change, now));
            }
        }

        return rows;
    }

    /// <summary>The follow-up visit booked with a cancellation, while it stands booked; null if there is none.</summary>
    private async Task<AppointmentView?> NextVisit(AppointmentView appointment) =>
        appointment.Cancellation?.NextVisitId is { } id
        && await grains.GetGrain<IAppointmentGrain>(id).Get() is { Status: AppointmentStatus.Booked } next
        && next.OrganizationId == appointment.OrganizationId
            ? next
            : null;

    private static string? NamesOf(ClientView[] clients) =>
        clients.Length == 0 ? null : string.Join(", ", clients.Select(c => $"{c.Profile.FirstName} {c.Profile.LastName}"));

    private List<(NotificationChannel Channel, string Address)> AddressesOf(ClientProfile profile)
    {
        var enabled = channels.Value;
        var addresses = new List<(NotificationChannel Channel, string Address)>(2);
        if (enabled.Email && !string.IsNullOrWhiteSpace(profile.Email)) addresses.Add((NotificationChannel.Email, profile.Email.Trim()));
        if (enabled.Sms && !string.IsNullOrWhiteSpace(profile.Phone)) addresses.Add((NotificationChannel.Sms, profile.Phone.Trim()));
        return addresses;
    }

    /// <summary>One message written once and queued for each address; a message that cannot be written is logged and left out.</summary>
    private IEnumerable<Notification> Rows(
        PlannedMessage message, string language, List<(NotificationChannel Channel, string Address)> addresses, ClientView? client, string? clientNames,
        string? manageUrl, DateTimeOffset? nextVisitStart, AppointmentFacts facts, AppointmentView appointment, AppointmentChange change, DateTimeOffset now)
    {
        if (addresses.Count == 0) return [];
        ComposedMessage composed;
        try
        {
            composed = Compose(message, language, facts, appointment, change.Entry.Version, client, clientNames, manageUrl, nextVisitStart, now);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not write the {Kind} message of appointment {AppointmentId} v{Version}; it is not sent",
                message.Kind, appointment.Id, change.Entry.Version);
            return [];
        }

        return addresses.Select(a => Row(Guid.CreateVersion7(now), appointment, change.Entry.Version, NotificationNames.Of(message.Kind), a.Channel, a.Address, now) with
        {
            ClientId = client?.Id ?? appointment.ClientId,
            Subject = a.Channel == NotificationChannel.Email ? composed.Subject : null,
            Body = a.Channel == NotificationChannel.Email ? composed.Body : composed.Sms,
        }).ToList();
    }

    private static ComposedMessage Compose(
        PlannedMessage message, string language, AppointmentFacts facts, AppointmentView appointment, long version, ClientView? client,
        string? clientName, string? manageUrl, DateTimeOffset? nextVisitStart, DateTimeOffset now)
    {
        var firstName = client?.Profile.FirstName;
        var personalMessage = appointment.History.LastOrDefault(h => h.Version == version)?.Message ?? appointment.Cancellation?.Message;
        return (message.Kind, message.Audience) switch
        {
            (MessageKind.Booked, Audience.Client) => MessageComposer.ClientBooked(language, facts, firstName, now, manageUrl),
            (MessageKind.Rescheduled, Audience.Client) => MessageComposer.ClientRescheduled(
                language, facts, firstName, NotificationPlanner.PreviousStart(appointment, version), now, manageUrl),
            (MessageKind.Cancelled, Audience.Client) => MessageComposer.ClientCancelled(language, facts, firstName, personalMessage, now, nextVisitStart),
            (MessageKind.Reminder, Audience.Client) => MessageComposer.ClientReminder(
                language, facts, firstName, now, manageUrl, client is not null && GroupSeats.AttendanceConfirmed(appointment, client.Id)),
            (MessageKind.Cancelled, Audience.Staff) => MessageComposer.StaffCancelled(language, facts, clientName, personalMessage, now),
            (MessageKind.ClientChange, Audience.Staff) => MessageComposer.StaffClientChange(
                language, message.ClientChange!.Value, facts, clientName, NotificationPlanner.PreviousStart(appointment, version), personalMessage, now),
            _ => throw new InvalidOperationException($"No {message.Audience} message of kind {message.Kind}."),
        };
    }

    private async Task<AppointmentFacts> Facts(AppointmentView appointment)
    {
        var location = definitions.Location(appointment.LocationId);
        var organization = definitions.Organization(appointment.OrganizationId);
        var resources = Task.WhenAll(appointment.ResourceIds.Select(definitions.Resource));
        var services = Task.WhenAll(appointment.ServiceIds.Select(definitions.Service));
        var definition = (await location)?.Definition;
        return new AppointmentFacts(
            definition?.TimeZone ?? "UTC",
            appointment.Start,
            appointment.DurationMinutes,
            (await organization)?.Name ?? "",
            definition?.Name ?? "",
            definition?.Address,
            [.. (await resources).OfType<ResourceView>().Select(r => r.Name)],
            [.. (await services).OfType<ServiceView>().Select(s => s.Definition.Name)]);
    }

    private static Notification Row(
        Guid id, AppointmentView appointment, long version, string kind, NotificationChannel channel, string recipient, DateTimeOffset now) => new()
        {
            Id = id,
            OrganizationId = appointment.OrganizationId,
            AppointmentId = appointment.Id,
            AppointmentVersion = version,
            ClientId = appointment.ClientId,
            Kind = kind,
            Channel = channel,
            Recipient = recipient,
            Body = "",
            NextAttemptAt = now,
            CreatedAt = now,
        };
}
