using Realtime.Grains.Domain.Clients;
using Realtime.Grains.Interfaces.Appointments;

namespace Realtime.Grains.Projections.Clients;

/// <summary>The rules every client-list store follows; the PostgreSQL store states the same rules in SQL.</summary>
public static class ClientListRules
{
    /// <summary>
    /// Whether an incoming version replaces what the list holds: only a newer version does, or a deletion of the
    /// same version (so a deleted client stays deleted). Re-applying what is stored changes nothing.
    /// </summary>
    public static bool Replaces(long storedVersion, bool storedDeleted, long incomingVersion, bool incomingDeleted) =>
        incomingVersion > storedVersion || (incomingVersion == storedVersion && incomingDeleted && !storedDeleted);

    /// <summary>A live entry carries the profile it lists; a tombstone carries none.</summary>
    /// <exception cref="ArgumentException">The entry is neither.</exception>
    public static void ThrowIfInvalid(ClientListEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Version < 1) throw new ArgumentException("A client list entry has a version of 1 or more.", nameof(entry));
        if (!entry.Deleted && entry.Profile is null)
        {
            throw new ArgumentException("A client list entry that is not deleted needs the client's profile.", nameof(entry));
        }
    }

    /// <summary>
    /// Whether an appointment of the client counts for the client's last appointment date: every one that is not
    /// cancelled — booked, arrived, completed, past, and no-shows (the client had the appointment, even if they did
    /// not come). Future appointments count too, so a client with a visit booked next week shows that date: the list
    /// answers "when is (or was) this client's latest appointment", and a client who was never booked shows none
    /// (seed 004: a new client appears "without the date of the last appointment").
    /// </summary>
    public static bool CountsAsAppointment(AppointmentStatus status) => status != AppointmentStatus.Cancelled;

    /// <summary>The statuses that count (see <see cref="CountsAsAppointment"/>).</summary>
    public static IReadOnlyList<AppointmentStatus> CountingStatuses { get; } =
        [.. Enum.GetValues<AppointmentStatus>().Where(CountsAsAppointment)];

    /// <summary>The latest start among the appointments that count, in UTC; null when none counts.</summary>
    public static DateTimeOffset? LastAppointmentAt(IEnumerable<(AppointmentStatus Status, DateTimeOffset Start)> appointments)
    {
        ArgumentNullException.ThrowIfNull(appointments);
        DateTimeOffset? latest = null;
        foreach (var (status, start) in appointments)
        {
            if (CountsAsAppointment(status) && (latest is null || start > latest)) latest = start;
        }

        return latest?.ToUniversalTime();
    }

    /// <summary>
    /// The order of the list: last name, then first name (both folded, see <see cref="ClientSearchText.SortKeyOf"/>,
    /// compared ordinally), then id; reversed as a whole for <see cref="ClientListSort.NameDescending"/>.
    /// </summary>
    public static IOrderedEnumerable<T> InListOrder<T>(IEnumerable<T> rows, Func<T, ClientListSortKey> keyOf, ClientListSort sort)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(keyOf);
        return sort == ClientListSort.NameDescending
            ? rows.OrderByDescending(keyOf, ClientListSortKey.Comparer)
            : rows.OrderBy(keyOf, ClientListSortKey.Comparer);
    }

    /// <summary>Whether a live client of the organisation asked for matches the search (paging aside).</summary>
    public static bool Matches(ClientSearch? search, string searchText, string phoneDigits) =>
        search is null || search.Matches(searchText, phoneDigits);
}

/// <summary>Where a client falls in the list: its folded last and first name, and its id to break ties.</summary>
public readonly record struct ClientListSortKey(string LastName, string FirstName, Guid Id)
{
    public static IComparer<ClientListSortKey> Comparer { get; } = Comparer<ClientListSortKey>.Create((a, b) =>
    {
        var byLast = string.CompareOrdinal(a.LastName, b.LastName);
        if (byLast != 0) return byLast;
        var byFirst = string.CompareOrdinal(a.FirstName, b.FirstName);
        return byFirst != 0 ? byFirst : a.Id.CompareTo(b.Id);
    });

    public static ClientListSortKey Of(Guid id, string? firstName, string? lastName) =>
        new(ClientSearchText.SortKeyOf(lastName), ClientSearchText.SortKeyOf(firstName), id);
}
