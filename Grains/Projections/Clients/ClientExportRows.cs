using NodaTime;
using Realtime.Grains.Domain.Clients;

namespace Realtime.Grains.Projections.Clients;

/// <summary>The cells of the client export: a header row, then one row per client, each cell safe for spreadsheets.</summary>
public static class ClientExportRows
{
    /// <summary>The header row: each column's name (<see cref="ClientExportFormat.HeaderOf"/>), in the order chosen.</summary>
    public static string[] Header(IReadOnlyList<ClientExportColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return [.. columns.Select(ClientExportFormat.HeaderOf)];
    }

    /// <summary>
    /// The client's row: each chosen column's value as text (see <see cref="ClientExportCells"/>), with formula
    /// characters at the start neutralised (<see cref="ClientExportCells.NeutraliseFormula"/>).
    /// </summary>
    public static string[] Row(ClientListItem client, IReadOnlyList<ClientExportColumn> columns, DateTimeZone? zone = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(columns);
        return [.. columns.Select(column => ClientExportCells.NeutraliseFormula(ValueOf(client, column, zone)))];
    }

    private static string? ValueOf(ClientListItem client, ClientExportColumn column, DateTimeZone? zone) => column switch
    {
        ClientExportColumn.Id => client.Id.ToString("D"),
        ClientExportColumn.FirstName => client.FirstName,
        ClientExportColumn.LastName => client.LastName,
        ClientExportColumn.Email => client.Email,
        ClientExportColumn.Phone => client.Phone,
        ClientExportColumn.Gender => client.Gender,
        ClientExportColumn.BirthDate => ClientExportCells.Date(client.BirthDate),
        ClientExportColumn.Note => client.Note,
        ClientExportColumn.Language => client.Language,
        ClientExportColumn.Blacklisted => ClientExportCells.Flag(client.Blacklisted),
        ClientExportColumn.LastAppointmentAt => ClientExportCells.Instant(client.LastAppointmentAt, zone),
        _ => throw new ArgumentOutOfRangeException(nameof(column), column, null),
    };
}

/// <summary>
/// Paging a list newest first when the store pages it oldest first (as the appointment list does, by start): which
/// oldest-first positions a newest-first page holds, and which oldest-first pages of the same size hold them.
/// </summary>
public static class NewestFirstPages
{
    /// <summary>
    /// The positions [<c>From</c>, <c>To</c>) in oldest-first order (0-based) of newest-first page
    /// <paramref name="page"/> (1-based) of <paramref name="pageSize"/> items out of <paramref name="total"/>; empty
    /// (From == To) past the end.
    /// </summary>
    public static (long From, long To) Positions(int total, int page, int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var to = total - (page - 1L) * pageSize;
        return to <= 0 ? (0, 0) : (Math.Max(0, to - pageSize), to);
    }

    /// <summary>
    /// The 1-based oldest-first pages of <paramref name="pageSize"/> items that hold positions [from, to): for the
    /// positions of one page (<see cref="Positions"/>) none, one or two.
    /// </summary>
    public static int[] OldestFirstPages(long from, long to, int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        if (from >= to) return [];
        var first = (int)(from / pageSize) + 1;
        var last = (int)((to - 1) / pageSize) + 1;
        return [.. Enumerable.Range(first, last - first + 1)];
    }
}
