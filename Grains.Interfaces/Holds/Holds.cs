namespace Realtime.Grains.Interfaces.Holds;

/// <summary>
/// Keeps a slot for a short while before it is booked (<see cref="Appointments.IAppointmentGrain.Hold"/>). The holder is
/// the client choosing the slot, or none when the business holds it for a waitlist offer.
/// </summary>
[GenerateSerializer, Immutable, Alias("realtime.hold-slot")]
public sealed record HoldSlot(
    Guid OrganizationId,
    Guid LocationId,
    Guid[] ResourceIds,
    Guid[] ServiceIds,
    DateTimeOffset Start,
    Guid? ClientId,
    TimeSpan Lifetime,
    Actor Actor);

/// <summary>A live hold as front desks and its holder see it; <see cref="Id"/> is the id the appointment will have.</summary>
[GenerateSerializer, Immutable, Alias("realtime.hold-view")]
public sealed record HoldView(
    Guid Id,
    Guid OrganizationId,
    Guid LocationId,
    Guid? ClientId,
    Guid[] ResourceIds,
    Guid[] ServiceIds,
    DateTimeOffset Start,
    DateTimeOffset End,
    TimeRange Occupied,
    DateTimeOffset ExpiresAt);

/// <summary>
/// The live holds of one client (keyed by the client's id), counted by their single writer so that holds asked for at
/// once cannot together pass the limit. Only memory, like the holds themselves.
/// </summary>
public interface IClientHoldsGrain : IGrainWithGuidKey
{
    /// <summary>Counts the hold in until <paramref name="expiresAt"/>, unless the client holds as many others as they may: then false.</summary>
    Task<bool> Admit(Guid holdId, DateTimeOffset expiresAt);

    /// <summary>The hold was booked, released or dropped.</summary>
    Task Released(Guid holdId);
}
