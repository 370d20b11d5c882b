namespace Realtime.Grains.Tests.Infrastructure;

/// <summary>
/// Lets the next call that a test picks out run and then fails it at the caller, as when the reply is lost with a silo:
/// the caller cannot tell whether the call landed.
/// </summary>
public sealed class LostReplies : IIncomingGrainCallFilter
{
    private static Func<IIncomingGrainCallContext, bool>? next;

    public static void LoseNext(Func<IIncomingGrainCallContext, bool> picks) => next = picks;

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var picks = next;
        var lost = picks is not null && picks(context) && Interlocked.CompareExchange(ref next, null, picks) == picks;
        await context.Invoke();
        if (lost) throw new TimeoutException("The reply was lost.");
    }
}
