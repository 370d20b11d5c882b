using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace Realtime.Grains.Caching;

/// <summary>
/// A read-through cache of values by id and type (one id may name values of several kinds, such as an organisation's
/// settings and its name) that <see cref="Forget"/> empties of every kind at once. A value loaded while its id was
/// being forgotten is not kept: it may have been read before the change that caused the forgetting. Entries also
/// expire after <paramref name="lifetime"/>, a bound on how long any missed <see cref="Forget"/> could matter.
/// </summary>
public sealed class ForgettingCache(TimeProvider time, TimeSpan lifetime)
{
    private readonly ConcurrentDictionary<Guid, ImmutableDictionary<Type, Entry>> entries = new();
    private readonly Lock gate = new();
    private long forgets;

    /// <summary>The value kept under <paramref name="id"/>, if it is a live <typeparamref name="T"/>.</summary>
    public T? Cached<T>(Guid id) where T : class =>
        entries.TryGetValue(id, out var kinds) && kinds.TryGetValue(typeof(T), out var entry) && time.GetUtcNow() < entry.ExpiresAt
            ? (T)entry.Value
            : null;

    /// <summary>
    /// The cached value if there is one that <paramref name="usable"/> accepts (any, without it), else the loaded one:
    /// kept unless null or forgotten while it loaded.
    /// </summary>
    public async Task<T?> GetOrLoad<T>(Guid id, Func<Task<T?>> load, Func<T, bool>? usable = null) where T : class
    {
        if (Cached<T>(id) is { } cached && (usable is null || usable(cached))) return cached;
        var stamp = Volatile.Read(ref forgets);
        var loaded = await load();
        if (loaded is null) return null;
        lock (gate)
        {
            if (forgets == stamp)
            {
                var kinds = entries.GetValueOrDefault(id, ImmutableDictionary<Type, Entry>.Empty);
                entries[id] = kinds.SetItem(typeof(T), new Entry(loaded, time.GetUtcNow() + lifetime));
            }
        }

        return loaded;
    }

    public void Forget(Guid id)
    {
        lock (gate)
        {
            forgets++;
            entries.TryRemove(id, out _);
        }
    }

    private sealed record Entry(object Value, DateTimeOffset ExpiresAt);
}
