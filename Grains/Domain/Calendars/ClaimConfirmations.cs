using Realtime.Grains.Interfaces.Calendars;

namespace Realtime.Grains.Domain.Calendars;

/// <summary>
/// What a calendar's holders answered when asked whether they still claim their reservations, trusted for a short
/// while. A contended slot is looked at thousands of times a second before bookings, and asking its holder each time
/// doubled the cost of every refusal. Only the look trusts these answers: a booking asks the holder itself, so an
/// orphan (a claim given up without the calendar hearing of it, after a crash) is refused by the look for at most
/// <paramref name="trustedFor"/> and is freed by the next booking that needs its time.
/// </summary>
public sealed class ClaimConfirmations(TimeSpan trustedFor)
{
    private readonly Dictionary<Reservation, (ReservationClaim Claim, DateTimeOffset TrustedUntil)> trusted = [];

    /// <summary>
    /// The holder's recent answer as it gave it (a refusal tells a hold's expiry), while it is trusted: no longer than the
    /// trust period nor than the claim lasts. Null if none is.
    /// </summary>
    public ReservationClaim? Trusted(Reservation reservation, DateTimeOffset now) =>
        trusted.TryGetValue(reservation, out var answer) && now < answer.TrustedUntil ? answer.Claim : null;

    public void Confirm(Reservation reservation, ReservationClaim claim, DateTimeOffset now) =>
        trusted[reservation] = (claim, claim.Until < now + trustedFor ? claim.Until : now + trustedFor);

    /// <summary>The reservation left the calendar: nothing about it is trusted any more, nor kept.</summary>
    public void Forget(Reservation reservation) => trusted.Remove(reservation);
}
