namespace Realtime.Grains.Interfaces.Calendars;

/// <summary>Time a resource is occupied on behalf of one appointment, buffers included.</summary>
[GenerateSerializer, Immutable, Alias("realtime.reservation")]
public sealed record Reservation(Guid AppointmentId, TimeRange Occupied);

[GenerateSerializer, Immutable, Alias("realtime.reservation-outcome")]
public sealed record ReservationOutcome(bool Reserved, Guid? ConflictingAppointmentId)
{
    public static readonly ReservationOutcome Success = new(true, null);
}

/// <summary>
/// The occupied time of one resource in one partition (a UTC day). Keyed by
/// <c>{resourceId:N}/{yyyy-MM-dd}</c>; an interval crossing midnight is held by both days.
/// </summary>
[Alias("realtime.resource-calendar")]
public interface IResourceCalendarGrain : IGrainWithStringKey
{
    [Alias("reserve")]
    Task<ReservationOutcome> Reserve(Reservation reservation);

    [Alias("release")]
    Task Release(Reservation reservation);

    /// <summary>
    /// The appointment holding time that overlaps the candidate's and still claiming it, if any: a look that takes and
    /// frees nothing (orphans are left for <see cref="Reserve"/> to free).
    /// </summary>
    [Alias("claimed-conflict"), ReadOnly]
    Task<Guid?> ClaimedConflict(Reservation candidate);

    [Alias("reservations"), ReadOnly]
    Task<Reservation[]> GetReservations();
}
