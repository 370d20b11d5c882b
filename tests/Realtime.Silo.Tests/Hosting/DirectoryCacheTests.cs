using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Silo.Hosting;
using Realtime.Testing;

namespace Realtime.Silo.Tests.Hosting;

public sealed class SmallDirectoryCacheSiloFixture() : SiloFixture(nameof(StorageMode.Memory))
{
    public const int CacheSize = 20;

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
        [new("Orleans:DirectoryCacheSize", CacheSize.ToString())];
}

/// <summary>The grain addresses a silo keeps (<see cref="RealtimeSiloBuilderExtensions.DefaultDirectoryCacheSize"/>).</summary>
public sealed class DirectoryCacheTests(SmallDirectoryCacheSiloFixture silo) : IClassFixture<SmallDirectoryCacheSiloFixture>
{
    [Fact]
    public async Task A_silo_keeps_no_more_grain_addresses_than_configured_however_many_grains_were_active()
    {
        const int activated = 10 * SmallDirectoryCacheSiloFixture.CacheSize;
        foreach (var id in Enumerable.Range(0, activated).Select(_ => Guid.NewGuid()))
        {
            Assert.Null(await silo.Grains.GetGrain<IAppointmentGrain>(id).Get());
        }

        // With room for them, the cache kept an address for each (checked: 212 after 200, system grains' included).
        Assert.InRange(CachedAddresses(), 1, SmallDirectoryCacheSiloFixture.CacheSize);
    }

    [Fact]
    public void Unset_the_silo_keeps_the_default_and_an_unusable_size_stops_it_from_starting()
    {
        Assert.Equal(RealtimeSiloBuilderExtensions.DefaultDirectoryCacheSize, ConfiguredCacheSize(null));
        Assert.Equal(5_000, ConfiguredCacheSize("5000"));
        foreach (var unusable in new[] { "0", "-5", "many" })
        {
            var refused = Assert.Throws<InvalidOperationException>(() => ConfiguredCacheSize(unusable));
            Assert.Contains("Orleans:DirectoryCacheSize", refused.Message);
        }
    }

    /// <summary>The silo's own reading of its directory cache's size (other tests' silos in this process report theirs too).</summary>
    private int CachedAddresses()
    {
        var meters = silo.Services.GetRequiredService<IMeterFactory>();
        int? size = null;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, subscriber) =>
        {
            if (instrument.Name == "orleans-directory-cache-size" && ReferenceEquals(instrument.Meter.Scope, meters))
            {
                subscriber.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, value, _, _) => size = value);
        listener.Start();
        listener.RecordObservableInstruments();
        return size ?? throw new InvalidOperationException("The silo reported no directory cache size.");
    }

    private static int ConfiguredCacheSize(string? setting)
    {
        using var host = SiloHosts.Build(new Dictionary<string, string?>
        {
            ["Realtime:Storage"] = nameof(StorageMode.Memory),
            ["Orleans:DirectoryCacheSize"] = setting,
        });
        return host.Services.GetRequiredService<IOptions<GrainDirectoryOptions>>().Value.CacheSize;
    }
}
