namespace Realtime.Grains.Interfaces.Access;

/// <summary><see cref="Created"/> is true only for the one call that set the system up.</summary>
[GenerateSerializer, Immutable, Alias("realtime.bootstrap-outcome")]
public sealed record BootstrapOutcome(bool Created, Guid OrganizationId, Guid OwnerKeyId);

/// <summary>
/// The once-per-system set-up (a singleton, key 0): the first organisation and its first owner key. Calls are
/// serialised by the grain, so any number of nodes may ask at once; exactly one of them gets Created = true.
/// </summary>
[Alias("realtime.bootstrap")]
public interface IBootstrapGrain : IGrainWithIntegerKey
{
    public const long SingletonKey = 0;

    /// <summary>
    /// When the system was never set up: creates the organisation and an owner key with this id and secret hash.
    /// Otherwise returns what the first set-up created and ignores the arguments.
    /// </summary>
    [Alias("bootstrap")]
    Task<Result<BootstrapOutcome>> Bootstrap(Guid ownerKeyId, byte[] secretHash);
}
