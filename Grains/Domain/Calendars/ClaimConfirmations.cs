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
    private readonly Dictionary<Reservation, ReservationClaim> trusted = [];

    /// <summary>The holder's recent answer, its <see cref="ReservationClaim.Until"/> cut to how long it is trusted; null if none is.</summary>
    public ReservationClaim? Trusted(Reservation reservation, DateTimeOffset now) =>
        trusted.TryGetValue(reservation, out var claim) && now < claim.Until ? claim : null;

    public void Confirm(Reservation reservation, ReservationClaim claim, DateTimeOffset now) =>
        trusted[reservation] = claim.Until < now + trustedFor ? claim : claim with { Until = now + trustedFor };

    /// <summary>The reservation left the calendar: nothing about it is trusted any more, nor kept.</summary>
    public void Forget(Reservation reservation) => trusted.Remove(reservation);
}
