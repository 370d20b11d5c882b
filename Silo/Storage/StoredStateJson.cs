using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Realtime.Silo.Storage;

/// <summary>
/// Grain state is stored with System.Text.Json, writing only what reading can restore: a computed property (an
/// appointment's end, its occupancy, a time range's length) is derived again after every read, so storing it only
/// made every write, and the WAL behind it, larger.
/// </summary>
public static class StoredStateJson
{
    public static IServiceCollection WriteOnlyRestorableMembers(this IServiceCollection services) =>
        services.Configure<SystemTextJsonGrainStorageSerializerOptions>(options =>
        {
            var json = options.JsonSerializerOptions;
            json.TypeInfoResolver = (json.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(DropDerivedMembers);
        });

    private static void DropDerivedMembers(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object) return;
        for (var i = type.Properties.Count - 1; i >= 0; i--)
        {
            var member = type.Properties[i];
            if (member.Set is null && member.AssociatedParameter is null) type.Properties.RemoveAt(i);
        }
    }
}
