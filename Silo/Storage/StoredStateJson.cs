using System.Collections;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Realtime.Silo.Storage;

/// <summary>
/// Grain state is stored with System.Text.Json, as small as reading allows, since every byte of a write is written
/// again to the WAL: only what reading can restore (a computed property, such as an appointment's end, its occupancy
/// or a time range's length, is derived again after every read; a member whose value is the one reading gives when it is
/// absent is left out), and a calendar's reservations in a short form of their own (<see cref="StoredReservationConverter"/>).
/// SQL that reads stored state must therefore take an absent member for its default.
/// </summary>
public static class StoredStateJson
{
    public static IServiceCollection UseCompactStoredStateJson(this IServiceCollection services) =>
        services.Configure<SystemTextJsonGrainStorageSerializerOptions>(options =>
        {
            var json = options.JsonSerializerOptions;
            json.TypeInfoResolver = (json.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver())
                .WithAddedModifier(DropDerivedMembers)
                .WithAddedModifier(DropValuesReadingRestores);
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

    /// <summary>
    /// Leaves a member out when it holds what reading puts there in its absence: a constructor parameter's default, or
    /// what a new object's initializer gives (two new objects must agree, so that a clock or a new id is never taken for it).
    /// </summary>
    private static void DropValuesReadingRestores(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object) return;
        var (first, second) = type.CreateObject is { } create ? (create(), create()) : (null, null);
        foreach (var member in type.Properties)
        {
            if (member.Get is not { } get || member.IsRequired) continue;
            object? absent;
            if (member.AssociatedParameter is { } parameter) absent = parameter.HasDefaultValue ? parameter.DefaultValue : DefaultOf(member.PropertyType);
            else if (first is not null && Same(get(first), get(second!))) absent = get(first);
            else continue;

            var shouldSerialize = member.ShouldSerialize;
            member.ShouldSerialize = (owner, value) => !Same(value, absent) && (shouldSerialize is null || shouldSerialize(owner, value));
        }
    }

    private static object? DefaultOf(Type type) => type.IsValueType ? Activator.CreateInstance(type) : null;

    private static bool Same(object? value, object? absent) =>
        Equals(value, absent)
        || (value is IEnumerable values and not string && absent is IEnumerable absentValues and not string
            && !values.GetEnumerator().MoveNext() && !absentValues.GetEnumerator().MoveNext() && value.GetType() == absent.GetType());
}
