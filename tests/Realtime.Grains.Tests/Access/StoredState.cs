using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using Realtime.Grains.Hosting;

namespace Realtime.Grains.Tests.Access;

/// <summary>Reads a grain's stored state straight from the silo's storage, and serialises it as the storage would.</summary>
internal static class StoredState
{
    public static async Task<T> Of<T>(MemoryClusterFixture fixture, string stateName, Guid key) where T : new()
    {
        var grainId = GrainIdOf(fixture, key);
        var storage = Services(fixture).GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        var state = new GrainState<T>(new T());
        await storage.ReadStateAsync(stateName, grainId, state);
        Assert.True(state.RecordExists, $"no {stateName} state stored for {grainId}");
        return state.State!;
    }

    /// <summary>The bytes the PostgreSQL storage would write (System.Text.Json, as configured for every silo).</summary>
    public static string Json<T>(MemoryClusterFixture fixture, T state) =>
        Serializer(fixture).Serialize(state).ToString()!;

    public static T RoundTrip<T>(MemoryClusterFixture fixture, T state)
    {
        var serializer = Serializer(fixture);
        return serializer.Deserialize<T>(serializer.Serialize(state))!;
    }

    private static IGrainStorageSerializer Serializer(MemoryClusterFixture fixture) =>
        Services(fixture).GetRequiredService<IGrainStorageSerializer>();

    private static GrainId GrainIdOf(MemoryClusterFixture fixture, Guid key) =>
        fixture.Grains.GetGrain<Realtime.Grains.Interfaces.Access.IApiKeyGrain>(key).GetGrainId();

    private static IServiceProvider Services(MemoryClusterFixture fixture) =>
        ((InProcessSiloHandle)fixture.Cluster.Primary!).SiloHost.Services;
}
