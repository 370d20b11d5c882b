using Microsoft.Extensions.Options;
using Realtime.Grains.Caching;
using Realtime.Grains.Domain.Notifications;
using Realtime.Grains.Domain.Schedules;
using Realtime.Grains.Interfaces.Organizations;
using Realtime.Grains.Projections;
using Realtime.Grains.Projections.Clients;

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
/// Birthday greetings (seed 004). A scheduled job calls <see cref="QueueBirthdayGreetings"/> every hour; each client
/// whose birthday it is on their own clock (the time zone of their own location, <see cref="BirthdayRules.OwnLocation"/>,
/// else of their business's first location), from the greeting time on, gets one greeting per channel from their
/// organisation, in their language. Safe to call again (or from two nodes at once): a client is greeted once a year per
/// channel and address (the outbox keys a greeting by client, year of the birthday, channel and address).
/// </summary>
public sealed class BirthdayGreetings(
    IBirthdayClients clients,
    IAppointmentReadModel appointments,
    INotificationOutbox outbox,
    IGrainFactory grains,
    DefinitionCache definitions,
    IOptions<NotificationChannels> channels,
    NotificationSignal signal,
    TimeProvider time)
{
    /// <param name="at">The instant the greetings are for: each client's is read on their own clock.</param>
    /// <param name="greetFrom">The wall-clock time of the birthday from which a greeting may go out.</param>
    /// <returns>How many messages were queued by this call (greetings queued before are not counted again).</returns>
    public async Task<int> QueueBirthdayGreetings(DateTimeOffset at, TimeOnly greetFrom, CancellationToken ct = default)
    {
        var enabled = channels.Value;
        if (!enabled.Email && !enabled.Sms) return 0;

        var now = time.GetUtcNow();
        // Somewhere it is already tomorrow, or still yesterday.
        var utcDate = DateOnly.FromDateTime(at.UtcDateTime);
        var candidates = new Dictionary<Guid, BirthdayClient>();
        foreach (var date in new[] { utcDate.AddDays(-1), utcDate, utcDate.AddDays(1) })
        {
            foreach (var client in await clients.WithBirthdayOn(date, ct)) candidates.TryAdd(client.Id, client);
        }

        var businesses = new Dictionary<Guid, (string Name, string TimeZone)?>();
        var rows = new List<Notification>();
        foreach (var client in candidates.Values)
        {
            if (!businesses.TryGetValue(client.OrganizationId, out var business))
            {
                business = await Business(client.OrganizationId);
                businesses[client.OrganizationId] = business;
            }

            if (business is not { } known) continue;
            var localNow = TimeZones.WallClock(at, await TimeZoneOf(client, at, known.TimeZone, ct));
            if (!BirthdayRules.IsDue(client.BirthDate, localNow, greetFrom)) continue;
            var message = MessageComposer.Birthday(client.Language, client.FirstName, known.Name);
            rows.AddRange(Notification.ToClient(
                client.Email, client.Phone, message, enabled, (channel, recipient) => Row(client, localNow.Year, channel, recipient, now)));
        }

        if (rows.Count == 0) return 0;
        var queued = await outbox.Enqueue(rows, ct);
        if (queued > 0) signal.Notify();
        return queued;
    }

    /// <summary>The organisation's name and clock: its first location's time zone, or UTC while it has none.</summary>
    private async Task<(string Name, string TimeZone)?> Business(Guid organizationId)
    {
        var organization = grains.GetGrain<IOrganizationGrain>(organizationId);
        if ((await organization.Get())?.Name is not { } name) return null;
        var first = (await organization.GetDirectory()).LocationIds.FirstOrDefault();
        var location = first == Guid.Empty ? null : await definitions.Location(first);
        return (name, location?.Definition.TimeZone ?? "UTC");
    }

    /// <summary>The client's own clock: the time zone of their own location, if they have one (<see cref="BirthdayRules.OwnLocation"/>).</summary>
    private async Task<string> TimeZoneOf(BirthdayClient client, DateTimeOffset at, string businessTimeZone, CancellationToken ct)
    {
        var counting = new AppointmentQuery(client.OrganizationId) { ClientId = client.Id, Statuses = ClientListRules.CountingStatuses };
        var theirs = await appointments.QueryAll(counting, ct);
        return BirthdayRules.OwnLocation(theirs.Select(a => (a.LocationId, a.Start)), at) is { } own && await definitions.Location(own) is { } location
            ? location.Definition.TimeZone
            : businessTimeZone;
    }

    private static Notification Row(BirthdayClient client, int year, NotificationChannel channel, string recipient, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        OrganizationId = client.OrganizationId,
        ClientId = client.Id,
        AppointmentVersion = year,
        Kind = NotificationNames.Of(MessageKind.Birthday),
        Channel = channel,
        Recipient = recipient,
        Body = "",
        NextAttemptAt = now,
        CreatedAt = now,
    };
}
