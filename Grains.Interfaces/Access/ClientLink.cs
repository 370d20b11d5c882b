namespace Realtime.Grains.Interfaces.Access;

/// <summary>
/// One client link (sign-in or manage link), keyed by the link id its token carries: makes the link single-use on every
/// node. Its state is kept in the grain storage, so a redeemed link stays redeemed across restarts, and until the link
/// expires: after that the expiry refuses it anyway, and the storage's retention forgets it.
/// </summary>
[Alias("realtime.client-link")]
public interface IClientLinkGrain : IGrainWithGuidKey
{
    /// <summary>True for the first call only; every later call (on any node) is false.</summary>
    /// <param name="expiresAt">When the link stops working, kept so that its record can be forgotten after that.</param>
    [Alias("redeem")]
    Task<bool> Redeem(DateTimeOffset expiresAt);
}
