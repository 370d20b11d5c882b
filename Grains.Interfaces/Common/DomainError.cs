namespace Realtime.Grains.Interfaces.Common;

[GenerateSerializer, Immutable, Alias("realtime.field-error")]
public sealed record FieldError(string Field, string Message);

/// <summary>
/// A refusal with a stable machine-readable code; never an exception across grain boundaries. <see cref="Facts"/>: what
/// it rests on that a page words in the client's language (e.g. the time of their visit in the way), as problem members.
/// </summary>
[GenerateSerializer, Immutable, Alias("realtime.domain-error")]
public sealed record DomainError(string Code, string Message, FieldError[] Fields, Dictionary<string, string>? Facts = null)
{
    public static DomainError Of(string code, string message) => new(code, message, []);

    public static DomainError Validation(params FieldError[] fields) =>
        new(ErrorCodes.ValidationFailed, "One or more fields are invalid.", fields);

    public static DomainError NotFound(string what) => Of(ErrorCodes.NotFound, $"{what} was not found.");
}

public static class ErrorCodes
{
    public const string ValidationFailed = "validation_failed";
    public const string NotFound = "not_found";
    public const string AlreadyExists = "already_exists";
    public const string SlotTaken = "slot_taken";
    public const string OutsideWorkingHours = "outside_working_hours";
    public const string InvalidTransition = "invalid_transition";
    public const string ClientBlacklisted = "client_blacklisted";

    // Client sign-in and manage links, and throttled requests.
    public const string LinkInvalid = "link_invalid";
    public const string LinkExpired = "link_expired";
    public const string LinkUsed = "link_used";
    public const string RateLimited = "rate_limited";
    public const string PolicyCancelNotAllowed = "policy_cancel_not_allowed";
    public const string PolicyCancelNotice = "policy_cancel_notice";
    public const string PolicyRescheduleNotice = "policy_reschedule_notice";
    public const string PolicyMaxReschedules = "policy_max_reschedules";
    public const string PolicyBookingNotice = "policy_booking_notice";
    public const string PolicyBookingHorizon = "policy_booking_horizon";
    public const string PolicyGroupReschedule = "policy_group_reschedule";
    public const string GroupFull = "group_full";
    public const string NotAGroup = "not_a_group";

    /// <summary>A client with visits ahead, deleted without saying whether those are kept or cancelled.</summary>
    public const string ClientHasUpcomingAppointments = "client_has_upcoming_appointments";

    /// <summary>A waitlist offer already taken by another client, or expired.</summary>
    public const string OfferGone = "offer_gone";

    /// <summary>A client asking for one more slot hold than they may have at once.</summary>
    public const string TooManyHolds = "too_many_holds";

    /// <summary>A client created or changed with the e-mail address or phone number of another client, not on purpose.</summary>
    public const string ClientExists = "client_exists";

    /// <summary>A client booking or moving online into the time of a visit of their own.</summary>
    public const string ClientBusy = "client_busy";

    /// <summary>
    /// The follow-up visit a repeated cancel or completion asked for, which its first attempt did not book and which can no
    /// longer be planned as that attempt would have: the appointment has changed since.
    /// </summary>
    public const string NextVisitUnknown = "next_visit_unknown";

    /// <summary>A staff change asked against a version of the appointment (If-Match) that someone else changed meanwhile.</summary>
    public const string AppointmentChanged = "appointment_changed";

    /// <summary>A visit completed before its location's local day has come (and before the client arrived).</summary>
    public const string VisitNotStarted = "visit_not_started";
}
