using Realtime.Grains.Hosting;
using Realtime.Grains.Interfaces.Access;

namespace Realtime.Grains.Access;

public sealed class ClientLinkState
{
    public DateTimeOffset? RedeemedAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }
}

/// <summary>
/// The single writer of whether one link was used. Orleans hands it one call at a time, and the storage's etag refuses
/// the write of a duplicate activation, so of any number of simultaneous redemptions exactly one wins.
/// </summary>
public sealed class ClientLinkGrain(
    [PersistentState(ClientLinkGrain.StateName, StorageNames.Default)] IPersistentState<ClientLinkState> state,
    TimeProvider time) : Grain, IClientLinkGrain
{
    public const string StateName = "client-link";

    public async Task<bool> Redeem(DateTimeOffset expiresAt)
    {
        if (state.State.RedeemedAt is not null) return false;
        state.State.RedeemedAt = time.GetUtcNow();
        state.State.ExpiresAt = expiresAt;
        await state.WriteStateAsync();
        return true;
    }
}
