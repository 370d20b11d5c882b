using System.Globalization;
using Humanizer;
using NodaTime;

namespace Realtime.Grains.Domain.Notifications;

/// <summary>
/// Durations and relative times in words, by Humanizer, in the message's culture ("1 hour 30 minutes", "in 3 hours",
/// "tomorrow"). Humanizer 3.0.10 gets two of our languages partly wrong, so its formatters for them are replaced
/// (see <see cref="PolishPluralFormatter"/> and <see cref="LithuanianPluralFormatter"/>); the replacements use
/// Humanizer's own translations and only choose the grammatical form differently.
/// </summary>
public static class HumanizedTime
{
    private static readonly Lazy<bool> FormattersRegistered = new(() =>
    {
        Configurator.Formatters.Register(MessageLanguages.Polish, culture => new PolishPluralFormatter(culture));
        Configurator.Formatters.Register(MessageLanguages.Lithuanian, culture => new LithuanianPluralFormatter(culture));
        return true;
    });

    /// <summary>Replaces Humanizer's Polish and Lithuanian formatters (once per process; later calls do nothing).</summary>
    public static void EnsureFormatters() => _ = FormattersRegistered.Value;

    /// <summary>A duration in hours and minutes: "1 hour 30 minutes", "1 godzina 30 minut", "45 minutes".</summary>
    public static string Duration(TimeSpan duration, CultureInfo culture)
    {
        EnsureFormatters();
        return duration.Humanize(
            precision: 2, culture: culture, maxUnit: TimeUnit.Hour, minUnit: TimeUnit.Minute, collectionSeparator: " ");
    }

    /// <summary>
    /// When <paramref name="start"/> is, seen from <paramref name="now"/>: null when it has begun. Less than a day ahead
    /// it is the time that will really pass ("in 23 hours" across a night when clocks go forward); further ahead it is
    /// counted in calendar days of the location ("tomorrow", "in 3 days"), so that an appointment the day after
    /// tomorrow is never called "tomorrow" because it is less than 48 hours away.
    /// </summary>
    public static string? Relative(DateTimeOffset start, DateTimeOffset now, DateTimeZone zone, CultureInfo culture)
    {
        EnsureFormatters();
        if (start <= now) return null;
        // Humanizer counts whole units down (a reminder sent 23 h 59 min ahead said "in 23 hours"): round to the nearest
        // hour first, or minute under an hour.
        var ahead = start - now;
        var unit = ahead >= TimeSpan.FromHours(1) ? TimeSpan.FromHours(1) : TimeSpan.FromMinutes(1);
        var rounded = TimeSpan.FromTicks((ahead.Ticks + unit.Ticks / 2) / unit.Ticks * unit.Ticks);
        if (rounded < TimeSpan.FromDays(1)) return start.Humanize(start - rounded, culture);

        var startDay = Instant.FromDateTimeOffset(start).InZone(zone).Date.ToDateTimeUnspecified();
        var today = Instant.FromDateTimeOffset(now).InZone(zone).Date.ToDateTimeUnspecified();
        return startDay.Humanize(utcDate: false, dateToCompareAgainst: today, culture: culture);
    }
}

/// <summary>
/// Polish plural forms: the "paucal" form (2, 3, 4 godziny) also for 22–24, 32–34, ... but not 12–14 (godzin).
/// Humanizer 3.0.10 shares one rule with Czech and Slovak and uses the paucal for 2–4 only ("za 23 godzin").
/// </summary>
internal sealed class PolishPluralFormatter(CultureInfo culture) : DefaultFormatter(culture)
{
    public static bool IsPaucal(int number)
    {
        var lastDigit = number % 10;
        var lastTwo = number % 100;
        return lastDigit is >= 2 and <= 4 && lastTwo is < 12 or > 14;
    }

    protected override string GetResourceKey(string resourceKey, int number) =>
        IsPaucal(number) ? resourceKey + "_Paucal" : resourceKey;
}

/// <summary>
/// Lithuanian plural forms as Humanizer chooses them, except that a future time in the genitive plural ("po 12
/// valandų", "po 30 minučių") uses the base text, which is that same form: Humanizer 3.0.10 has no "_Plural" texts for
/// the future and falls back to English ("12 hours from now").
/// </summary>
internal sealed class LithuanianPluralFormatter(CultureInfo culture) : DefaultFormatter(culture)
{
    public enum Form { Singular, Paucal, GenitivePlural }

    public static Form FormOf(int number)
    {
        var lastDigit = number % 10;
        var lastTwo = number % 100;
        if (lastDigit == 1 && lastTwo != 11) return Form.Singular;
        if (lastDigit == 0 || lastTwo is >= 11 and <= 19) return Form.GenitivePlural;
        return Form.Paucal;
    }

    protected override string GetResourceKey(string resourceKey, int number)
    {
        if (number == 0 || resourceKey.EndsWith("_Zero", StringComparison.Ordinal)) return resourceKey;
        return FormOf(number) switch
        {
            Form.Singular => resourceKey + "_Singular",
            Form.GenitivePlural when !resourceKey.EndsWith("FromNow", StringComparison.Ordinal) => resourceKey + "_Plural",
            _ => resourceKey,
        };
    }
}
