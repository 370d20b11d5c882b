using System.Globalization;
using Humanizer;
using Realtime.Grains.Domain.Notifications;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Organizations;

namespace Realtime.Grains.Domain.Appointments;

/// <summary>A client's move of an appointment, as the reschedule rules see it.</summary>
/// <param name="OtherSeatHolders">Clients other than the one asking who hold a seat in the appointment.</param>
public sealed record RescheduleFacts(
    DateTimeOffset CurrentStart, DateTimeOffset NewStart, int ClientReschedules, int OtherSeatHolders,
    AppointmentStatus CurrentStatus = AppointmentStatus.Booked);

/// <summary>
/// The client policy (DESIGN.md section 2, seeds 001 and 004): rules that bind clients only. Every check takes who is
/// asking and answers null for staff and the system, who are never bound. Each refusal has its own code and says why
/// in words.
/// </summary>
public static class ClientPolicyRules
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    /// <summary>
    /// The policy an appointment's clients are held to: each service's own policy, else the location's default; with
    /// several services, the strictest of each rule across them (cancelling allowed only if every service allows it, the
    /// longest notices, the fewest reschedules, the shortest horizon). Without services, the location's default.
    /// </summary>
    public static ClientPolicy Effective(IEnumerable<ServiceDefinition> services, ClientPolicy locationDefault)
    {
        var policies = services.Select(s => s.Policy ?? locationDefault).DefaultIfEmpty(locationDefault).ToList();
        return new ClientPolicy(
            policies.All(p => p.ClientMayCancel),
            policies.Max(p => p.CancelNoticeHours),
            policies.Max(p => p.RescheduleNoticeHours),
            policies.Min(p => p.MaxReschedules),
            policies.Max(p => p.BookingNoticeHours),
            policies.Min(p => p.BookingHorizonDays));
    }

    /// <summary>Blacklisted clients cannot book, join or reschedule themselves (seed 000).</summary>
    public static DomainError? CheckBlacklist(ActorKind actor, bool blacklisted) =>
        actor == ActorKind.Client && blacklisted
            ? DomainError.Of(ErrorCodes.ClientBlacklisted, "This client cannot book or reschedule online; please contact the business.")
            : null;

    /// <summary>A new booking (or a seat taken): at least the booking notice ahead, and less than the horizon away.</summary>
    public static DomainError? CheckBooking(ActorKind actor, ClientPolicy policy, DateTimeOffset start, DateTimeOffset now)
    {
        if (actor != ActorKind.Client) return null;
        var ahead = start - now;
        var notice = TimeSpan.FromHours(policy.BookingNoticeHours);
        if (ahead < notice)
        {
            return DomainError.Of(ErrorCodes.PolicyBookingNotice,
                $"Bookings must be made at least {Words(notice)} ahead; {TimeIsIn(ahead)}.");
        }

        var horizon = TimeSpan.FromDays(policy.BookingHorizonDays);
        return ahead >= horizon
            ? DomainError.Of(ErrorCodes.PolicyBookingHorizon,
                $"Bookings can be made at most {Words(horizon)} ahead; this time is {Words(ahead)} away.")
            : null;
    }

    /// <summary>Cancelling (or leaving a seat): allowed by the policy, and at least the cancel notice before the start.</summary>
    public static DomainError? CheckCancel(ActorKind actor, ClientPolicy policy, DateTimeOffset start, DateTimeOffset now)
    {
        if (actor != ActorKind.Client) return null;
        if (!policy.ClientMayCancel)
        {
            return DomainError.Of(ErrorCodes.PolicyCancelNotAllowed, "This appointment cannot be cancelled online; please contact the business.");
        }

        var notice = TimeSpan.FromHours(policy.CancelNoticeHours);
        return start - now < notice
            ? DomainError.Of(ErrorCodes.PolicyCancelNotice,
                $"Cancellations must be made at least {Words(notice)} before the visit; {StartsIn(start - now)}.")
            : null;
    }

    /// <summary>
    /// Moving: only a booked appointment (staff bring back a cancelled one, which a client's move must not undo), never
    /// a group appointment other clients hold (they can leave it instead), at most the maximum number of moves, at least
    /// the reschedule notice before the current start, and the new time as a new booking would be.
    /// </summary>
    public static DomainError? CheckReschedule(ActorKind actor, ClientPolicy policy, RescheduleFacts facts, DateTimeOffset now) =>
        CheckMayReschedule(actor, policy, facts, now) ?? CheckBooking(actor, policy, facts.NewStart, now);

    /// <summary>Whether the client may move the appointment at all, wherever to (<see cref="RescheduleFacts.NewStart"/> is not read).</summary>
    public static DomainError? CheckMayReschedule(ActorKind actor, ClientPolicy policy, RescheduleFacts facts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (actor != ActorKind.Client) return null;
        if (facts.CurrentStatus != AppointmentStatus.Booked)
        {
            return DomainError.Of(ErrorCodes.InvalidTransition,
                "Only a booked appointment can be moved online; please book a new time or contact the business.");
        }

        if (facts.OtherSeatHolders > 0)
        {
            return DomainError.Of(ErrorCodes.PolicyGroupReschedule,
                $"Other clients hold seats in this group appointment ({facts.OtherSeatHolders}), so its time cannot be changed online; you can leave it instead.");
        }

        if (facts.ClientReschedules >= policy.MaxReschedules)
        {
            return DomainError.Of(ErrorCodes.PolicyMaxReschedules, policy.MaxReschedules == 0
                ? "This appointment cannot be moved online; please contact the business."
                : $"This appointment has been moved {"time".ToQuantity(facts.ClientReschedules)} already, the most allowed online.");
        }

        var notice = TimeSpan.FromHours(policy.RescheduleNoticeHours);
        var ahead = facts.CurrentStart - now;
        if (ahead < notice)
        {
            return DomainError.Of(ErrorCodes.PolicyRescheduleNotice,
                $"Changes of time must be made at least {Words(notice)} before the visit; {StartsIn(ahead)}.");
        }

        return null;
    }

    /// <summary>The client behind a client actor (its id is the client's id); null for anyone else.</summary>
    public static Guid? ClientOf(Actor actor) =>
        actor.Kind == ActorKind.Client && Guid.TryParse(actor.Id, out var clientId) ? clientId : null;

    /// <summary>
    /// The options only staff may use when booking: clients book for themselves, at the services' own duration and price,
    /// inside working hours, without labels or breaks; of the flags only ASAP (the client's own wish to come earlier).
    /// </summary>
    public static FieldError[] CheckClientOptions(BookAppointment command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Actor.Kind != ActorKind.Client) return [];
        var errors = new List<FieldError>();
        if (command.ClientId is null || command.ClientId != ClientOf(command.Actor)) errors.Add(new("clientId", "Clients book for themselves."));
        if (command.Kind != AppointmentKind.Appointment) errors.Add(new("kind", "Clients book appointments only."));
        if (command.ServiceIds.Length == 0) errors.Add(new("serviceIds", "Choose at least one service."));
        if (command.DurationMinutes is not null) errors.Add(new("durationMinutes", "The duration is the services' own."));
        if (command.Price is not null) errors.Add(new("price", "The price is the services' own."));
        if (command.Labels.Length > 0) errors.Add(new("labels", "Only staff label appointments."));
        if (command.OverrideWorkingHours) errors.Add(new("overrideWorkingHours", "Only staff book outside working hours."));
        if (command.FirstConsultation) errors.Add(new("firstConsultation", "Only staff mark a first consultation."));
        return [.. errors];
    }

    /// <summary>
    /// A client takes only the resources the services need: one of each kind they name, or one when they name none, so a
    /// client cannot book every staff member and room of a location for one visit.
    /// </summary>
    public static FieldError[] CheckClientResources(ActorKind actor, IEnumerable<ServiceDefinition> services, int resourceCount)
    {
        if (actor != ActorKind.Client) return [];
        var needed = Math.Max(1, services.SelectMany(s => s.RequiredResourceKinds).Distinct().Count());
        return resourceCount > needed
            ? [new FieldError("resourceIds", needed == 1 ? "Choose one staff member or room." : $"Choose one resource of each kind the services need ({needed}).")]
            : [];
    }

    /// <summary>Staff-only options of a move: other resources, outside working hours.</summary>
    public static FieldError[] CheckClientOptions(RescheduleAppointment command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Actor.Kind != ActorKind.Client) return [];
        var errors = new List<FieldError>();
        if (command.ResourceIds is not null) errors.Add(new("resourceIds", "Only staff change the resources."));
        if (command.OverrideWorkingHours) errors.Add(new("overrideWorkingHours", "Only staff move outside working hours."));
        return [.. errors];
    }

    private static string StartsIn(TimeSpan ahead) => ahead > TimeSpan.Zero ? $"it starts in {Words(ahead)}" : "it has already begun";

    private static string TimeIsIn(TimeSpan ahead) => ahead > TimeSpan.Zero ? $"this time is in {Words(ahead)}" : "this time has passed";

    /// <summary>Days, hours and minutes in words, the two largest units: "1 day", "4 hours and 59 minutes".</summary>
    private static string Words(TimeSpan span)
    {
        // Humanizer takes no formatter registrations once it has formatted anything: ours must come first.
        HumanizedTime.EnsureFormatters();
        return span.Humanize(precision: 2, culture: English, maxUnit: TimeUnit.Day, minUnit: TimeUnit.Minute, collectionSeparator: null);
    }
}
