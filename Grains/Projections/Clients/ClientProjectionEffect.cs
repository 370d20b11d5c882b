using Realtime.Grains.Interfaces.Clients;

namespace Realtime.Grains.Projections.Clients;

/// <summary>
/// A recorded change of a client as its side effects see it: the client as it is now (<see cref="Client"/>, null
/// once deleted), at <see cref="Version"/>.
/// </summary>
public sealed record ClientChange(Guid ClientId, Guid OrganizationId, long Version, bool Deleted, ClientView? Client)
{
    public ClientListEntry ToListEntry() =>
        Deleted || Client is null ? ClientListEntry.Tombstone(ClientId, OrganizationId, Version) : ClientListEntry.Of(Client);
}

/// <summary>
/// A side effect of a recorded client change. The client grain calls every registered effect after its state is
/// durably written, and again on its next activation (and on a timer) while it has not succeeded, so an effect is
/// called at least once per change — possibly for a later version only — and must be idempotent by client id and
/// version.
/// </summary>
public interface IClientEffect
{
    Task Apply(ClientChange change);
}

/// <summary>
/// Keeps the client list current. <see cref="IClientReadModel.Apply"/> ignores anything not newer than what it
/// holds, so repeats are harmless; a failure throws, and the client grain retries.
/// </summary>
public sealed class ClientProjectionEffect(IClientReadModel readModel) : IClientEffect
{
    public Task Apply(ClientChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return readModel.Apply(change.ToListEntry(), CancellationToken.None);
    }
}
