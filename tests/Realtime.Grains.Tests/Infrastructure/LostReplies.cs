using System.Collections.Concurrent;

namespace Realtime.Grains.Tests.Infrastructure;

/// <summary>
/// Lets a chosen call to a chosen grain run and then fails it at the caller, as when the reply is lost with a silo: the
/// caller cannot tell whether the call landed.
/// </summary>
public sealed class LostReplies : IIncomingGrainCallFilter
{
    private static readonly ConcurrentDictionary<(GrainId Grain, string Method), bool> Next = new();

    public static void LoseNext(GrainId grain, string method) => Next[(grain, method)] = true;

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        await context.Invoke();
        if (Next.TryRemove((context.TargetId, context.ImplementationMethod.Name), out _)) throw new TimeoutException("The reply was lost.");
    }
}
