using System.Globalization;
using NodaTime;
using Realtime.Grains.Domain.Schedules;

namespace Realtime.Grains.Projections;

/// <summary>
/// The whole local dates a report covers at one location, <see cref="From"/> through <see cref="To"/> (both included),
/// at most <see cref="MaxDays"/> days.
/// </summary>
public sealed record ReportDateRange(DateOnly From, DateOnly To)
{
    public const int MaxDays = 366;
    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>Dates outside these years are refused as absurd (and would overflow the time arithmetic).</summary>
    public const int FirstYear = 1900, LastYear = 2999;

    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>Reads the <c>from</c> and <c>to</c> query parameters (local dates, <c>yyyy-MM-dd</c>).</summary>
    public static Result<ReportDateRange> Parse(string? from, string? to)
    {
        var errors = new List<FieldError>();
        var fromDate = ParseDate(from, "from", errors);
        var toDate = ParseDate(to, "to", errors);
        if (fromDate is { } first && toDate is { } last)
        {
            if (last < first)
            {
                errors.Add(new("to", "The last date must not be before the first."));
            }
            else if (last.DayNumber - first.DayNumber + 1 > MaxDays)
            {
                errors.Add(new("to", $"A report covers at most {MaxDays} days."));
            }
        }
        return errors.Count > 0 ? DomainError.Validation([.. errors]) : new ReportDateRange(fromDate!.Value, toDate!.Value);
    }

    /// <summary>
    /// The instants of these dates in the location's time zone: from the start of <see cref="From"/> to the start of
    /// the day after <see cref="To"/> (a day may last 23 or 25 hours across a daylight-saving change).
    /// </summary>
    public TimeRange ToInstants(string timeZoneId)
    {
        var zone = TimeZones.Get(timeZoneId);
        return new TimeRange(StartOf(zone, From), StartOf(zone, To.AddDays(1)));
    }

    private static DateTimeOffset StartOf(DateTimeZone zone, DateOnly date) =>
        zone.AtStartOfDay(LocalDate.FromDateOnly(date)).ToInstant().ToDateTimeOffset();

    private static DateOnly? ParseDate(string? value, string field, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new(field, $"Give a local date of the location as {DateFormat}."));
            return null;
        }
        if (!DateOnly.TryParseExact(value.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors.Add(new(field, $"'{Shorten(value)}' is not a date written as {DateFormat}."));
            return null;
        }
        if (date.Year is < FirstYear or > LastYear)
        {
            errors.Add(new(field, $"The date must lie between the years {FirstYear} and {LastYear}."));
            return null;
        }
        return date;
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
