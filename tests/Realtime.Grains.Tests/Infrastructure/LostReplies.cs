using System.Collections.Concurrent;

namespace Realtime.Grains.Tests.Infrastructure;

/// <summary>
/// Lets the next call that a test picks out run and then fails it at the caller, as when the reply is lost with a silo:
/// the caller cannot tell whether the call landed.
/// </summary>
public sealed class LostReplies : IIncomingGrainCallFilter
{
    private static readonly ConcurrentDictionary<Guid, Func<IIncomingGrainCallContext, bool>> Next = new();

    public static void LoseNext(Func<IIncomingGrainCallContext, bool> picks) => Next[Guid.NewGuid()] = picks;

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var picked = Next.FirstOrDefault(next => next.Value(context)).Key;
        var lost = picked != Guid.Empty && Next.TryRemove(picked, out _);
        await context.Invoke();
        if (lost) throw new TimeoutException("The reply was lost.");
    }
}
