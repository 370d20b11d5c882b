namespace Realtime.Testing;

public static class TestZones
{
    /// <summary>
    /// A fixed-offset zone where it is now midday (12:00-12:59): a location there has a visit today, which the client may
    /// arrive for, an hour or so ahead and inside working hours, whatever the hour the tests run at.
    /// </summary>
    public static string Midday()
    {
        var hoursAheadOfUtc = 12 - DateTimeOffset.UtcNow.Hour;
        // The Etc zones' signs are POSIX's: Etc/GMT-3 is three hours ahead of UTC.
        return hoursAheadOfUtc == 0 ? "Etc/UTC" : $"Etc/GMT{(hoursAheadOfUtc > 0 ? "-" : "+")}{Math.Abs(hoursAheadOfUtc)}";
    }
}
