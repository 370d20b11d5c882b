using System.Collections.Concurrent;

namespace Realtime.Grains.Tests.Infrastructure;

/// <summary>Holds the calls that reach a chosen grain until the test lets them through: to keep a caller of it busy.</summary>
public sealed class CallGate : IIncomingGrainCallFilter
{
    private static readonly ConcurrentDictionary<GrainId, Closed> Gates = new();

    /// <summary>Closes the gate in front of <paramref name="grain"/>; disposing it lets the held calls through.</summary>
    public static Closed Close(GrainId grain) => Gates[grain] = new Closed(grain);

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (Gates.TryGetValue(context.TargetId, out var gate))
        {
            gate.Holding();
            await gate.Opened;
        }

        await context.Invoke();
    }

    public sealed class Closed(GrainId grain) : IDisposable
    {
        private readonly TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes when a call is held at the gate.</summary>
        public Task Reached => reached.Task;

        internal Task Opened => opened.Task;

        internal void Holding() => reached.TrySetResult();

        public void Dispose()
        {
            Gates.TryRemove(new(grain, this));
            opened.TrySetResult();
        }
    }
}
