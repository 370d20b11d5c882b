using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Realtime.Grains.Domain.Clients;
using Realtime.Grains.Domain.Notifications;
using Realtime.Grains.Interfaces.Organizations;
using Realtime.Grains.Notifications;
using Realtime.Grains.Projections.Clients;

namespace Realtime.Grains.Access;

/// <summary>
/// E-mails sign-in links through the notification outbox: one per client of the organisation with that exact address
/// (clients sharing an address, on purpose or from before duplicates were refused, each get their own, which names
/// them). An unknown organisation or address queues nothing, and callers must answer the same either way.
/// </summary>
public sealed class SignInLinks(
    IClientReadModel clients,
    ClientLinks links,
    INotificationOutbox outbox,
    IGrainFactory grains,
    IOptions<NotificationChannels> channels,
    IOptions<ClientLinkOptions> options,
    NotificationSignal signal,
    TimeProvider time,
    ILogger<SignInLinks> logger)
{
    /// <returns>How many links were queued (for logs and tests; never for the requester).</returns>
    public async Task<int> Send(Guid organizationId, string email, CancellationToken ct)
    {
        if (!channels.Value.Email)
        {
            logger.LogWarning("A sign-in link was asked for, but no e-mail can be sent: set Realtime:Smtp:Host");
            return 0;
        }

        var found = await clients.FindByEmail(organizationId, ClientContacts.NormalizeEmail(email), ct);
        if (found.Length == 0) return 0;
        if ((await grains.GetGrain<IOrganizationGrain>(organizationId).Get())?.Name is not { } business) return 0;

        var now = time.GetUtcNow();
        var rows = new List<Notification>(found.Length);
        foreach (var client in found)
        {
            var profile = client.Profile!;
            var (url, _) = links.SignIn(organizationId, client.Id);
            var message = MessageComposer.SignInLink(
                profile.Language, profile.FirstName, business, url, options.Value.SignInLinkLifetime,
                found.Length > 1 ? $"{profile.FirstName} {profile.LastName}" : null);
            rows.Add(new Notification
            {
                Id = Guid.CreateVersion7(now),
                OrganizationId = organizationId,
                ClientId = client.Id,
                // Each link is a message of its own: its "version" is when it was asked for.
                AppointmentVersion = now.ToUnixTimeMilliseconds(),
                Kind = NotificationNames.Of(MessageKind.SignInLink),
                Channel = NotificationChannel.Email,
                Recipient = profile.Email,
                Subject = message.Subject,
                Body = message.Body,
                NextAttemptAt = now,
                CreatedAt = now,
            });
        }

        var queued = await outbox.Enqueue(rows, ct);
        if (queued > 0) signal.Notify();
        return queued;
    }
}
