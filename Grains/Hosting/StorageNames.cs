namespace Realtime.Grains.Hosting;

public static class StorageNames
{
    /// <summary>The grain storage provider every Realtime grain persists through.</summary>
    public const string Default = "realtime";

    /// <summary>The storage of resource calendars: one row per reservation in PostgreSQL, <see cref="Default"/>'s store in memory.</summary>
    public const string Calendars = "realtime-calendars";
}
