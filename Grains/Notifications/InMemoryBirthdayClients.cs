using Realtime.Grains.Domain.Notifications;
using Realtime.Grains.Projections.Clients;

namespace Realtime.Grains.Notifications;

/// <summary>
/// The clients with a birth date, in process memory (the in-memory demo mode): kept current as a client effect, like
/// the client list. In PostgreSQL the birthdays are read from the client list itself.
/// </summary>
public sealed class InMemoryBirthdayClients : IBirthdayClients, IClientEffect
{
    private readonly Lock gate = new();
    private readonly Dictionary<Guid, (long Version, BirthdayClient? Client)> clients = [];

    public Task Apply(ClientChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var view = change.Deleted ? null : change.Client;
        var client = view is { Profile.BirthDate: { } birthDate } && view.Blacklist is null
            ? new BirthdayClient(view.Id, view.OrganizationId, view.Profile.FirstName, view.Profile.Email, view.Profile.Phone, view.Profile.Language, birthDate)
            : null;
        lock (gate)
        {
            if (!clients.TryGetValue(change.ClientId, out var stored) || stored.Version < change.Version)
            {
                clients[change.ClientId] = (change.Version, client);
            }
        }

        return Task.CompletedTask;
    }

    public Task<BirthdayClient[]> WithBirthdayOn(DateOnly date, CancellationToken ct)
    {
        lock (gate)
        {
            return Task.FromResult(clients.Values
                .Select(c => c.Client)
                .OfType<BirthdayClient>()
                .Where(c => BirthdayRules.IsBirthday(c.BirthDate, date))
                .OrderBy(c => c.OrganizationId).ThenBy(c => c.Id)
                .ToArray());
        }
    }
}
