using Realtime.Grains.Domain.Appointments;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Waitlist;
using UUIDNext;

namespace Realtime.Grains.Domain.Waitlist;

/// <summary>Who is offered freed time, in which order, and when an offer is still open.</summary>
public static class WaitlistRules
{
    public const int MaxEntries = 1000;

    /// <summary>Closed offers are kept this long (for a late accept to hear <c>offer_gone</c>), then forgotten.</summary>
    public static readonly TimeSpan ClosedOfferMemory = TimeSpan.FromDays(1);

    private static readonly Guid OfferHoldNamespace = new("4f1d6c0e-2b7a-4d3e-9a51-7c0b8e6f2a94");

    public static string Key(Guid locationId, Guid serviceId) => $"{locationId:N}/{serviceId:N}";

    /// <summary>
    /// The id under which a waitlist holds the time that news freed (and the offer's booking will take): the same for the
    /// same waitlist and news, so acting on the news again, after a failure or on another silo, finds the hold or the
    /// offer already made instead of making a second one. It comes from the waitlist's own secret, since anyone who knows
    /// a held id may book the held time: the client who freed the time knows the news. An offer of a seat, which holds
    /// nothing, takes it as its own id.
    /// </summary>
    public static Guid OfferHoldId(Guid waitlistSecret, WaitlistNews news) =>
        Uuid.NewNameBased(OfferHoldNamespace, $"{waitlistSecret:N}/{news.AppointmentId:N}/{news.Version}");

    public static WaitlistRef Parse(string key) =>
        new(Guid.ParseExact(key.AsSpan(0, 32), "N"), Guid.ParseExact(key.AsSpan(33, 32), "N"));

    public static FieldError[] Validate(JoinWaitlist command, DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        if (command.From is { } from && command.To is { } to && from >= to) errors.Add(new("to", "Must be later than from."));
        if (command.To is { } end && end <= now) errors.Add(new("to", "Must lie in the future."));
        return [.. errors];
    }

    /// <summary>
    /// Where the service would start in freed time: at the freed start, if that is still ahead and the service, buffers
    /// included, fits inside what was freed; otherwise nowhere.
    /// </summary>
    public static DateTimeOffset? OfferStart(FreedSlot freed, AppointmentTiming timing, DateTimeOffset now) =>
        freed.Start > now && freed.Occupied.Contains(timing.Occupied(freed.Start)) ? freed.Start : null;

    /// <summary>
    /// The clients to offer [<paramref name="start"/>, <paramref name="end"/>) to, earliest entry first, each once: those
    /// whose window (if any) holds the slot, and ASAP appointments that the slot would bring forward. The client who
    /// freed the time is not offered it back.
    /// </summary>
    public static Guid[] Candidates(IEnumerable<WaitlistEntry> entries, DateTimeOffset start, DateTimeOffset end, Guid? freedBy) =>
        [.. entries
            .Where(e => e.ClientId != freedBy && Fits(e, start, end))
            .OrderBy(e => e.AddedAt)
            .ThenBy(e => e.Id)
            .Select(e => e.ClientId)
            .Distinct()];

    /// <summary>
    /// The clients to offer a class's freed seat to: as <see cref="Candidates"/>, but only plain entries (an ASAP
    /// appointment is not moved into a class) and none who hold a seat already.
    /// </summary>
    public static Guid[] SeatCandidates(IEnumerable<WaitlistEntry> entries, FreedSeat seat) =>
        Candidates(entries.Where(e => e.AppointmentId is null && !seat.SeatHolders.Contains(e.ClientId)), seat.Start, seat.End, seat.ClientId);

    /// <summary>A booked appointment of a client, flagged ASAP, of this waitlist's service and location, waits for earlier time.</summary>
    public static bool WaitsAsap(AppointmentView appointment, bool deleted, WaitlistRef waitlist) =>
        !deleted && appointment.Asap && appointment.Status == AppointmentStatus.Booked && appointment.ClientId is not null
        && appointment.LocationId == waitlist.LocationId && appointment.ServiceIds.Contains(waitlist.ServiceId);

    /// <summary>
    /// Whether news from an appointment can change anything here: freed time or a freed seat while someone waits, or an ASAP appointment
    /// that waits or has an entry. News that cannot is answered without being stored. With news still pending, any news
    /// may matter: the pending news may add the entries it concerns.
    /// </summary>
    public static bool MayMatter(WaitlistNews news, IReadOnlyCollection<WaitlistEntry> waiting, bool newsPending, WaitlistRef waitlist) =>
        newsPending
        || ((news.Freed is not null || news.Seat is not null) && waiting.Count > 0)
        || (news.Asap is { } asap
            && (WaitsAsap(asap.Appointment, asap.Deleted, waitlist) || waiting.Any(e => e.AppointmentId == news.AppointmentId)));

    /// <summary>
    /// A plain entry whose window ended: no slot still ahead fits it, so it is dead weight that would otherwise stay for
    /// good, count against <see cref="MaxEntries"/> and keep its client from joining again.
    /// </summary>
    public static bool Lapsed(WaitlistEntry entry, DateTimeOffset now) => entry.AppointmentId is null && entry.To is { } to && to <= now;

    public static bool IsOpen(SlotOffer offer, DateTimeOffset now) => offer.Status == OfferStatus.Open && now < offer.ExpiresAt;

    /// <summary>The entry an offer to the client is taken up by: their ASAP appointment if the slot is earlier, else a plain entry.</summary>
    public static WaitlistEntry? EntryFor(IEnumerable<WaitlistEntry> entries, Guid clientId, DateTimeOffset start, DateTimeOffset end) =>
        entries.Where(e => e.ClientId == clientId && Fits(e, start, end)).OrderBy(e => e.AppointmentId is null).ThenBy(e => e.AddedAt).FirstOrDefault();

    private static bool Fits(WaitlistEntry entry, DateTimeOffset start, DateTimeOffset end) =>
        entry.AppointmentId is null
            ? (entry.From is not { } from || from <= start) && (entry.To is not { } to || end <= to)
            : entry.AppointmentStart is { } current && start < current;
}
