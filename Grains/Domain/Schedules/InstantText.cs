using System.Globalization;

namespace Realtime.Grains.Domain.Schedules;

/// <summary>
/// An instant as the API writes it: ISO 8601 with its offset, fractions of a second only when there are any
/// (2026-11-23T10:00:00+00:00). Also for instants carried as text, such as a refusal's facts.
/// </summary>
public static class InstantText
{
    public static string Iso(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture);
}
