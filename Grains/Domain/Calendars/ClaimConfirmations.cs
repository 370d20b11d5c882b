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
    private readonly Dictionary<Reservation, DateTimeOffset> trustedUntil = [];

    public bool Confirmed(Reservation reservation, DateTimeOffset now) =>
        trustedUntil.TryGetValue(reservation, out var until) && now < until;

    /// <param name="claimedUntil">When the holder's claim lapses by itself (a hold's expiry), or <see cref="DateTimeOffset.MaxValue"/>.</param>
    public void Confirm(Reservation reservation, DateTimeOffset claimedUntil, DateTimeOffset now) =>
        trustedUntil[reservation] = claimedUntil < now + trustedFor ? claimedUntil : now + trustedFor;

    /// <summary>The reservation left the calendar: nothing about it is trusted any more, nor kept.</summary>
    public void Forget(Reservation reservation) => trustedUntil.Remove(reservation);
}
