using Realtime.Grains.Interfaces.Calendars;
using Realtime.Grains.Projections;

namespace Realtime.Grains.Domain.Calendars;

/// <summary>
/// When a calendar day sweeps for orphans, and which of its reservations a sweep asks about. A sweep starts at most once
/// an <paramref name="interval"/>, and a holder's answer spares it the question for <paramref name="answersTrustedFor"/>
/// (a hold's, until it expires): a searched day would otherwise keep asking its appointments, and so keep them in memory,
/// while a booking, which only a crash or a failed release orphans, is rarely orphaned; a hold, which a silo's death
/// orphans, is asked about at the first sweep after its expiry.
/// </summary>
public sealed class OrphanSweeps(TimeSpan interval, TimeSpan answersTrustedFor)
{
    private readonly ClaimConfirmations answers = new(answersTrustedFor);
    private DateTimeOffset next = DateTimeOffset.MinValue;

    /// <summary>Whether a sweep starts at <paramref name="now"/>; if it does, the next one waits an interval.</summary>
    public bool Start(DateTimeOffset now)
    {
        if (now < next) return false;
        next = now + interval;
        return true;
    }

    /// <summary>The reservations not yet over whose holders' answers are not trusted any more, or were never given.</summary>
    public List<Reservation> ToAsk(IEnumerable<Reservation> held, DateTimeOffset now) =>
        held.Where(r => r.Occupied.End > now && answers.Trusted(r, now) is null).ToList();

    /// <summary>
    /// Of <paramref name="toAsk"/>, those the appointment list does not vouch for by showing their appointment live and
    /// keeping exactly that time on <paramref name="resourceId"/> (<paramref name="listed"/>): only their holders are
    /// asked, since asking brings an appointment into memory. The others may be orphans: not listed yet (a booking just
    /// made), no longer live, listed at another time or resource (time a move failed to release), or a hold, never listed.
    /// </summary>
    public static List<Reservation> NotVouchedFor(IEnumerable<Reservation> toAsk, Guid resourceId, IEnumerable<ListedOccupancy> listed)
    {
        var vouched = listed.Where(l => l.ResourceIds.Contains(resourceId)).Select(l => new Reservation(l.AppointmentId, l.Occupied)).ToHashSet();
        return toAsk.Where(r => !vouched.Contains(r)).ToList();
    }

    public void Answered(Reservation reservation, ReservationClaim claim, DateTimeOffset now) => answers.Confirm(reservation, claim, now);

    public void Forget(Reservation reservation) => answers.Forget(reservation);
}
