using Realtime.Grains.Domain.Clients;
using Realtime.Grains.Interfaces.Clients;

namespace Realtime.Grains.Projections.Clients;

/// <summary>
/// The client list (seed 004): every client's latest recorded version, for the list page, its search, sort and
/// paging, and the CSV export. Written by <see cref="ClientProjectionEffect"/> (at least once per change, so
/// <see cref="Apply"/> is idempotent and never lets an older version replace a newer one) and read by the API.
/// </summary>
/// <remarks>
/// <para><b>Last appointment.</b> <see cref="ClientListItem.LastAppointmentAt"/> is not stored with the client: each
/// store reads it, when asked, from the appointment list (<see cref="IAppointmentReadModel"/>; in PostgreSQL the
/// <c>appointment_list</c> table of the same database). The rule is <see cref="ClientListRules.CountsAsAppointment"/>:
/// the latest start among the client's appointments that are not cancelled, past or future.</para>
/// <para>Why read it rather than keep a copy: the date depends on every appointment of the client (a cancel or a
/// reschedule of the latest one moves it back to another appointment), so a copy would need a second projection that
/// re-reads the client's appointments on each change and still races with the appointment list; reading it is one
/// index lookup per listed client (index <c>appointment_list_client_last_start</c>) and is always exactly as current as
/// the appointment list itself.</para>
/// </remarks>
public interface IClientReadModel
{
    /// <summary>
    /// Records <paramref name="entry"/> unless the list already holds the same or a newer version of the client.
    /// A deleted client is kept as a tombstone (id, organisation and version, no personal data) so that it vanishes
    /// from every query and an older version arriving later cannot bring it back.
    /// </summary>
    Task Apply(ClientListEntry entry, CancellationToken ct);

    /// <summary>One page of the clients that match, in the order asked for, and how many match in all.</summary>
    /// <exception cref="ArgumentException">The query is not valid (see <see cref="ClientListQuery.Validate"/>).</exception>
    Task<ClientListPage> Query(ClientListQuery query, CancellationToken ct);

    /// <summary>
    /// Every client that matches <paramref name="query"/> (its page and page size are ignored), in its order, read
    /// in batches so that a long export neither holds a database connection nor all rows in memory.
    /// </summary>
    /// <exception cref="ArgumentException">The query is not valid (see <see cref="ClientListQuery.Validate"/>).</exception>
    IAsyncEnumerable<ClientListItem> Export(ClientListQuery query, CancellationToken ct);

    /// <summary>
    /// The clients of the organisation (not deleted, blacklisted included) whose e-mail address is exactly
    /// <paramref name="normalizedEmail"/> (trimmed and lower-cased, as clients are stored), for sign-in links.
    /// </summary>
    Task<ClientListEntry[]> FindByEmail(Guid organizationId, string normalizedEmail, CancellationToken ct);

    /// <summary>
    /// The clients of the organisation (not deleted) whose phone number has exactly the digits <paramref name="phoneDigits"/>
    /// (<see cref="ClientSearchText.PhoneDigitsOf"/>), for the claims that keep two clients from sharing one by mistake.
    /// </summary>
    Task<ClientListEntry[]> FindByPhone(Guid organizationId, string phoneDigits, CancellationToken ct);
}

/// <summary>How the client list is sorted: by last name, then first name, then id; both compared accent- and case-insensitively.</summary>
public enum ClientListSort
{
    NameAscending,
    NameDescending,
}

/// <summary>
/// What the client projection writes: a client as the list keeps it. <see cref="Profile"/> is null exactly when the
/// client is <see cref="Deleted"/> (a tombstone keeps no personal data).
/// </summary>
public sealed record ClientListEntry(Guid Id, Guid OrganizationId, long Version, bool Deleted, ClientProfile? Profile, bool Blacklisted)
{
    /// <summary>The client as it is now.</summary>
    public static ClientListEntry Of(ClientView client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new(client.Id, client.OrganizationId, client.Version, Deleted: false, client.Profile, client.Blacklist is not null);
    }

    /// <summary>A deleted client, at the version of its deletion.</summary>
    public static ClientListEntry Tombstone(Guid id, Guid organizationId, long version) =>
        new(id, organizationId, version, Deleted: true, Profile: null, Blacklisted: false);
}

/// <summary>
/// A search of one organisation's client list. <see cref="Search"/> is as typed (see <see cref="ClientSearch"/>);
/// null or blank lists every client.
/// </summary>
public sealed record ClientListQuery(Guid OrganizationId)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public string? Search { get; init; }

    public ClientListSort Sort { get; init; } = ClientListSort.NameAscending;

    /// <summary>1-based.</summary>
    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = DefaultPageSize;

    /// <summary>How many matching clients come before this page.</summary>
    public long Offset => (Page - 1L) * PageSize;

    /// <summary>The same search and order without paging, as an export reads it.</summary>
    public ClientListQuery WithoutPaging() => this with { Page = 1, PageSize = DefaultPageSize };

    /// <summary>What is wrong with the query, named as the API's query parameters; empty when it is valid.</summary>
    public FieldError[] Validate()
    {
        var errors = new List<FieldError>();
        if (ClientSearch.Validate(Search) is { } searchError) errors.Add(searchError);
        if (!Enum.IsDefined(Sort)) errors.Add(new("sort", "Sort by name or -name."));
        if (Page < 1) errors.Add(new("page", "The page must be 1 or more."));
        if (PageSize is < 1 or > MaxPageSize) errors.Add(new("pageSize", $"The page size must be between 1 and {MaxPageSize}."));
        return [.. errors];
    }

    public void ThrowIfInvalid()
    {
        if (Validate() is { Length: > 0 } errors)
        {
            throw new ArgumentException(
                "Invalid client query: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")), "query");
        }
    }
}

/// <summary>
/// A client as the list shows and exports it. <see cref="LastAppointmentAt"/> is in UTC, null for a client without
/// appointments (or with cancelled ones only).
/// </summary>
public sealed record ClientListItem(
    Guid Id,
    string FirstName,
    string LastName,
    string Email,
    string? Phone,
    string? Gender,
    DateOnly? BirthDate,
    string? Note,
    string Language,
    bool Blacklisted,
    long Version,
    DateTimeOffset? LastAppointmentAt);

/// <summary>One page of the client list and how many clients match in all.</summary>
public sealed record ClientListPage(int Total, int Page, int PageSize, ClientListItem[] Items);
