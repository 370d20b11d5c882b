using Orleans.Runtime;
using Orleans.Storage;

namespace Realtime.Silo.Storage;

/// <summary>
/// A grain storage that turns a failed write or clear into an <see cref="InconsistentStateException"/>. A write that
/// failed may or may not have landed, and the grain has usually changed its memory already (a calendar holds the new
/// reservation); Orleans deactivates a grain that lets this exception escape, so the next call reads the truth
/// instead of trusting, say, a reservation that was never stored.
/// </summary>
internal sealed class DistrustingGrainStorage(IGrainStorage inner) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        inner.ReadStateAsync(stateName, grainId, grainState, cancellationToken);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Distrusting(inner.WriteStateAsync(stateName, grainId, grainState), grainId);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        Distrusting(inner.WriteStateAsync(stateName, grainId, grainState, cancellationToken), grainId);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Distrusting(inner.ClearStateAsync(stateName, grainId, grainState), grainId);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        Distrusting(inner.ClearStateAsync(stateName, grainId, grainState, cancellationToken), grainId);

    private static async Task Distrusting(Task write, GrainId grainId)
    {
        try
        {
            await write;
        }
        catch (Exception ex) when (ex is not InconsistentStateException and not OperationCanceledException)
        {
            throw new InconsistentStateException($"The outcome of the state write of {grainId} is unknown: {ex.Message}", ex);
        }
    }
}
