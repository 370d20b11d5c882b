using System.Globalization;
using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Interfaces.Resources;

namespace Realtime.Domain.Tests.Schedules;

/// <summary>Short ways to write schedules and expected instants in test tables.</summary>
internal static class ScheduleData
{
    public static readonly Guid LocationA = Guid.Parse("0f6a3c52-0000-4000-8000-00000000000a");
    public static readonly Guid LocationB = Guid.Parse("0f6a3c52-0000-4000-8000-00000000000b");

    public static TimeOnly Time(string hhmm) => TimeOnly.ParseExact(hhmm, "HH:mm", CultureInfo.InvariantCulture);

    public static DateOnly Date(string yyyyMMdd) => DateOnly.ParseExact(yyyyMMdd, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateTimeOffset Utc(string instant) =>
        DateTimeOffset.ParseExact(instant, "yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static TimeRange Range(string startUtc, string endUtc) => new(Utc(startUtc), Utc(endUtc));

    public static WeeklyHours Weekly(DayOfWeek day, string start, string end, Guid? location = null) =>
        new(location ?? LocationA, day, Time(start), Time(end));

    public static WeeklyHours[] EveryDay(string start, string end, Guid? location = null) =>
        Enum.GetValues<DayOfWeek>().Select(day => Weekly(day, start, end, location)).ToArray();

    public static ScheduleException TimeOff(string date, string? start = null, string? end = null, Guid? location = null) =>
        new(Guid.NewGuid(), location ?? LocationA, Date(date), ScheduleExceptionKind.TimeOff,
            start is null ? null : Time(start), end is null ? null : Time(end), null);

    public static ScheduleException Extra(string date, string start, string end, Guid? location = null) =>
        new(Guid.NewGuid(), location ?? LocationA, Date(date), ScheduleExceptionKind.ExtraHours, Time(start), Time(end), null);

    /// <summary>
    /// Exceptions for one date from a compact spec: comma-separated <c>off</c> (whole day), <c>off HH:mm-HH:mm</c>
    /// or <c>extra HH:mm-HH:mm</c>; an empty spec means none.
    /// </summary>
    public static ScheduleException[] Exceptions(string date, string spec) =>
        spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(item => item.Split(' ', '-') switch
            {
                ["off"] => TimeOff(date),
                ["off", var start, var end] => TimeOff(date, start, end),
                ["extra", var start, var end] => Extra(date, start, end),
                _ => throw new ArgumentException($"Cannot read exception spec '{item}'.", nameof(spec)),
            })
            .ToArray();

    /// <summary>Ranges as <c>start/end</c> in UTC, joined with "; " (empty string for none).</summary>
    public static string Show(IEnumerable<TimeRange> ranges) =>
        string.Join("; ", ranges.Select(r => $"{Show(r.Start)}/{Show(r.End)}"));

    private static string Show(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);
}
