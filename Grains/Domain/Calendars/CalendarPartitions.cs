using System.Globalization;

namespace Realtime.Grains.Domain.Calendars;

/// <summary>
/// A resource's calendar is split into UTC days so that one booking touches a bounded amount of state,
/// however long the resource's history. An interval crossing midnight is held by every day it touches.
/// </summary>
public static class CalendarPartitions
{
    public static IEnumerable<DateOnly> DaysTouched(TimeRange occupied)
    {
        var first = DateOnly.FromDateTime(occupied.Start.UtcDateTime);
        var last = DateOnly.FromDateTime(occupied.End.UtcDateTime.AddTicks(-1));
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            yield return day;
        }
    }

    public static string Key(Guid resourceId, DateOnly utcDay) =>
        $"{resourceId:N}/{utcDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    public static Guid ResourceOf(string key) => Guid.ParseExact(key.AsSpan(0, 32), "N");

    /// <summary>Every (resource, day) partition of the interval, in the one fixed order all takers use.</summary>
    public static IReadOnlyList<(Guid ResourceId, string Key)> For(IEnumerable<Guid> resourceIds, TimeRange occupied) =>
        resourceIds
            .SelectMany(resourceId => DaysTouched(occupied).Select(day => (resourceId, Key(resourceId, day))))
            .OrderBy(p => p.Item2, StringComparer.Ordinal)
            .ToList();
}
