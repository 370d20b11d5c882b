using System.Globalization;
using Orleans.Runtime;
using Orleans.Storage;

namespace Realtime.Silo.Storage;

/// <summary>A row's version is the ETag of the state it holds; a write that names another version matches no row.</summary>
internal static class RowVersions
{
    public static string? Etag(int? version) => version?.ToString(CultureInfo.InvariantCulture);

    public static int Of(string etag) => int.Parse(etag, CultureInfo.InvariantCulture);

    public static InconsistentStateException Conflict(string operation, string stateName, GrainId grainId, string? etag) =>
        new($"Version conflict ({operation}): state {stateName}, grain {grainId}, ETag {etag ?? "none"}: another writer got there first.");
}
