namespace Realtime.Grains.Interfaces.Availability;

/// <summary>
/// Free times for one service at one location: slots whose start lies in [<paramref name="From"/>, <paramref name="To"/>)
/// and not in the past. With <paramref name="ResourceId"/>, only slots with that resource. With
/// <paramref name="ApplyClientPolicy"/>, the booking notice and horizon of the service's client policy apply too
/// (staff are never bound by them). With <paramref name="TakesOfferHolds"/> (staff looking for time to book), time that
/// a waitlist offer holds counts as free: a staff booking takes it, and the offer is withdrawn.
/// </summary>
[GenerateSerializer, Immutable, Alias("realtime.availability-query")]
public sealed record AvailabilityQuery(
    Guid OrganizationId,
    Guid LocationId,
    Guid ServiceId,
    Guid? ResourceId,
    DateTimeOffset From,
    DateTimeOffset To,
    bool ApplyClientPolicy,
    bool TakesOfferHolds = false);

/// <summary>
/// A time the service can be booked: the visit [<paramref name="Start"/>, <paramref name="End"/>) without buffers,
/// in the location's local offset, and the resources that are free for it (one per kind the service needs).
/// </summary>
[GenerateSerializer, Immutable, Alias("realtime.available-slot")]
public sealed record AvailableSlot(DateTimeOffset Start, DateTimeOffset End, Guid[] ResourceIds);

/// <summary>Availability search, answered from the configuration and calendar grains in memory.</summary>
[Alias("realtime.availability")]
public interface IAvailabilityGrain : IGrainWithIntegerKey
{
    /// <summary>The one key to use: the grain is a stateless worker, activated on every silo as needed.</summary>
    public const long Key = 0;

    [Alias("find"), ReadOnly]
    Task<Result<AvailableSlot[]>> Find(AvailabilityQuery query);
}
