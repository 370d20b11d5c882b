using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Realtime.Silo.Storage;

/// <summary>
/// Grain state is stored with System.Text.Json, as small as reading allows, since every byte of a write is written
/// again to the WAL: only what reading can restore (a computed property, such as an appointment's end, its occupancy
/// or a time range's length, is derived again after every read), and a calendar's reservations in a short form of
/// their own (<see cref="StoredReservationConverter"/>).
/// </summary>
public static class StoredStateJson
{
    public static IServiceCollection UseCompactStoredStateJson(this IServiceCollection services) =>
        services.Configure<SystemTextJsonGrainStorageSerializerOptions>(options =>
        {
            var json = options.JsonSerializerOptions;
            json.TypeInfoResolver = (json.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(DropDerivedMembers);
            json.Converters.Add(new StoredReservationConverter());
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
