using Realtime.Grains.Domain.Holds;
using Realtime.Grains.Interfaces.Holds;

namespace Realtime.Grains.Holds;

/// <summary>
/// Counts one client's live holds (<see cref="HoldRules.MaxPerClient"/>). A hold it never hears the end of (its appointment
/// died with its silo) stops counting at its expiry; this grain stays in memory while it counts one, and if it dies itself
/// the client may hold up to the limit again while holds it counted still live (until they expire, minutes at most).
/// </summary>
public sealed class ClientHoldsGrain(TimeProvider time) : Grain, IClientHoldsGrain
{
    private readonly Dictionary<Guid, DateTimeOffset> live = [];

    public Task<bool> Admit(Guid holdId, DateTimeOffset expiresAt)
    {
        var now = time.GetUtcNow();
        live.Remove(holdId);
        if (!HoldRules.AdmitsAnother(live.Values, now)) return Task.FromResult(false);
        foreach (var lapsed in live.Where(h => h.Value <= now).Select(h => h.Key).ToList()) live.Remove(lapsed);
        live[holdId] = expiresAt;
        DelayDeactivation(live.Values.Max() - now);
        return Task.FromResult(true);
    }

    public Task Released(Guid holdId)
    {
        live.Remove(holdId);
        return Task.CompletedTask;
    }
}
