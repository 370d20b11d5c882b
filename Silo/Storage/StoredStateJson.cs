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
            Func<object?, bool> isAbsent;
            if (member.AssociatedParameter is { } parameter) isAbsent = Holds(parameter.HasDefaultValue ? parameter.DefaultValue : DefaultOf(member.PropertyType));
            else if (first is not null && Holds(get(first)) is var initial && initial(get(second!))) isAbsent = initial;
            else continue;

            var shouldSerialize = member.ShouldSerialize;
            member.ShouldSerialize = (owner, value) => !isAbsent(value) && (shouldSerialize is null || shouldSerialize(owner, value));
        }
    }

    private static object? DefaultOf(Type type) => type.IsValueType ? Activator.CreateInstance(type) : null;

    /// <summary>
    /// Whether a value is the absent one, decided once per member rather than at every write: an empty collection stands
    /// for every empty one of its type.
    /// </summary>
    private static Func<object?, bool> Holds(object? absent) =>
        absent is IEnumerable and not string && IsEmpty(absent)
            ? value => value is not null && value.GetType() == absent.GetType() && IsEmpty(value)
            : value => Equals(value, absent);

    private static bool IsEmpty(object collection) =>
        collection is ICollection counted ? counted.Count == 0 : !((IEnumerable)collection).GetEnumerator().MoveNext();
}
