using System.Globalization;
using NodaTime;
using Realtime.Grains.Interfaces.Resources;

namespace Realtime.Grains.Domain.Schedules;

/// <summary>
/// Validation of weekly working hours and schedule exceptions; an empty array means valid.
/// Times are the location's wall-clock times and follow <see cref="WallClock"/>: an end of 00:00 means midnight
/// at the end of the day, so 20:00–00:00 is valid and 00:00–00:00 is the whole day.
/// </summary>
public static class WorkingHoursRules
{
    /// <summary>Checks each entry on its own; field names are <c>workingHours[i].start</c> and the like.</summary>
    /// <remarks>
    /// Entries of the same location and weekday may overlap or touch: <see cref="WorkingTime"/> takes their union,
    /// so an overlap can never count an hour twice or create a gap, and a week is often entered as pieces
    /// (09:00–13:00 and 12:00–17:00) that would be pointless to reject when their meaning is unambiguous.
    /// </remarks>
    public static FieldError[] Validate(IReadOnlyList<WeeklyHours> hours)
    {
        ArgumentNullException.ThrowIfNull(hours);
        var errors = new List<FieldError>();
        for (var i = 0; i < hours.Count; i++)
        {
            var field = $"workingHours[{i}]";
            if (hours[i] is not { } entry)
            {
                errors.Add(new(field, "A working-hours entry is required."));
                continue;
            }
            if (entry.LocationId == Guid.Empty)
            {
                errors.Add(new($"{field}.locationId", "A location is required."));
            }
            if (!Enum.IsDefined(entry.DayOfWeek))
            {
                errors.Add(new($"{field}.dayOfWeek", "The day of the week is not valid."));
            }
            if (!WallClock.IsOrdered(entry.Start, entry.End))
            {
                errors.Add(new($"{field}.end", "The end must be after the start (00:00 means midnight at the end of the day)."));
            }
        }
        return [.. errors];
    }

    /// <summary>
    /// How far ahead weekly hours are checked against each other: a year and a week, so that every pairing of two
    /// locations' daylight-saving offsets is met.
    /// </summary>
    public static readonly TimeSpan ClashHorizon = TimeSpan.FromDays(371);

    /// <summary>How far ahead a dated exception may be: a business plans time off months ahead, not decades.</summary>
    public const int MaxYearsAhead = 5;

    /// <summary>The earliest date of a dated exception.</summary>
    public static readonly DateOnly EarliestDate = new(2000, 1, 1);

    /// <summary>
    /// A resource is one calendar across locations, so its hours at two locations must never meet: checks the weekly
    /// hours, with the dated exceptions, from <paramref name="now"/> over <see cref="ClashHorizon"/> and up to the last
    /// exception. The error names the last entry at either location on the clash's weekday.
    /// </summary>
    public static FieldError[] CheckOneLocationAtATime(
        IReadOnlyList<WeeklyHours> weekly,
        IReadOnlyList<ScheduleException> exceptions,
        IReadOnlyDictionary<Guid, LocationClock> locations,
        DateTimeOffset now)
    {
        // Exceptions are dated at most MaxYearsAhead ahead; one stored before that rule does not stretch the check.
        var end = exceptions.Where(e => e.Date <= LatestDate(now)).Select(e => new DateTimeOffset(e.Date.AddDays(2), TimeOnly.MinValue, TimeSpan.Zero))
            .Append(now + ClashHorizon).Max();
        if (WorkingTime.FirstClash(weekly, exceptions, Clocks(locations), new TimeRange(now, end)) is not { } clash) return [];

        var field = "workingHours";
        for (var i = weekly.Count - 1; i >= 0; i--)
        {
            var entry = weekly[i];
            if ((entry.LocationId == clash.LocationId || entry.LocationId == clash.OtherLocationId)
                && Local(clash.During.Start, locations[entry.LocationId]).DayOfWeek == entry.DayOfWeek)
            {
                field = $"workingHours[{i}]";
                break;
            }
        }
        return [new(field, Describe(clash, locations))];
    }

    /// <summary>
    /// A dated change (extra hours added, time off taken away) must not put the resource at its location while it works
    /// at another during the change's own hours; give it time off there first. <paramref name="exceptions"/> are the
    /// resource's exceptions as the change would leave them; the error is on <paramref name="field"/>.
    /// </summary>
    public static FieldError[] CheckOneLocationAtATime(
        ScheduleException changed,
        IReadOnlyList<WeeklyHours> weekly,
        IReadOnlyList<ScheduleException> exceptions,
        IReadOnlyDictionary<Guid, LocationClock> locations,
        string field)
    {
        ArgumentNullException.ThrowIfNull(changed);
        if (!locations.TryGetValue(changed.LocationId, out var clock) || WorkingTime.Span(changed, clock.TimeZoneId) is not { } span) return [];
        return WorkingTime.FirstClash(weekly, exceptions, Clocks(locations), span, involving: changed.LocationId) is { } clash
            ? [new(field, Describe(clash, locations))]
            : [];
    }

    private static DateOnly LatestDate(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime).AddYears(MaxYearsAhead);

    private static Dictionary<Guid, string> Clocks(IReadOnlyDictionary<Guid, LocationClock> locations) =>
        locations.ToDictionary(l => l.Key, l => l.Value.TimeZoneId);

    private static string Describe(LocationClash clash, IReadOnlyDictionary<Guid, LocationClock> locations)
    {
        var at = locations[clash.LocationId];
        var start = Local(clash.During.Start, at);
        var end = Local(clash.During.End, at);
        var culture = CultureInfo.InvariantCulture;
        return $"The resource would work at {at.Name} and at {locations[clash.OtherLocationId].Name} at the same time: " +
               $"{start.ToString("dddd d MMMM yyyy, HH:mm", culture)}–{end.ToString("HH:mm", culture)} ({at.TimeZoneId}).";
    }

    private static DateTime Local(DateTimeOffset instant, LocationClock clock) => TimeZones.WallClock(instant, clock.TimeZoneId);

    /// <summary>The longest note on a day off or extra hours.</summary>
    public const int MaxNoteLength = 500;

    /// <summary>
    /// Checks one exception, dated from <see cref="EarliestDate"/> to <see cref="MaxYearsAhead"/> years after
    /// <paramref name="today"/>; field names are <c>start</c>, <c>end</c>, <c>kind</c>, <c>locationId</c>, <c>date</c>, <c>note</c>.
    /// </summary>
    public static FieldError[] Validate(ScheduleException exception, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var errors = new List<FieldError>();
        if (exception.Note?.Length > MaxNoteLength) errors.Add(new("note", $"At most {MaxNoteLength} characters."));
        if (exception.LocationId == Guid.Empty)
        {
            errors.Add(new("locationId", "A location is required."));
        }
        if (exception.Date == default)
        {
            errors.Add(new("date", "A date is required."));
        }
        else if (exception.Date < EarliestDate || exception.Date > today.AddYears(MaxYearsAhead))
        {
            errors.Add(new("date", $"A date from {EarliestDate:yyyy-MM-dd} to {MaxYearsAhead} years ahead ({today.AddYears(MaxYearsAhead):yyyy-MM-dd})."));
        }
        if (!Enum.IsDefined(exception.Kind))
        {
            errors.Add(new("kind", "The kind must be TimeOff or ExtraHours."));
        }

        switch (exception.Start, exception.End)
        {
            case (null, null) when exception.Kind == ScheduleExceptionKind.ExtraHours:
                errors.Add(new("start", "Extra hours need a start time."));
                errors.Add(new("end", "Extra hours need an end time."));
                break;
            case (null, null):
                break; // time off for the whole day
            case (null, not null):
                errors.Add(new("start", "Give both a start and an end time, or neither."));
                break;
            case (not null, null):
                errors.Add(new("end", "Give both a start and an end time, or neither."));
                break;
            case ({ } start, { } end) when !WallClock.IsOrdered(start, end):
                errors.Add(new("end", "The end must be after the start (00:00 means midnight at the end of the day)."));
                break;
        }
        return [.. errors];
    }
}

/// <summary>A location as the working-hours rules need it: a name for messages and the clock its hours are on.</summary>
public sealed record LocationClock(string Name, string TimeZoneId);
