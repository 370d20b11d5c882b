using NodaTime;
using NodaTime.TimeZones;
using Realtime.Grains.Interfaces.Resources;

namespace Realtime.Grains.Domain.Schedules;

/// <summary>
/// When a resource works at one location: its weekly hours for the weekday, plus extra hours, minus time off,
/// turned from the location's wall-clock times into instants. Pure functions; results are sorted, merged,
/// non-overlapping ranges of UTC (offset zero) instants.
/// </summary>
/// <remarks>
/// Schedule entries follow <see cref="WallClock"/>: an end of 00:00 is midnight at the end of the day.
/// Entries that are empty once mapped (e.g. wholly inside a spring-forward gap) add or remove nothing.
/// An <see cref="ScheduleExceptionKind.ExtraHours"/> without both times adds nothing; a
/// <see cref="ScheduleExceptionKind.TimeOff"/> without both times takes the whole day off.
/// </remarks>
public static class WorkingTime
{
    // DST: every wall-clock span is widened, never shortened, when mapped to instants. A time that does not exist
    // (spring-forward gap) maps to the first instant after the gap; a time that occurs twice (fall-back overlap) maps
    // to its earlier occurrence when it starts a span and to its later occurrence when it ends one. So 01:00–05:00 on
    // a 25-hour day lasts 5 hours, no part of a day's span is lost, and consecutive days still meet at midnight.
    // Time off is mapped the same way, so it removes every instant its wall-clock times could mean.
    private static readonly ZoneLocalMappingResolver SpanStart =
        Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);

    private static readonly ZoneLocalMappingResolver SpanEnd =
        Resolvers.CreateMappingResolver(Resolvers.ReturnLater, Resolvers.ReturnStartOfIntervalAfter);

    /// <summary>The instants the resource works at <paramref name="locationId"/> on one local date of that location.</summary>
    public static IReadOnlyList<TimeRange> ForLocalDate(
        IEnumerable<WeeklyHours> weekly,
        IEnumerable<ScheduleException> exceptions,
        Guid locationId,
        string timeZoneId,
        DateOnly localDate)
    {
        var schedule = LocationSchedule.Of(weekly, exceptions, locationId);
        return ToTimeRanges(OnLocalDate(schedule, TimeZones.Get(timeZoneId), localDate));
    }

    /// <summary>
    /// True when every instant of <paramref name="range"/> is working time at <paramref name="locationId"/>.
    /// A range may cross local midnight only where working time runs on without a break. An empty range is not covered.
    /// </summary>
    public static bool Covers(
        IEnumerable<WeeklyHours> weekly,
        IEnumerable<ScheduleException> exceptions,
        Guid locationId,
        string timeZoneId,
        TimeRange range)
    {
        if (range.Start >= range.End)
        {
            return false;
        }
        var wanted = ToInterval(range);
        var schedule = LocationSchedule.Of(weekly, exceptions, locationId);
        var inside = Within(schedule, TimeZones.Get(timeZoneId), wanted);
        return inside.Count == 1 && inside[0] == wanted;
    }

    /// <summary>The working intervals at <paramref name="locationId"/> that intersect <paramref name="window"/>, clipped to it.</summary>
    public static IReadOnlyList<TimeRange> Between(
        IEnumerable<WeeklyHours> weekly,
        IEnumerable<ScheduleException> exceptions,
        Guid locationId,
        string timeZoneId,
        TimeRange window)
    {
        if (window.Start >= window.End)
        {
            return [];
        }
        var schedule = LocationSchedule.Of(weekly, exceptions, locationId);
        return ToTimeRanges(Within(schedule, TimeZones.Get(timeZoneId), ToInterval(window)));
    }

    /// <summary>
    /// The earliest time inside <paramref name="window"/> when the resource would work at two locations at once, or
    /// null; with <paramref name="involving"/>, only a clash with that location counts. Each location's hours are read
    /// on its own clock (<paramref name="timeZoneByLocation"/>); entries at a location missing from it are left out.
    /// </summary>
    public static LocationClash? FirstClash(
        IReadOnlyCollection<WeeklyHours> weekly,
        IReadOnlyCollection<ScheduleException> exceptions,
        IReadOnlyDictionary<Guid, string> timeZoneByLocation,
        TimeRange window,
        Guid? involving = null)
    {
        var working = weekly.Select(h => h.LocationId).Concat(exceptions.Select(e => e.LocationId)).Distinct()
            .Where(timeZoneByLocation.ContainsKey)
            .Select(id => (Location: id, Ranges: Between(weekly, exceptions, id, timeZoneByLocation[id], window)))
            .ToArray();
        LocationClash? first = null;
        for (var a = 0; a < working.Length; a++)
        {
            for (var b = a + 1; b < working.Length; b++)
            {
                if (involving is { } location && working[a].Location != location && working[b].Location != location) continue;
                if (FirstOverlap(working[a].Ranges, working[b].Ranges) is { } overlap && (first is null || overlap.Start < first.During.Start))
                {
                    first = new LocationClash(working[a].Location, working[b].Location, overlap);
                }
            }
        }
        return first;
    }

    /// <summary>
    /// The instants a dated exception covers on its location's clock: its hours, or (time off without hours) the whole
    /// day; null when that is empty (wholly inside a spring-forward gap, or extra hours without both times).
    /// </summary>
    public static TimeRange? Span(ScheduleException exception, string timeZoneId)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception.Kind == ScheduleExceptionKind.ExtraHours && (exception.Start is null || exception.End is null)) return null;
        var (start, end) = exception is { Start: { } from, End: { } to } ? (from, to) : (TimeOnly.MinValue, TimeOnly.MinValue);
        return Map(TimeZones.Get(timeZoneId), LocalDate.FromDateOnly(exception.Date), start, end) is { } span
            ? new TimeRange(span.Start.ToDateTimeOffset(), span.End.ToDateTimeOffset())
            : null;
    }

    private static TimeRange? FirstOverlap(IReadOnlyList<TimeRange> first, IReadOnlyList<TimeRange> second)
    {
        for (int i = 0, j = 0; i < first.Count && j < second.Count;)
        {
            var start = first[i].Start > second[j].Start ? first[i].Start : second[j].Start;
            var end = first[i].End < second[j].End ? first[i].End : second[j].End;
            if (start < end) return new TimeRange(start, end);
            if (first[i].End <= second[j].End) i++;
            else j++;
        }
        return null;
    }

    /// <summary>Working time inside a non-empty window, merged across local midnights.</summary>
    private static List<Interval> Within(LocationSchedule schedule, DateTimeZone zone, Interval window)
    {
        // A local date's spans can reach past its own midnights by the size of a DST change, so look one day further
        // on each side; clipping drops whatever falls outside the window.
        var firstDate = window.Start.InZone(zone).Date.ToDateOnly().AddDays(-1);
        var lastDate = window.End.InZone(zone).Date.ToDateOnly().AddDays(1);
        var working = new List<Interval>();
        for (var date = firstDate; date <= lastDate; date = date.AddDays(1))
        {
            working.AddRange(OnLocalDate(schedule, zone, date));
        }
        return InstantIntervals.Clip(InstantIntervals.Merge(working), window);
    }

    private static List<Interval> OnLocalDate(LocationSchedule schedule, DateTimeZone zone, DateOnly localDate)
    {
        var date = LocalDate.FromDateOnly(localDate);
        var exceptionsOnDate = schedule.Exceptions[localDate];

        var regular = schedule.Weekly
            .Where(h => h.DayOfWeek == localDate.DayOfWeek)
            .Select(h => Map(zone, date, h.Start, h.End));
        var extra = exceptionsOnDate
            .Where(e => e.Kind == ScheduleExceptionKind.ExtraHours && e.Start is not null && e.End is not null)
            .Select(e => Map(zone, date, e.Start!.Value, e.End!.Value));
        var off = exceptionsOnDate
            .Where(e => e.Kind == ScheduleExceptionKind.TimeOff)
            .Select(e => e.Start is { } start && e.End is { } end
                ? Map(zone, date, start, end)
                : Map(zone, date, TimeOnly.MinValue, TimeOnly.MinValue));

        return InstantIntervals.Subtract(
            InstantIntervals.Merge(regular.Concat(extra).OfType<Interval>()),
            InstantIntervals.Merge(off.OfType<Interval>()));
    }

    /// <summary>A wall-clock span of one local date as instants, or null when it is empty there.</summary>
    private static Interval? Map(DateTimeZone zone, LocalDate date, TimeOnly start, TimeOnly end)
    {
        var localStart = date.At(LocalTime.FromTimeOnly(start));
        var localEnd = WallClock.EndsAtMidnight(end) ? date.PlusDays(1).AtMidnight() : date.At(LocalTime.FromTimeOnly(end));
        var startInstant = zone.ResolveLocal(localStart, SpanStart).ToInstant();
        var endInstant = zone.ResolveLocal(localEnd, SpanEnd).ToInstant();
        return startInstant < endInstant ? new Interval(startInstant, endInstant) : null;
    }

    private static Interval ToInterval(TimeRange range) =>
        new(Instant.FromDateTimeOffset(range.Start), Instant.FromDateTimeOffset(range.End));

    private static TimeRange[] ToTimeRanges(List<Interval> intervals) =>
        intervals.Select(i => new TimeRange(i.Start.ToDateTimeOffset(), i.End.ToDateTimeOffset())).ToArray();

    /// <summary>The entries of one location, read once from the caller's sequences.</summary>
    private sealed record LocationSchedule(WeeklyHours[] Weekly, ILookup<DateOnly, ScheduleException> Exceptions)
    {
        public static LocationSchedule Of(IEnumerable<WeeklyHours> weekly, IEnumerable<ScheduleException> exceptions, Guid locationId)
        {
            ArgumentNullException.ThrowIfNull(weekly);
            ArgumentNullException.ThrowIfNull(exceptions);
            return new(
                weekly.Where(h => h.LocationId == locationId).ToArray(),
                exceptions.Where(e => e.LocationId == locationId).ToLookup(e => e.Date));
        }
    }
}

/// <summary>A resource working at two locations at once, during the given instants.</summary>
public sealed record LocationClash(Guid LocationId, Guid OtherLocationId, TimeRange During);
