using System.Runtime.CompilerServices;
using Realtime.Grains.Domain.Clients;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Clients;

namespace Realtime.Grains.Projections.Clients;

/// <summary>
/// The client list in process memory: for the in-memory demo mode (one silo) and fast tests. Queries scan every
/// row, which is fine at demo sizes. The last appointment date is read from <paramref name="appointments"/> (the
/// appointment list of the same process) for the clients of the page only.
/// </summary>
public sealed class InMemoryClientReadModel(IAppointmentReadModel appointments) : IClientReadModel
{
    private readonly Lock gate = new();
    private readonly Dictionary<Guid, Row> rows = [];

    public Task Apply(ClientListEntry entry, CancellationToken ct)
    {
        ClientListRules.ThrowIfInvalid(entry);
        var row = Row.Of(entry);
        lock (gate)
        {
            if (!rows.TryGetValue(entry.Id, out var stored)
                || ClientListRules.Replaces(stored.Version, stored.Deleted, entry.Version, entry.Deleted))
            {
                rows[entry.Id] = row;
            }
        }
        return Task.CompletedTask;
    }

    public async Task<ClientListPage> Query(ClientListQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.ThrowIfInvalid();
        var matching = Matching(query);
        var page = matching
            .Skip((int)Math.Min(query.Offset, int.MaxValue))
            .Take(query.PageSize)
            .ToArray();
        var items = new ClientListItem[page.Length];
        for (var i = 0; i < page.Length; i++) items[i] = await ItemOf(page[i], ct);
        return new ClientListPage(matching.Length, query.Page, query.PageSize, items);
    }

    public async IAsyncEnumerable<ClientListItem> Export(ClientListQuery query, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        query = query.WithoutPaging();
        query.ThrowIfInvalid();
        foreach (var row in Matching(query))
        {
            ct.ThrowIfCancellationRequested();
            yield return await ItemOf(row, ct);
        }
    }

    public Task<ClientListEntry[]> FindByEmail(Guid organizationId, string normalizedEmail, CancellationToken ct) =>
        Find(organizationId, profile => profile.Email == normalizedEmail);

    public Task<ClientListEntry[]> FindByPhone(Guid organizationId, string phoneDigits, CancellationToken ct) =>
        Find(organizationId, profile => ClientSearchText.PhoneDigitsOf(profile.Phone) == phoneDigits);

    private Task<ClientListEntry[]> Find(Guid organizationId, Func<ClientProfile, bool> matches)
    {
        lock (gate)
        {
            return Task.FromResult(rows.Values
                .Where(row => !row.Deleted && row.Entry.OrganizationId == organizationId && matches(row.Entry.Profile!))
                .Select(row => row.Entry)
                .OrderBy(entry => entry.Id)
                .ToArray());
        }
    }

    private Row[] Matching(ClientListQuery query)
    {
        var search = ClientSearch.Parse(query.Search);
        Row[] matching;
        lock (gate)
        {
            matching = [.. rows.Values.Where(row => !row.Deleted
                && row.Entry.OrganizationId == query.OrganizationId
                && ClientListRules.Matches(search, row.SearchText, row.PhoneDigits))];
        }
        return [.. ClientListRules.InListOrder(matching, row => row.SortKey, query.Sort)];
    }

    private async Task<ClientListItem> ItemOf(Row row, CancellationToken ct)
    {
        var profile = row.Entry.Profile!;
        return new ClientListItem(
            row.Entry.Id, profile.FirstName, profile.LastName, profile.Email, profile.Phone, profile.Gender, profile.BirthDate,
            profile.Note, profile.Language, row.Entry.Blacklisted, row.Entry.Version,
            await LastAppointmentAt(row.Entry.OrganizationId, row.Entry.Id, ct));
    }

    /// <summary>
    /// The appointment list orders by start (then id), so the client's latest counting appointment is the last of
    /// its counting appointments: one query for how many there are, one for the last of them.
    /// </summary>
    private async Task<DateTimeOffset?> LastAppointmentAt(Guid organizationId, Guid clientId, CancellationToken ct)
    {
        var counting = new AppointmentQuery(organizationId)
        {
            ClientId = clientId,
            Statuses = ClientListRules.CountingStatuses.ToArray(),
            PageSize = 1,
        };
        var first = await appointments.Query(counting, ct);
        if (first.Total == 0) return null;
        var last = first.Total == 1 ? first : await appointments.Query(counting with { Page = first.Total }, ct);
        // A change between the two reads may leave the last page empty: then the first one read is the best known.
        var found = last.Items.Length > 0 ? last.Items : first.Items;
        return ClientListRules.LastAppointmentAt(found.Select(a => (a.Status, a.Start)));
    }

    private sealed record Row(ClientListEntry Entry, string SearchText, string PhoneDigits, ClientListSortKey SortKey)
    {
        public bool Deleted => Entry.Deleted;

        public long Version => Entry.Version;

        public static Row Of(ClientListEntry entry)
        {
            if (entry.Deleted || entry.Profile is null)
            {
                // A tombstone keeps no personal data.
                var tombstone = ClientListEntry.Tombstone(entry.Id, entry.OrganizationId, entry.Version);
                return new Row(tombstone, "", "", new ClientListSortKey("", "", entry.Id));
            }

            var profile = entry.Profile;
            return new Row(
                entry,
                ClientSearchText.SearchTextOf(profile.FirstName, profile.LastName, profile.Email),
                ClientSearchText.PhoneDigitsOf(profile.Phone),
                ClientListSortKey.Of(entry.Id, profile.FirstName, profile.LastName));
        }
    }
}
