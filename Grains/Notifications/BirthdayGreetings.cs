using Microsoft.Extensions.Options;
using Realtime.Grains.Domain.Notifications;
using Realtime.Grains.Interfaces.Organizations;

namespace Realtime.Grains.Notifications;

/// <summary>A client to greet: as the client list keeps them (neither deleted nor blacklisted).</summary>
public sealed record BirthdayClient(
    Guid Id, Guid OrganizationId, string FirstName, string Email, string? Phone, string Language, DateOnly BirthDate);

/// <summary>Finds the clients of every organisation whose birthday a date is (<see cref="BirthdayRules"/>).</summary>
public interface IBirthdayClients
{
    Task<BirthdayClient[]> WithBirthdayOn(DateOnly date, CancellationToken ct);
}

/// <summary>
/// Birthday greetings (seed 004). A daily scheduled job calls <see cref="QueueBirthdayGreetings"/> with the day's date;
/// each client whose birthday it is gets one greeting per channel from their organisation, in their language. Safe to
/// call again for the same date (or from two nodes at once): a client is greeted once a year per channel and address.
/// </summary>
public sealed class BirthdayGreetings(
    IBirthdayClients clients,
    INotificationOutbox outbox,
    IGrainFactory grains,
    IOptions<NotificationChannels> channels,
    NotificationSignal signal,
    TimeProvider time)
{
    /// <returns>How many messages were queued by this call (greetings queued before are not counted again).</returns>
    public async Task<int> QueueBirthdayGreetings(DateOnly date, CancellationToken ct = default)
    {
        var enabled = channels.Value;
        if (!enabled.Email && !enabled.Sms) return 0;

        var now = time.GetUtcNow();
        var businesses = new Dictionary<Guid, string?>();
        var rows = new List<Notification>();
        foreach (var client in await clients.WithBirthdayOn(date, ct))
        {
            if (!BirthdayRules.IsBirthday(client.BirthDate, date)) continue;
            if (!businesses.TryGetValue(client.OrganizationId, out var business))
            {
                business = (await grains.GetGrain<IOrganizationGrain>(client.OrganizationId).Get())?.Name;
                businesses[client.OrganizationId] = business;
            }

            if (business is null) continue;
            var message = MessageComposer.Birthday(client.Language, client.FirstName, business);
            rows.AddRange(Notification.ToClient(
                client.Email, client.Phone, message, enabled, (channel, recipient) => Row(client, date, channel, recipient, now)));
        }

        if (rows.Count == 0) return 0;
        var queued = await outbox.Enqueue(rows, ct);
        if (queued > 0) signal.Notify();
        return queued;
    }

    private static Notification Row(BirthdayClient client, DateOnly date, NotificationChannel channel, string recipient, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        OrganizationId = client.OrganizationId,
        ClientId = client.Id,
        AppointmentVersion = date.Year,
        Kind = NotificationNames.Of(MessageKind.Birthday),
        Channel = channel,
        Recipient = recipient,
        Body = "",
        NextAttemptAt = now,
        CreatedAt = now,
    };
}
