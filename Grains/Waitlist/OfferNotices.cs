using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Realtime.Grains.Access;
using Realtime.Grains.Caching;
using Realtime.Grains.Domain.Notifications;
using Realtime.Grains.Domain.Waitlist;
using Realtime.Grains.Interfaces.Clients;
using Realtime.Grains.Interfaces.Organizations;
using Realtime.Grains.Interfaces.Waitlist;
using Realtime.Grains.Notifications;

namespace Realtime.Grains.Waitlist;

/// <summary>
/// Queues "a slot is free" (by e-mail with a sign-in link to the client's page, where they take it) and "the slot is
/// gone" to the candidates of an offer, in their order, by e-mail and SMS as the channels allow. Keyed in the outbox by
/// the offer's appointment id, so a repeat queues nothing more. A message that cannot be queued is logged: the offer stands without it (the client also sees it in <c>GET /api/client/offers</c>).
/// </summary>
public sealed class OfferNotices(
    IGrainFactory grains,
    DefinitionCache definitions,
    INotificationOutbox outbox,
    IOptions<NotificationChannels> channels,
    NotificationSignal signal,
    ClientLinks links,
    TimeProvider time,
    ILogger<OfferNotices> logger)
{
    public async Task Queue(SlotOffer offer, Guid[] clientIds, string kind, TimeSpan lifetime)
    {
        var enabled = channels.Value;
        if (clientIds.Length == 0 || (!enabled.Email && !enabled.Sms)) return;
        try
        {
            var location = definitions.Location(offer.LocationId);
            var organization = definitions.Organization(offer.OrganizationId);
            var service = definitions.Service(offer.ServiceId);
            var clients = Task.WhenAll(clientIds.Select(id => grains.GetGrain<IClientGrain>(id).Get()));
            await Task.WhenAll(location, organization, service, clients);
            var definition = location.Result!.Definition;
            var facts = new OfferFacts(
                definition.TimeZone, offer.Start, organization.Result?.Name ?? "", definition.Name, service.Result?.Definition.Name ?? "", lifetime);

            var now = time.GetUtcNow();
            var rows = new List<Notification>();
            foreach (var client in clients.Result.OfType<ClientView>())
            {
                var profile = client.Profile;
                var message = kind == OfferMessages.OfferedKind
                    ? OfferMessages.Offered(profile.Language, facts, profile.FirstName, enabled.Email ? links.SignIn(offer.OrganizationId, client.Id).Url : null)
                    : OfferMessages.Gone(profile.Language, facts, profile.FirstName);
                rows.AddRange(Notification.ToClient(
                    profile.Email, profile.Phone, message, enabled, (channel, recipient) => Row(offer, client.Id, kind, channel, recipient, now)));
            }

            if (rows.Count > 0 && await outbox.Enqueue(rows, CancellationToken.None) > 0) signal.Notify();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not queue the {Kind} messages of offer {OfferId}", kind, offer.Id);
        }
    }

    private static Notification Row(SlotOffer offer, Guid clientId, string kind, NotificationChannel channel, string recipient, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        OrganizationId = offer.OrganizationId,
        AppointmentId = offer.AppointmentId,
        // The messages of an offer of time are its hold's, whose id is the offer's own. A class has a seat offered again and
        // again: each offer's messages are numbered by the offer, or the outbox would take the second for the first.
        AppointmentVersion = offer.OfSeat ? BitConverter.ToInt64(offer.Id.ToByteArray()) : 0,
        ClientId = clientId,
        Kind = kind,
        Channel = channel,
        Recipient = recipient,
        Body = "",
        NextAttemptAt = now,
        CreatedAt = now,
    };
}
