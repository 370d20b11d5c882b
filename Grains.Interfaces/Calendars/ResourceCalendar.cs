namespace Realtime.Grains.Interfaces.Calendars;

/// <summary>Time a resource is occupied on behalf of one appointment, buffers included.</summary>
[GenerateSerializer, Immutable, Alias("realtime.reservation")]
public sealed record Reservation(Guid AppointmentId, TimeRange Occupied);

/// <summary>
/// An appointment's answer to whether it still claims a reservation: until when (<see cref="DateTimeOffset.MaxValue"/>
/// until a change releases it, a hold's expiry for a hold), and whether it is a waitlist offer's hold, which gives way to
/// staff.
/// </summary>
[GenerateSerializer, Immutable, Alias("realtime.reservation-claim")]
public readonly record struct ReservationClaim(DateTimeOffset Until, bool GivesWayToStaff)
{
    /// <summary>Whether the claim keeps the time from a change that <paramref name="takesOfferHolds"/> or not.</summary>
    public bool Refuses(bool takesOfferHolds) => !(takesOfferHolds && GivesWayToStaff);
}

/// <summary>Time an appointment still claims on a resource: its reservation (buffers included), and its claim on it.</summary>
[GenerateSerializer, Immutable, Alias("realtime.claimed-time")]
public sealed record ClaimedTime(Reservation Reservation, ReservationClaim Claim)
{
    /// <summary>A slot hold's claim lasts until the hold expires; a booking's, until a change frees it.</summary>
    public bool IsHold => Claim.Until != DateTimeOffset.MaxValue;
}

/// <summary>
/// Whether the time was taken, else the claim in the way and whether it gives way to staff (every conflict then does:
/// one that does not is named first).
/// </summary>
[GenerateSerializer, Immutable, Alias("realtime.reservation-outcome")]
public sealed record ReservationOutcome(bool Reserved, ClaimedTime? Conflict)
{
    public static readonly ReservationOutcome Success = new(true, null);

    public Guid? ConflictingAppointmentId => Conflict?.Reservation.AppointmentId;

    public bool ConflictGivesWayToStaff => Conflict?.Claim.GivesWayToStaff == true;
}

/// <summary>
/// The occupied time of one resource in one partition (a UTC day). Keyed by
/// <c>{resourceId:N}/{yyyy-MM-dd}</c>; an interval crossing midnight is held by both days.
/// </summary>
[Alias("realtime.resource-calendar")]
public interface IResourceCalendarGrain : IGrainWithStringKey
{
    /// <summary>
    /// Takes the time unless an appointment still claims overlapping time; of such conflicts, one that does not give way
    /// to staff is named first.
    /// </summary>
    [Alias("reserve")]
    Task<ReservationOutcome> Reserve(Reservation reservation);

    [Alias("release")]
    Task Release(Reservation reservation);

    /// <summary>
    /// The appointment holding time that overlaps the candidate's and still claiming it, if any, leaving out a waitlist
    /// offer's hold when the candidate <paramref name="takesOfferHolds"/> (a staff member's): a look that takes and frees
    /// nothing (orphans are left for <see cref="Reserve"/> and the sweeps of <see cref="GetReservations"/> to free).
    /// </summary>
    [Alias("claimed-conflict"), ReadOnly]
    Task<ClaimedTime?> ClaimedConflict(Reservation candidate, bool takesOfferHolds);

    /// <summary>
    /// The day's reservations, for searches of free time. A read sets off, at most once a minute, a sweep that asks the
    /// holders of reservations not yet over whether they still claim them (a booking's again after an hour, a hold's once
    /// it expires), unless the appointment list shows them keeping exactly that time, and frees the orphans, which a
    /// search would otherwise never offer.
    /// </summary>
    [Alias("reservations"), ReadOnly]
    Task<Reservation[]> GetReservations();
}
