namespace Realtime.Grains.Domain.Schedules;

/// <summary>
/// How a wall-clock span of a schedule entry reads: an end of 00:00 means midnight at the end of the day
/// (TimeOnly has no 24:00), so 20:00–00:00 is the last four hours of the day and 00:00–00:00 the whole day.
/// A start of 00:00 is always the beginning of the day.
/// </summary>
internal static class WallClock
{
    public static bool EndsAtMidnight(TimeOnly end) => end == TimeOnly.MinValue;

    /// <summary>The end as time since the start of the day: 00:00 counts as 24:00.</summary>
    public static TimeSpan EndSinceStartOfDay(TimeOnly end) =>
        EndsAtMidnight(end) ? TimeSpan.FromDays(1) : end.ToTimeSpan();

    public static bool IsOrdered(TimeOnly start, TimeOnly end) => start.ToTimeSpan() < EndSinceStartOfDay(end);
}
