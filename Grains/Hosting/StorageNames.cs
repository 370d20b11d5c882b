namespace Realtime.Grains.Hosting;

public static class StorageNames
{
    /// <summary>The grain storage provider every Realtime grain persists through.</summary>
    public const string Default = "realtime";
}
