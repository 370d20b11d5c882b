using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Projections.Clients;

namespace Realtime.Grains.Projections;

/// <summary>
/// The appointment list: a projection of every appointment's latest recorded version, for lists, filters and
/// reports. Written by <see cref="AppointmentProjectionEffect"/> (at least once per change, so <see cref="Apply"/>
/// is idempotent and never lets an older version replace a newer one) and read by the API.
/// </summary>
public interface IAppointmentReadModel
{
    /// <summary>
    /// Records <paramref name="appointment"/> unless the list already holds the same or a newer version of it.
    /// A deleted appointment is kept as a tombstone (id and version) so that it vanishes from every query and an
    /// older version arriving later cannot bring it back.
    /// </summary>
    Task Apply(AppointmentView appointment, bool deleted, CancellationToken ct);

    /// <summary>The version of the appointment the list holds (a tombstone's too), or null if it holds none.</summary>
    Task<long?> ListedVersion(Guid appointmentId, CancellationToken ct);

    /// <summary>Which of these appointments the list holds a version of (a tombstone too): the others it has not heard of yet.</summary>
    Task<IReadOnlySet<Guid>> Listed(IReadOnlyCollection<Guid> appointmentIds, CancellationToken ct);

    /// <summary>
    /// The time the live appointments among these occupy, as listed (none for one cancelled, a no-show, deleted or not
    /// heard of yet): what lets a calendar's orphan sweep trust a reservation without asking its appointment.
    /// </summary>
    Task<IReadOnlyList<ListedOccupancy>> Occupancies(IReadOnlyCollection<Guid> appointmentIds, CancellationToken ct);

    /// <summary>One page of the appointments that match, ordered by start (then id), and how many match in all.</summary>
    /// <exception cref="ArgumentException">The query is not valid (see <see cref="AppointmentQuery.Validate"/>).</exception>
    Task<AppointmentPage> Query(AppointmentQuery query, CancellationToken ct);

    /// <summary>
    /// What the reports need of every live appointment and break at one location that overlaps <paramref name="period"/>
    /// (any status, unclipped); the report functions in <see cref="AppointmentReports"/> do the rest.
    /// </summary>
    Task<IReadOnlyList<ReportAppointment>> ListForReports(Guid organizationId, Guid locationId, TimeRange period, CancellationToken ct);
}

/// <summary>
/// Filters of the appointment list. The organisation is always given; every other filter is optional and they
/// combine with AND. <see cref="From"/>/<see cref="To"/> select appointments whose [start, end) overlaps [From, To).
/// </summary>
public sealed record AppointmentQuery(Guid OrganizationId)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public Guid? LocationId { get; init; }

    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }

    /// <summary>Any of these statuses; null or empty: every status.</summary>
    public IReadOnlyCollection<AppointmentStatus>? Statuses { get; init; }

    /// <summary>Appointments that use this resource (among others).</summary>
    public Guid? ResourceId { get; init; }

    /// <summary>Appointments that use any of these resources; null: any.</summary>
    public IReadOnlyCollection<Guid>? AnyResourceIds { get; init; }

    /// <summary>Appointments booked by the client or with a seat of theirs (a group class they are in).</summary>
    public Guid? ClientId { get; init; }

    /// <summary>Only these appointments (a client's record, say); null: any.</summary>
    public IReadOnlyCollection<Guid>? Ids { get; init; }

    /// <summary>One part of a client's appointments, as their page lists them apart; null: both parts.</summary>
    public ClientAgendaPart? Agenda { get; init; }

    /// <summary>The locations a location-limited key may see; null: every location of the organisation.</summary>
    public IReadOnlyCollection<Guid>? AllowedLocationIds { get; init; }

    /// <summary>1-based.</summary>
    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = DefaultPageSize;

    /// <summary>How many matching appointments come before this page.</summary>
    public long Offset => (Page - 1L) * PageSize;

    /// <summary>What is wrong with the query, named as the API's query parameters; empty when it is valid.</summary>
    public FieldError[] Validate()
    {
        var errors = new List<FieldError>();
        if (Page < 1) errors.Add(new("page", "The page must be 1 or more."));
        if (PageSize is < 1 or > MaxPageSize) errors.Add(new("pageSize", $"The page size must be between 1 and {MaxPageSize}."));
        if (From is { } from && To is { } to && to <= from) errors.Add(new("to", "The end must be after the start."));
        return [.. errors];
    }

    public void ThrowIfInvalid()
    {
        if (Validate() is { Length: > 0 } errors)
        {
            throw new ArgumentException(
                "Invalid appointment query: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")), "query");
        }
    }
}

/// <summary>
/// The client's visits still to come at <paramref name="Now"/> (<see cref="ClientAgenda.IsAhead"/>), or, with
/// <paramref name="Ahead"/> false, every other appointment.
/// </summary>
public sealed record ClientAgendaPart(Guid ClientId, DateTimeOffset Now, bool Ahead);

/// <summary>
/// One page of the appointment list. <see cref="Items"/> carry an empty <see cref="AppointmentView.History"/> (the
/// list keeps rows small; the appointment itself has the full history); everything else is as the appointment recorded it.
/// </summary>
public sealed record AppointmentPage(int Total, int Page, int PageSize, AppointmentView[] Items);

public static class AppointmentReadModelExtensions
{
    /// <summary>Every appointment that matches, read page after page of the largest size (the query's page is ignored).</summary>
    public static async Task<List<AppointmentView>> QueryAll(this IAppointmentReadModel readModel, AppointmentQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(readModel);
        var found = new List<AppointmentView>();
        for (var page = 1; ; page++)
        {
            var read = await readModel.Query(query with { Page = page, PageSize = AppointmentQuery.MaxPageSize }, ct);
            found.AddRange(read.Items);
            if (found.Count >= read.Total || read.Items.Length == 0) return found;
        }
    }

    /// <summary>
    /// The query's page of the matching appointments the latest start first: the list pages by start, earliest first, so
    /// this counts, then reads the one or two earliest-first pages that hold the page asked for (<see cref="NewestFirstPages"/>).
    /// </summary>
    public static async Task<AppointmentPage> QueryNewestFirst(this IAppointmentReadModel readModel, AppointmentQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(readModel);
        ArgumentNullException.ThrowIfNull(query);
        var total = (await readModel.Query(query with { Page = 1, PageSize = 1 }, ct)).Total;
        var (from, to) = NewestFirstPages.Positions(total, query.Page, query.PageSize);
        var found = new List<AppointmentView>(query.PageSize);
        foreach (var oldestFirstPage in NewestFirstPages.OldestFirstPages(from, to, query.PageSize))
        {
            var read = await readModel.Query(query with { Page = oldestFirstPage }, ct);
            var firstPosition = (oldestFirstPage - 1L) * query.PageSize;
            found.AddRange(read.Items.Where((_, i) => firstPosition + i >= from && firstPosition + i < to));
        }

        found.Reverse();
        return new AppointmentPage(total, query.Page, query.PageSize, [.. found]);
    }
}

/// <summary>The resources a listed appointment uses and the time it keeps them, buffers included.</summary>
public sealed record ListedOccupancy(Guid AppointmentId, Guid[] ResourceIds, TimeRange Occupied)
{
    public static ListedOccupancy Of(AppointmentView appointment) => new(appointment.Id, appointment.ResourceIds, appointment.Occupied);
}

/// <summary>An appointment or break as the reports see it: times are [Start, End) without buffers.</summary>
public sealed record ReportAppointment(
    Guid Id,
    AppointmentKind Kind,
    AppointmentStatus Status,
    string? Source,
    CancellationReason? CancellationReason,
    Guid[] ResourceIds,
    DateTimeOffset Start,
    DateTimeOffset End,
    Guid[] ServiceIds,
    decimal? Price)
{
    public static ReportAppointment Of(AppointmentView appointment) => new(
        appointment.Id, appointment.Kind, appointment.Status, appointment.Source, appointment.Cancellation?.Reason,
        appointment.ResourceIds, appointment.Start, appointment.End, appointment.ServiceIds, appointment.Price);
}
