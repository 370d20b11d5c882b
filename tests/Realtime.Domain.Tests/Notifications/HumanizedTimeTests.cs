using NodaTime;
using Realtime.Grains.Domain.Notifications;

namespace Realtime.Domain.Tests.Notifications;

/// <summary>
/// Humanizer (3.0.10, with the Humanizer.Core.pl/es/fr/lt resources) writes durations and relative times in every
/// message language — never English in another language's message — and the two corrected formatters choose the
/// right plural forms: Polish "23 godziny" (Humanizer: "23 godzin"), Lithuanian "po 12 valandų" (Humanizer: "12 hours
/// from now").
/// </summary>
public class HumanizedTimeTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeZone Utc = DateTimeZone.Utc;

    private static string Duration(string language, int minutes) =>
        HumanizedTime.Duration(TimeSpan.FromMinutes(minutes), MessageLanguages.Culture(language));

    private static string? In(string language, TimeSpan from) =>
        HumanizedTime.Relative(Now + from, Now, Utc, MessageLanguages.Culture(language));

    [Theory]
    [InlineData("en", 90, "1 hour 30 minutes")]
    [InlineData("en", 45, "45 minutes")]
    [InlineData("en", 180, "3 hours")]
    [InlineData("pl", 90, "1 godzina 30 minut")]
    [InlineData("pl", 120, "2 godziny")]
    [InlineData("pl", 300, "5 godzin")]
    [InlineData("pl", 22, "22 minuty")]
    [InlineData("pl", 14, "14 minut")]
    [InlineData("pl", 22 * 60 + 33, "22 godziny 33 minuty")]
    [InlineData("pl", 12 * 60 + 12, "12 godzin 12 minut")]
    [InlineData("es", 90, "1 hora 30 minutos")]
    [InlineData("es", 61, "1 hora 1 minuto")]
    [InlineData("fr", 90, "1 heure 30 minutes")]
    [InlineData("fr", 61, "1 heure 1 minute")]
    [InlineData("lt", 90, "1 valanda 30 minučių")]
    [InlineData("lt", 120, "2 valandos")]
    [InlineData("lt", 12 * 60, "12 valandų")]
    [InlineData("lt", 21 * 60 + 45, "21 valanda 45 minutės")]
    [InlineData("lt", 11, "11 minučių")]
    public void Durations_in_words(string language, int minutes, string expected) => Assert.Equal(expected, Duration(language, minutes));

    [Theory]
    [InlineData("en", 3, "3 hours from now")]
    [InlineData("en", 1, "an hour from now")]
    [InlineData("pl", 1, "za godzinę")]
    [InlineData("pl", 3, "za 3 godziny")]
    [InlineData("pl", 5, "za 5 godzin")]
    [InlineData("pl", 12, "za 12 godzin")]
    [InlineData("pl", 22, "za 22 godziny")]
    [InlineData("pl", 23, "za 23 godziny")]
    [InlineData("es", 1, "en una hora")]
    [InlineData("es", 3, "en 3 horas")]
    [InlineData("fr", 1, "dans une heure")]
    [InlineData("fr", 3, "dans 3 heures")]
    [InlineData("lt", 1, "po valandos")]
    [InlineData("lt", 3, "po 3 valandų")]
    [InlineData("lt", 10, "po 10 valandų")]
    [InlineData("lt", 12, "po 12 valandų")]
    [InlineData("lt", 21, "po 21 valandos")]
    public void Hours_ahead_in_words(string language, int hours, string expected) => Assert.Equal(expected, In(language, TimeSpan.FromHours(hours)));

    [Theory]
    [InlineData("en", 23 * 60 + 59, "tomorrow")] // a day's reminder, sent a minute late, is not "in 23 hours"
    [InlineData("pl", 5 * 60 + 40, "za 6 godzin")]
    [InlineData("pl", 5 * 60 + 20, "za 5 godzin")]
    [InlineData("fr", 59 * 60 + 50, "après-demain")]
    [InlineData("en", 89, "an hour from now")]
    [InlineData("en", 91, "2 hours from now")]
    public void Time_ahead_is_rounded_to_the_nearest_hour_not_cut_down(string language, int minutes, string expected) =>
        Assert.Equal(expected, In(language, TimeSpan.FromMinutes(minutes)));

    [Theory]
    [InlineData("pl", 22, "za 22 minuty")]
    [InlineData("pl", 25, "za 25 minut")]
    [InlineData("lt", 30, "po 30 minučių")]
    [InlineData("lt", 15, "po 15 minučių")]
    public void Minutes_ahead_in_words(string language, int minutes, string expected) =>
        Assert.Equal(expected, In(language, TimeSpan.FromMinutes(minutes)));

    [Theory]
    [InlineData("en", "tomorrow", "3 days from now")]
    [InlineData("pl", "jutro", "za 3 dni")]
    [InlineData("es", "mañana", "en 3 días")]
    [InlineData("fr", "demain", "dans 3 jours")]
    [InlineData("lt", "rytoj", "po 3 dienų")]
    public void Days_ahead_in_words(string language, string tomorrow, string inThreeDays)
    {
        Assert.Equal(tomorrow, In(language, TimeSpan.FromHours(26)));
        Assert.Equal(inThreeDays, In(language, TimeSpan.FromDays(3)));
    }

    /// <summary>Every number from 1 to 59 in every language: no English words leak into another language.</summary>
    [Theory]
    [InlineData("pl")]
    [InlineData("es")]
    [InlineData("fr")]
    [InlineData("lt")]
    public void Every_count_is_localised(string language)
    {
        // "minute" is also French, so it is not a sign of English.
        string[] english = ["hour", "day", "from now", "ago"];
        var phrases = new List<string>();
        for (var n = 1; n < 60; n++) phrases.AddRange([Duration(language, n), In(language, TimeSpan.FromMinutes(n))!]);
        for (var n = 1; n < 24; n++) phrases.AddRange([Duration(language, n * 60), In(language, TimeSpan.FromHours(n))!]);
        for (var n = 2; n < 28; n++) phrases.Add(In(language, TimeSpan.FromDays(n))!);
        foreach (var phrase in phrases)
        {
            Assert.False(english.Any(word => phrase.Contains(word, StringComparison.OrdinalIgnoreCase)), $"{language}: '{phrase}' is English");
        }
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(4, true)]
    [InlineData(5, false)]
    [InlineData(12, false)]
    [InlineData(14, false)]
    [InlineData(22, true)]
    [InlineData(24, true)]
    [InlineData(25, false)]
    [InlineData(102, true)]
    [InlineData(112, false)]
    public void Polish_paucal(int number, bool paucal) => Assert.Equal(paucal, PolishPluralFormatter.IsPaucal(number));

    [Theory]
    [InlineData(1, "Singular")]
    [InlineData(21, "Singular")]
    [InlineData(11, "GenitivePlural")]
    [InlineData(10, "GenitivePlural")]
    [InlineData(15, "GenitivePlural")]
    [InlineData(2, "Paucal")]
    [InlineData(29, "Paucal")]
    public void Lithuanian_forms(int number, string form) => Assert.Equal(form, LithuanianPluralFormatter.FormOf(number).ToString());

    [Fact]
    public void Nothing_is_said_of_a_time_that_has_come() => Assert.Null(In("en", TimeSpan.Zero));
}
