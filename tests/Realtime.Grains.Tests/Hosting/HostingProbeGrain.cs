using Orleans;
using Orleans.Runtime;
using Realtime.Grains.Hosting;

namespace Realtime.Grains.Tests.Hosting;

/// <summary>A grain that only stores a string, to check grain storage end to end.</summary>
public interface IHostingProbeGrain : IGrainWithStringKey
{
    Task<string?> GetAsync();

    Task SetAsync(string value);
}

[GenerateSerializer, Alias("Realtime.Grains.Tests.Hosting.HostingProbeState")]
public sealed class HostingProbeState
{
    [Id(0)]
    public string? Value { get; set; }
}

public sealed class HostingProbeGrain(
    [PersistentState("hosting-probe", StorageNames.Default)] IPersistentState<HostingProbeState> state)
    : Grain, IHostingProbeGrain
{
    public Task<string?> GetAsync() => Task.FromResult(state.State.Value);

    public async Task SetAsync(string value)
    {
        state.State.Value = value;
        await state.WriteStateAsync();
    }
}
