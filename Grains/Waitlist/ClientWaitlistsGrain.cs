using Realtime.Grains.Hosting;
using Realtime.Grains.Interfaces.Waitlist;

namespace Realtime.Grains.Waitlist;

public sealed class ClientWaitlistsState
{
    public List<WaitlistRef> Waitlists { get; set; } = [];
}

/// <summary>An index only: the waitlists hold the entries, and an entry left behind here costs one empty look-up.</summary>
public sealed class ClientWaitlistsGrain(
    [PersistentState("client-waitlists", StorageNames.Default)] IPersistentState<ClientWaitlistsState> state) : Grain, IClientWaitlistsGrain
{
    public async Task Joined(WaitlistRef waitlist)
    {
        if (state.State.Waitlists.Contains(waitlist)) return;
        state.State.Waitlists.Add(waitlist);
        await state.WriteStateAsync();
    }

    public async Task Left(WaitlistRef waitlist)
    {
        if (state.State.Waitlists.Remove(waitlist)) await state.WriteStateAsync();
    }

    public Task<WaitlistRef[]> Waitlists() => Task.FromResult(state.State.Waitlists.ToArray());
}
