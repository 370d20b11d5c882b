using NodaTime;

namespace Realtime.Grains.Domain.Schedules;

/// <summary>IANA time zones of locations, resolved against the tzdb data bundled with NodaTime.</summary>
public static class TimeZones
{
    private static readonly IDateTimeZoneProvider Tzdb = DateTimeZoneProviders.Tzdb;

    /// <summary>True when <paramref name="ianaId"/> is a tzdb id, e.g. <c>Europe/Warsaw</c> (ids are case-sensitive).</summary>
    public static bool IsKnown(string ianaId) =>
        !string.IsNullOrWhiteSpace(ianaId) && Tzdb.GetZoneOrNull(ianaId) is not null;

    /// <summary>The wall-clock time of <paramref name="instant"/> in the zone of <paramref name="ianaId"/>.</summary>
    public static DateTime WallClock(DateTimeOffset instant, string ianaId) =>
        Instant.FromDateTimeOffset(instant).InZone(Get(ianaId)).LocalDateTime.ToDateTimeUnspecified();

    /// <summary>The zone for a tzdb id; throws <see cref="DateTimeZoneNotFoundException"/> for an unknown id
    /// (validate with <see cref="IsKnown"/> first).</summary>
    public static DateTimeZone Get(string ianaId)
    {
        ArgumentNullException.ThrowIfNull(ianaId);
        return Tzdb[ianaId];
    }
}
