using System.Collections.Concurrent;

namespace Realtime.Grains.Tests.Infrastructure;

/// <summary>
/// Holds the calls to a chosen grain until the test lets them through: where they arrive, which keeps the grain and its
/// caller busy, or where they are sent from, which keeps only the caller busy and leaves the grain to serve others.
/// </summary>
public sealed class CallGate : IIncomingGrainCallFilter, IOutgoingGrainCallFilter
{
    private static readonly ConcurrentDictionary<GrainId, Closed> Gates = new();

    /// <summary>
    /// Closes the gate in front of <paramref name="grain"/> (at its callers' end if <paramref name="atSender"/>), for
    /// calls of <paramref name="method"/> only if given; disposing it lets the held calls through.
    /// </summary>
    public static Closed Close(GrainId grain, string? method = null, bool atSender = false) => Gates[grain] = new Closed(grain, method, atSender);

    /// <summary>
    /// <paramref name="act"/>'s outcome, acted with the gates in front of <paramref name="grains"/> closed: it fails if it
    /// waits on any of them, which it does if it calls one.
    /// </summary>
    public static async Task<T> WithoutCalling<T>(GrainId[] grains, Func<Task<T>> act)
    {
        var gates = grains.Select(grain => Close(grain)).ToArray();
        try
        {
            var acting = act();
            Assert.Same(acting, await Task.WhenAny(acting, Task.Delay(TimeSpan.FromSeconds(10))));
            return await acting;
        }
        finally
        {
            foreach (var gate in gates) gate.Dispose();
        }
    }

    public Task Invoke(IIncomingGrainCallContext context) => Pass(context, context.Invoke, atSender: false);

    public Task Invoke(IOutgoingGrainCallContext context) => Pass(context, context.Invoke, atSender: true);

    private static async Task Pass(IGrainCallContext context, Func<Task> invoke, bool atSender)
    {
        if (Gates.TryGetValue(context.TargetId, out var gate) && gate.AtSender == atSender && (gate.Method is null || gate.Method == context.MethodName))
        {
            gate.Holding();
            await gate.Opened;
        }

        await invoke();
    }

    public sealed class Closed(GrainId grain, string? method, bool atSender) : IDisposable
    {
        private readonly TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes when a call is held at the gate.</summary>
        public Task Reached => reached.Task;

        internal Task Opened => opened.Task;

        internal string? Method => method;

        internal bool AtSender => atSender;

        internal void Holding() => reached.TrySetResult();

        public void Dispose()
        {
            Gates.TryRemove(new(grain, this));
            opened.TrySetResult();
        }
    }
}
