using Realtime.Grains.Domain.Appointments;
using Realtime.Grains.Domain.Schedules;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Organizations;
using Realtime.Grains.Interfaces.Resources;

namespace Realtime.Grains.Projections;

/// <summary>Where the appointments of a period came from (seed 003); shares add up to 1 when there are any.</summary>
public sealed record SourceBreakdown(int Appointments, SourceCount[] Sources);

public sealed record SourceCount(string Source, int Appointments, double Share);

/// <summary>How the appointments of a period ended; each rate is a share of <see cref="Appointments"/>.</summary>
public sealed record OutcomeRates(
    int Appointments,
    OutcomeCount Completed,
    OutcomeCount NoShow,
    OutcomeCount CancelledByBusiness,
    OutcomeCount CancelledByClient,
    OutcomeCount WithoutOutcome);

public sealed record OutcomeCount(int Appointments, double Rate);

/// <summary>Booked time against working time, per resource and for all of them together.</summary>
public sealed record UtilisationReport(int WorkingMinutes, int BookedMinutes, double? Ratio, ResourceUtilisation[] Resources);

/// <summary>
/// One resource at one location: <see cref="Ratio"/> is booked over working time, null without working time, and may
/// exceed 1 when time was booked outside working hours. <see cref="Name"/> is null for a resource no longer known.
/// </summary>
public sealed record ResourceUtilisation(Guid ResourceId, string? Name, int WorkingMinutes, int BookedMinutes, double? Ratio);

/// <summary>
/// What the completed visits of a period brought in, as their price (total cost) is stored, in the business's own
/// currency (the model keeps none, so no currency is claimed). <see cref="Revenue"/> sums the <see cref="PricedVisits"/>;
/// the <see cref="VisitsWithoutPrice"/> have no price (booked without services or price) and are in no sum.
/// </summary>
public sealed record RevenueReport(
    decimal Revenue,
    int CompletedVisits,
    int PricedVisits,
    int VisitsWithoutPrice,
    DayRevenue[] Days,
    ResourceRevenue[] Resources,
    ServiceRevenue[] Services);

/// <summary>One local date of the location; every date of the report is listed, those without visits at zero.</summary>
public sealed record DayRevenue(DateOnly Date, decimal Revenue, int Visits);

/// <summary>
/// A resource's visits' totals, each in full: a visit needing a staff member and a room counts for both, so these rows
/// add up to more than the report's revenue whenever visits use several resources. <see cref="Name"/> is null for a
/// resource no longer known.
/// </summary>
public sealed record ResourceRevenue(Guid ResourceId, string? Name, decimal Revenue, int Visits);

/// <summary>
/// What is attributed to one service (see <see cref="AppointmentReports.Revenue"/>); <see cref="ServiceId"/> null is the
/// row of what cannot be attributed honestly. These rows add up to the report's revenue.
/// </summary>
public sealed record ServiceRevenue(Guid? ServiceId, string? Name, decimal Revenue, int Visits);

/// <summary>
/// The reports of one location over one period, as pure functions of the appointment list's rows (and, for
/// utilisation, the resources' schedules). Rates and ratios are rounded to four decimals, minutes to whole minutes.
/// </summary>
public static class AppointmentReports
{
    /// <summary>What a booking without a source is counted as.</summary>
    public const string UnknownSource = "unknown";

    private const int RateDecimals = 4;

    /// <summary>
    /// Appointments (not breaks) starting in <paramref name="period"/>, whatever their status, by source. Sources are
    /// compared trimmed and case-insensitively and reported in lower case; none or blank counts as <see cref="UnknownSource"/>.
    /// Most frequent first, then by name.
    /// </summary>
    public static SourceBreakdown BySource(IEnumerable<ReportAppointment> appointments, TimeRange period)
    {
        var counted = StartingIn(appointments, period).ToArray();
        var sources = counted
            .GroupBy(a => SourceOf(a.Source))
            .Select(g => new SourceCount(g.Key, g.Count(), Rate(g.Count(), counted.Length)))
            .OrderByDescending(s => s.Appointments)
            .ThenBy(s => s.Source, StringComparer.Ordinal)
            .ToArray();
        return new SourceBreakdown(counted.Length, sources);
    }

    /// <summary>
    /// Of the appointments (not breaks) starting in <paramref name="period"/>: how many were completed, were no-shows,
    /// were cancelled by the business or by the client, and how many have no outcome yet (booked, arrived or past).
    /// </summary>
    public static OutcomeRates Outcomes(IEnumerable<ReportAppointment> appointments, TimeRange period)
    {
        var counted = StartingIn(appointments, period).ToArray();
        OutcomeCount Count(Func<ReportAppointment, bool> outcome)
        {
            var count = counted.Count(outcome);
            return new OutcomeCount(count, Rate(count, counted.Length));
        }

        return new OutcomeRates(
            counted.Length,
            Count(a => a.Status == AppointmentStatus.Completed),
            Count(a => a.Status == AppointmentStatus.NoShow),
            // A cancellation always records its reason; one without is counted as the business's.
            Count(a => a.Status == AppointmentStatus.Cancelled && a.CancellationReason != CancellationReason.Client),
            Count(a => a.Status == AppointmentStatus.Cancelled && a.CancellationReason == CancellationReason.Client),
            Count(a => a.Status is AppointmentStatus.Booked or AppointmentStatus.Arrived or AppointmentStatus.Past));
    }

    /// <summary>
    /// Per resource working at <paramref name="locationId"/> (weekly hours or extra hours there) or booked there in the
    /// period: its working time there (weekly hours and exceptions, in the location's time zone) and its booked time
    /// there — appointments and breaks that hold time (booked, arrived, completed, past), [start, end) without buffers,
    /// clipped to <paramref name="period"/>. Ordered by name, then id; unknown resources last.
    /// </summary>
    /// <param name="appointments">The location's appointments and breaks, as <see cref="IAppointmentReadModel.ListForReports"/> gives them.</param>
    /// <param name="resources">The organisation's resources; those not working at the location are left out.</param>
    public static UtilisationReport Utilisation(
        IEnumerable<ReportAppointment> appointments,
        IEnumerable<ResourceView> resources,
        Guid locationId,
        string timeZoneId,
        TimeRange period)
    {
        ArgumentNullException.ThrowIfNull(appointments);
        ArgumentNullException.ThrowIfNull(resources);

        var bookedByResource = appointments
            .Where(a => AppointmentTransitions.OccupiesTime(a.Status))
            .SelectMany(a => a.ResourceIds.Distinct().Select(resourceId => (resourceId, Clip(a, period))))
            .Where(x => x.Item2 is not null)
            .GroupBy(x => x.resourceId, x => x.Item2!.Value)
            .ToDictionary(g => g.Key, g => Length(Merge(g)));

        var known = resources.DistinctBy(r => r.Id).ToDictionary(r => r.Id, r => r);
        var listed = known.Values.Where(r => WorksAt(r, locationId)).Select(r => r.Id).Union(bookedByResource.Keys);

        var rows = listed
            .Select(id =>
            {
                known.TryGetValue(id, out var resource);
                var workingTime = resource is null
                    ? TimeSpan.Zero
                    : Length(WorkingTime.Between(resource.WorkingHours, resource.Exceptions, locationId, timeZoneId, period));
                var bookedTime = bookedByResource.GetValueOrDefault(id);
                return (Row: new ResourceUtilisation(id, resource?.Name, Minutes(workingTime), Minutes(bookedTime), Ratio(bookedTime, workingTime)),
                        Working: workingTime, Booked: bookedTime);
            })
            .OrderBy(x => x.Row.Name is null)
            .ThenBy(x => x.Row.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(x => x.Row.ResourceId)
            .ToArray();

        var totalWorking = rows.Aggregate(TimeSpan.Zero, (sum, x) => sum + x.Working);
        var totalBooked = rows.Aggregate(TimeSpan.Zero, (sum, x) => sum + x.Booked);
        return new UtilisationReport(
            Minutes(totalWorking), Minutes(totalBooked), Ratio(totalBooked, totalWorking), [.. rows.Select(x => x.Row)]);
    }

    /// <summary>
    /// Completed visits (not breaks) starting in <paramref name="dates"/> at the location (<paramref name="timeZoneId"/>),
    /// by local date of their start, by resource and by service. A visit's total goes to its one service; a visit with
    /// several services gives each its current list price only when those prices add up to its total exactly (no
    /// discount or extra to share out), and otherwise, like a visit without services, goes to the unattributed row.
    /// Resources and services with the most revenue first, then by name; unknown and unattributed last.
    /// </summary>
    /// <param name="appointments">The location's appointments, as <see cref="IAppointmentReadModel.ListForReports"/> gives them.</param>
    /// <param name="services">The organisation's services: their names and list prices.</param>
    /// <param name="resources">The organisation's resources, for their names.</param>
    public static RevenueReport Revenue(
        IEnumerable<ReportAppointment> appointments,
        IEnumerable<ServiceView> services,
        IEnumerable<ResourceView> resources,
        ReportDateRange dates,
        string timeZoneId)
    {
        ArgumentNullException.ThrowIfNull(dates);
        var completed = StartingIn(appointments, dates.ToInstants(timeZoneId)).Where(a => a.Status == AppointmentStatus.Completed).ToArray();
        var priced = completed.Where(a => a.Price is not null).Select(a => (Visit: a, Price: a.Price!.Value)).ToArray();
        var listed = services.DistinctBy(s => s.Id).ToDictionary(s => s.Id);
        var names = resources.DistinctBy(r => r.Id).ToDictionary(r => r.Id, r => r.Name);

        var byDate = priced.ToLookup(p => DateOnly.FromDateTime(TimeZones.WallClock(p.Visit.Start, timeZoneId)));
        var days = Enumerable.Range(0, dates.Days)
            .Select(dates.From.AddDays)
            .Select(date => new DayRevenue(date, byDate[date].Sum(p => p.Price), byDate[date].Count()))
            .ToArray();

        var byResource = priced
            .SelectMany(p => p.Visit.ResourceIds.Distinct().Select(id => (ResourceId: id, p.Price)))
            .GroupBy(x => x.ResourceId)
            .Select(g => new ResourceRevenue(g.Key, names.GetValueOrDefault(g.Key), g.Sum(x => x.Price), g.Count()))
            .OrderBy(r => r.Name is null).ThenByDescending(r => r.Revenue).ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.ResourceId)
            .ToArray();

        var byService = priced
            .SelectMany(p => ServiceShares(p.Visit.ServiceIds, p.Price, listed).Select(share => (p.Visit.Id, share.ServiceId, share.Amount)))
            .GroupBy(x => x.ServiceId)
            .Select(g => new ServiceRevenue(
                g.Key, g.Key is { } id ? listed.GetValueOrDefault(id)?.Definition.Name : null, g.Sum(x => x.Amount), g.Select(x => x.Id).Distinct().Count()))
            .OrderBy(s => s.ServiceId is null).ThenBy(s => s.Name is null).ThenByDescending(s => s.Revenue).ThenBy(s => s.Name, StringComparer.OrdinalIgnoreCase).ThenBy(s => s.ServiceId)
            .ToArray();

        return new RevenueReport(priced.Sum(p => p.Price), completed.Length, priced.Length, completed.Length - priced.Length, days, byResource, byService);
    }

    /// <summary>How a visit's total is shared among its services (null: unattributed); see <see cref="Revenue"/>.</summary>
    private static IEnumerable<(Guid? ServiceId, decimal Amount)> ServiceShares(
        Guid[] serviceIds, decimal total, IReadOnlyDictionary<Guid, ServiceView> listed)
    {
        if (serviceIds.Length == 1) return [(serviceIds[0], total)];
        if (serviceIds.Length > 1 && serviceIds.All(listed.ContainsKey) && serviceIds.Sum(id => listed[id].Definition.Price) == total)
        {
            return serviceIds.Select(id => ((Guid?)id, listed[id].Definition.Price));
        }
        return [(null, total)];
    }

    /// <summary>The name a source is reported under.</summary>
    public static string SourceOf(string? source) =>
        string.IsNullOrWhiteSpace(source) ? UnknownSource : source.Trim().ToLowerInvariant();

    /// <summary>Whether the resource has weekly hours or extra hours at the location.</summary>
    public static bool WorksAt(ResourceView resource, Guid locationId) =>
        resource.WorkingHours.Any(h => h.LocationId == locationId)
        || resource.Exceptions.Any(e => e.LocationId == locationId && e.Kind == ScheduleExceptionKind.ExtraHours);

    private static IEnumerable<ReportAppointment> StartingIn(IEnumerable<ReportAppointment> appointments, TimeRange period)
    {
        ArgumentNullException.ThrowIfNull(appointments);
        return appointments.Where(a => a.Kind == AppointmentKind.Appointment && a.Start >= period.Start && a.Start < period.End);
    }

    private static TimeRange? Clip(ReportAppointment appointment, TimeRange period)
    {
        var start = appointment.Start > period.Start ? appointment.Start : period.Start;
        var end = appointment.End < period.End ? appointment.End : period.End;
        return start < end ? new TimeRange(start, end) : null;
    }

    /// <summary>Union of ranges, so that time is never counted twice for one resource.</summary>
    private static List<TimeRange> Merge(IEnumerable<TimeRange> ranges)
    {
        var merged = new List<TimeRange>();
        foreach (var next in ranges.OrderBy(r => r.Start))
        {
            if (merged.Count > 0 && next.Start <= merged[^1].End)
            {
                if (next.End > merged[^1].End) merged[^1] = merged[^1] with { End = next.End };
            }
            else
            {
                merged.Add(next);
            }
        }
        return merged;
    }

    private static TimeSpan Length(IEnumerable<TimeRange> ranges) =>
        ranges.Aggregate(TimeSpan.Zero, (sum, r) => sum + r.Length);

    private static int Minutes(TimeSpan length) => (int)Math.Round(length.TotalMinutes, MidpointRounding.AwayFromZero);

    private static double Rate(int count, int total) =>
        total == 0 ? 0 : Math.Round((double)count / total, RateDecimals, MidpointRounding.AwayFromZero);

    private static double? Ratio(TimeSpan booked, TimeSpan working) =>
        working <= TimeSpan.Zero ? null : Math.Round(booked / working, RateDecimals, MidpointRounding.AwayFromZero);
}
