using System.Globalization;

namespace Realtime.Grains.Domain.Notifications;

/// <summary>The languages messages are written in (those of the seeds), and the culture each one formats with.</summary>
public static class MessageLanguages
{
    public const string English = "en";
    public const string Polish = "pl";
    public const string Spanish = "es";
    public const string French = "fr";
    public const string Lithuanian = "lt";

    public static readonly string[] All = [English, Polish, Spanish, French, Lithuanian];

    /// <summary>The client's language if messages can be written in it, else English.</summary>
    public static string Normalize(string? language)
    {
        var code = language?.Trim().ToLowerInvariant() ?? "";
        var dash = code.IndexOfAny(['-', '_']);
        if (dash > 0) code = code[..dash];
        return All.Contains(code) ? code : English;
    }

    /// <summary>
    /// English formats as in Britain (24-hour clock, day before month); the others with their neutral culture. Month
    /// and day names come from the culture; the order of date parts is fixed per language in <see cref="MessageTexts"/>.
    /// </summary>
    public static CultureInfo Culture(string language) => CultureInfo.GetCultureInfo(Normalize(language) switch
    {
        English => "en-GB",
        var other => other,
    });
}
