using Microsoft.Extensions.Time.Testing;
using Realtime.Grains.Caching;

namespace Realtime.Grains.Tests.Caching;

public sealed class ForgettingCacheTests
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.Zero));
    private readonly ForgettingCache cache;
    private readonly Guid id = Guid.NewGuid();
    private int loads;

    public ForgettingCacheTests() => cache = new ForgettingCache(clock, Lifetime);

    [Fact]
    public async Task A_loaded_value_is_served_from_the_cache_until_it_is_forgotten()
    {
        Assert.Equal("v1", await cache.GetOrLoad(id, () => Load("v1")));
        Assert.Equal("v1", await cache.GetOrLoad(id, () => Load("v2")));
        Assert.Equal(1, loads);

        cache.Forget(id);

        Assert.Equal("v2", await cache.GetOrLoad(id, () => Load("v2")));
        Assert.Equal(2, loads);
    }

    [Fact]
    public async Task A_value_loaded_while_its_id_was_forgotten_is_not_kept()
    {
        var loaded = await cache.GetOrLoad(id, () =>
        {
            cache.Forget(id);
            return Load("read before the change");
        });

        Assert.Equal("read before the change", loaded);
        Assert.Null(cache.Cached<string>(id));
        Assert.Equal("after", await cache.GetOrLoad(id, () => Load("after")));
    }

    [Fact]
    public async Task Nothing_found_is_not_kept()
    {
        Assert.Null(await cache.GetOrLoad(id, () => Task.FromResult<string?>(null)));
        Assert.Equal("created", await cache.GetOrLoad(id, () => Load("created")));
    }

    [Fact]
    public async Task An_entry_expires_after_its_lifetime()
    {
        await cache.GetOrLoad(id, () => Load("v1"));
        clock.Advance(Lifetime - TimeSpan.FromSeconds(1));
        Assert.Equal("v1", cache.Cached<string>(id));

        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Null(cache.Cached<string>(id));
        Assert.Equal("v2", await cache.GetOrLoad(id, () => Load("v2")));
    }

    [Fact]
    public async Task Values_of_several_types_under_one_id_are_kept_side_by_side_and_forgotten_together()
    {
        var uri = new Uri("https://example.org/");
        await cache.GetOrLoad(id, () => Load("text"));

        Assert.Null(cache.Cached<Uri>(id));
        Assert.Equal(uri, await cache.GetOrLoad(id, () => Task.FromResult<Uri?>(uri)));
        Assert.Equal(("text", uri), (cache.Cached<string>(id), cache.Cached<Uri>(id)));

        cache.Forget(id);

        Assert.Equal((null, null), (cache.Cached<string>(id), cache.Cached<Uri>(id)));
    }

    private Task<string?> Load(string value)
    {
        loads++;
        return Task.FromResult<string?>(value);
    }
}
