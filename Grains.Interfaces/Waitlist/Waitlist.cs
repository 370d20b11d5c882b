using Realtime.Grains.Interfaces.Appointments;

namespace Realtime.Grains.Interfaces.Waitlist;

/// <summary>
/// A client waiting for a service at a location: by themselves or put there by staff (optionally only for slots in
/// [<see cref="From"/>, <see cref="To"/>)), or through an appointment flagged ASAP (<see cref="AppointmentId"/>, starting
/// at <see cref="AppointmentStart"/>), who would come earlier.
/// </summary>
[GenerateSerializer, Immutable, Alias("realtime.waitlist-entry")]
public sealed record WaitlistEntry(
    Guid Id, Guid LocationId, Guid ServiceId, Guid ClientId, DateTimeOffset? From, DateTimeOffset? To,
    Guid? AppointmentId, DateTimeOffset? AppointmentStart, DateTimeOffset AddedAt);

[GenerateSerializer, Immutable, Alias("realtime.join-waitlist")]
public sealed record JoinWaitlist(Guid OrganizationId, Guid ClientId, DateTimeOffset? From, DateTimeOffset? To, Actor Actor);

/// <summary>Calendar time an appointment gave up (cancelled, no-show, moved away), and whose it was.</summary>
[GenerateSerializer, Immutable, Alias("realtime.freed-slot")]
public sealed record FreedSlot(Guid OrganizationId, Guid AppointmentId, Guid? ClientId, Guid[] ResourceIds, DateTimeOffset Start, TimeRange Occupied);

/// <summary>A seat a client gave up in a class that goes on (<see cref="ClientId"/>), and who still hold one.</summary>
[GenerateSerializer, Immutable, Alias("realtime.freed-seat")]
public sealed record FreedSeat(
    Guid OrganizationId, Guid AppointmentId, Guid ClientId, Guid[] SeatHolders, Guid[] ResourceIds, DateTimeOffset Start, DateTimeOffset End);

/// <summary>An ASAP appointment as it now is, for its waitlist entry to follow (<see cref="Deleted"/>: it is gone).</summary>
[GenerateSerializer, Immutable, Alias("realtime.asap-change")]
public sealed record AsapChange(AppointmentView Appointment, bool Deleted);

/// <summary>
/// What one version of an appointment means for a waitlist: time it freed, its ASAP entry's new state, or both; or a seat
/// freed in a class.
/// </summary>
[GenerateSerializer, Immutable, Alias("realtime.waitlist-news")]
public sealed record WaitlistNews(Guid AppointmentId, long Version, FreedSlot? Freed, AsapChange? Asap, FreedSeat? Seat = null);

/// <summary>
/// An open offer closes when accepted, when withdrawn (staff took its time), or by itself at its expiry (see
/// <c>WaitlistRules.IsOpen</c>).
/// </summary>
public enum OfferStatus { Open, Accepted, Withdrawn }

/// <summary>
/// A freed slot offered to the waiting <see cref="CandidateClientIds"/> (in waitlist order) and held for them until
/// <see cref="ExpiresAt"/> under the id <see cref="AppointmentId"/>, which the booking takes when a new one is made.
/// An offer <see cref="OfSeat"/> is of a seat in the class <see cref="AppointmentId"/>: nothing holds it, so until the
/// offer expires the first candidate to accept gets it if the class still has room.
/// </summary>
[GenerateSerializer, Immutable, Alias("realtime.slot-offer")]
public sealed record SlotOffer(
    Guid Id, Guid AppointmentId, Guid OrganizationId, Guid LocationId, Guid ServiceId, Guid[] ResourceIds,
    DateTimeOffset Start, DateTimeOffset End, DateTimeOffset ExpiresAt, Guid[] CandidateClientIds, OfferStatus Status,
    Guid? AcceptedBy, Guid? BookedAppointmentId, bool OfSeat = false);

/// <summary>
/// The waitlist of one service at one location, keyed <c>{locationId:N}/{serviceId:N}</c>: the single writer of its
/// entries and its offers. Accepting an offer is serialised here, so of many clients accepting at once one wins.
/// </summary>
[Alias("realtime.waitlist")]
public interface IWaitlistGrain : IGrainWithStringKey
{
    [Alias("join")]
    Task<Result<WaitlistEntry>> Join(JoinWaitlist command);

    /// <summary>Removes a plain entry; with <paramref name="clientId"/>, only that client's.</summary>
    [Alias("leave")]
    Task<bool> Leave(Guid entryId, Guid? clientId);

    [Alias("entries"), ReadOnly]
    Task<WaitlistEntry[]> Entries();

    /// <summary>
    /// Takes in, durably, what a change of an appointment means here, and answers: the waitlist then keeps the
    /// appointment's ASAP entry in step and offers the freed time to the matching waiting clients, in turns of its own.
    /// It interleaves, so an appointment handing its change on never waits for a waitlist that is itself waiting for that
    /// appointment (an accepted offer moving it). The same version heard again counts once.
    /// </summary>
    [Alias("hear"), AlwaysInterleave]
    Task Hear(WaitlistNews news);

    /// <summary>The offers open to the client now.</summary>
    [Alias("offers"), ReadOnly]
    Task<SlotOffer[]> OpenOffers(Guid clientId);

    /// <summary>
    /// Books the offered slot for the first client to accept (or moves their ASAP appointment there, or seats them in the
    /// class); later ones get <c>offer_gone</c>. With a request id (an Idempotency-Key's), the booking, move or seat is
    /// recorded with it, so the repeat of an attempt that took the slot, whose answer was lost, is answered with that
    /// appointment as it is now rather than <c>offer_gone</c>.
    /// </summary>
    [Alias("accept")]
    Task<Result<AppointmentView>> Accept(Guid offerId, Guid clientId, Guid? requestId = null);

    /// <summary>
    /// The hold of the offer under <paramref name="holdId"/> gave its time to staff: the offer closes and its candidates
    /// are told the slot is gone. One-way, so the hold never waits on a waitlist that may be waiting on it.
    /// </summary>
    [Alias("offer-withdrawn"), OneWay]
    Task OfferWithdrawn(Guid holdId);
}

[GenerateSerializer, Immutable, Alias("realtime.waitlist-ref")]
public readonly record struct WaitlistRef(Guid LocationId, Guid ServiceId);

/// <summary>Where one client waits (keyed by client id), so the client's routes find their entries and offers.</summary>
[Alias("realtime.client-waitlists")]
public interface IClientWaitlistsGrain : IGrainWithGuidKey
{
    [Alias("joined")]
    Task Joined(WaitlistRef waitlist);

    [Alias("left")]
    Task Left(WaitlistRef waitlist);

    [Alias("waitlists"), ReadOnly]
    Task<WaitlistRef[]> Waitlists();
}
