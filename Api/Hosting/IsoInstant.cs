using System.Globalization;

namespace Realtime.Api.Hosting;

/// <summary>
/// An instant as the API accepts it: ISO 8601 date and time with its offset ("Z" or "+01:00"). A bare local time
/// would silently take the server's zone, so it is refused.
/// </summary>
public static class IsoInstant
{
    public static bool TryParse(string? text, out DateTimeOffset instant)
    {
        instant = default;
        return text is { Length: > 16 } && text[10] is 'T' or 't'
            && (text[^1] is 'Z' or 'z' || (text[^6] is '+' or '-' && text[^3] == ':'))
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);
    }
}
