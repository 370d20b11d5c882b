using Realtime.Grains.Domain.Appointments;
using Realtime.Grains.Interfaces.Holds;

namespace Realtime.Grains.Domain.Holds;

/// <summary>What a slot hold may be: a future slot of one or more services, kept for a short while.</summary>
public static class HoldRules
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MinLifetime = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromHours(1);

    /// <summary>
    /// How many slots one client may hold at once: enough to hold a visit while choosing another, too few to keep a
    /// desk's day away from others.
    /// </summary>
    public const int MaxPerClient = 2;

    public static FieldError[] Validate(HoldSlot command, DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        BookingRules.ValidateResources(command.ResourceIds, "resourceIds", errors);
        if (command.ServiceIds.Length == 0) errors.Add(new("serviceIds", "At least one service is required."));
        else if (command.ServiceIds.Length > BookingRules.MaxServices || command.ServiceIds.Distinct().Count() != command.ServiceIds.Length)
        {
            errors.Add(new("serviceIds", $"Give at most {BookingRules.MaxServices} distinct services."));
        }

        if (command.Start <= now) errors.Add(new("start", "Only a future slot can be held."));
        else if (command.Start - now > BookingRules.MaxDistanceFromNow) errors.Add(new("start", "The start must lie within five years of today."));
        if (command.Lifetime < MinLifetime || command.Lifetime > MaxLifetime)
        {
            errors.Add(new("lifetime", $"A hold lasts between {MinLifetime.TotalSeconds:0} seconds and {MaxLifetime.TotalMinutes:0} minutes."));
        }

        return [.. errors];
    }

    /// <summary>
    /// Whether a client holding slots until <paramref name="othersExpireAt"/> (other holds than the one asked for) may
    /// hold one more; a hold past its expiry no longer counts.
    /// </summary>
    public static bool AdmitsAnother(IEnumerable<DateTimeOffset> othersExpireAt, DateTimeOffset now) =>
        othersExpireAt.Count(expiresAt => now < expiresAt) < MaxPerClient;

    public static DomainError TooMany() => new(
        ErrorCodes.TooManyHolds, $"You are holding {MaxPerClient} slots already: book or release one of them first.",
        [new FieldError("start", $"At most {MaxPerClient} slots can be held at once.")]);

    /// <summary>A hold keeps its slot strictly before its expiry; at the instant of expiry the slot is free.</summary>
    public static bool IsLive(HoldView hold, DateTimeOffset now) => now < hold.ExpiresAt;

    /// <summary>
    /// Whether a request asks for the live hold again: the same holder, slot, resources and services. It gets that hold
    /// back, unchanged, so a holder that could not tell whether its first request landed may simply ask again.
    /// </summary>
    public static bool Repeats(HoldView hold, HoldSlot command) =>
        hold.OrganizationId == command.OrganizationId && hold.LocationId == command.LocationId && hold.ClientId == command.ClientId
        && hold.Start == command.Start && hold.ResourceIds.SequenceEqual(command.ResourceIds) && hold.ServiceIds.SequenceEqual(command.ServiceIds);

    /// <summary>A hold without a holder client is the business's, made for a waitlist offer.</summary>
    public static bool IsOffer(Guid? holderClientId) => holderClientId is null;

    /// <summary>
    /// A waitlist offer's hold gives its time to a staff member's change (a booking, a move, a restore): the front desk
    /// comes before an offer no client has taken up yet. A client's own hold is left to its client.
    /// </summary>
    public static bool TakesOfferHolds(Actor actor) => actor.Kind == ActorKind.Staff;

    /// <summary>
    /// Who may book a held slot: anyone while the business holds it (an offer, whose id only the offer knows), staff,
    /// and of the clients only the holder.
    /// </summary>
    public static bool MayBook(HoldView hold, Actor actor, Guid? clientId) =>
        hold.ClientId is not { } holder || actor.Kind != ActorKind.Client || clientId == holder;
}
