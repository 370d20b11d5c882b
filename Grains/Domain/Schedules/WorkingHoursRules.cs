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

    /// <summary>The longest note on a day off or extra hours.</summary>
    public const int MaxNoteLength = 500;

    /// <summary>Checks one exception; field names are <c>start</c>, <c>end</c>, <c>kind</c>, <c>locationId</c>, <c>date</c>, <c>note</c>.</summary>
    public static FieldError[] Validate(ScheduleException exception)
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
