namespace Realtime.Grains.Interfaces.Appointments;

[GenerateSerializer, Immutable, Alias("realtime.book-appointment")]
public sealed record BookAppointment(
    Guid OrganizationId,
    Guid LocationId,
    Guid[] ResourceIds,
    Guid[] ServiceIds,
    Guid? ClientId,
    DateTimeOffset Start,
    int? DurationMinutes,
    AppointmentKind Kind,
    bool FirstConsultation,
    bool Asap,
    string? Source,
    string? Notes,
    decimal? Price,
    string[] Labels,
    bool OverrideWorkingHours,
    bool NotifyClient,
    Actor Actor,
    Guid? RequestId = null);

/// <summary>
/// <see cref="RequestId"/> here and in the other commands: the request id of the Idempotency-Key the change came with, if
/// any; <c>ExpectedVersion</c>: the version the change was asked against (an If-Match's), if any.
/// </summary>
[GenerateSerializer, Immutable, Alias("realtime.reschedule-appointment")]
public sealed record RescheduleAppointment(
    DateTimeOffset Start, Guid[]? ResourceIds, bool OverrideWorkingHours, bool NotifyClient, Actor Actor, Guid? RequestId = null, long? ExpectedVersion = null);

/// <summary>A follow-up visit: by default one week later with the same parameters (seed 000).</summary>
[GenerateSerializer, Immutable, Alias("realtime.next-visit-request")]
public sealed record NextVisitRequest(
    DateTimeOffset? Start, Guid[]? ResourceIds, Guid[]? ServiceIds, int? DurationMinutes);

/// <summary>Either the booked follow-up, a pre-filled draft (parameters changed), or why it could not be booked.</summary>
[GenerateSerializer, Immutable, Alias("realtime.next-visit-outcome")]
public sealed record NextVisitOutcome(Guid? AppointmentId, BookAppointment? Draft, DomainError? Error);

[GenerateSerializer, Immutable, Alias("realtime.complete-appointment")]
public sealed record CompleteAppointment(
    Guid[]? ServiceIds, int? DurationMinutes, decimal? TotalPrice, string? Label, string? Comment,
    NextVisitRequest? NextVisit, Actor Actor, Guid? RequestId = null, long? ExpectedVersion = null);

[GenerateSerializer, Immutable, Alias("realtime.cancel-appointment")]
public sealed record CancelAppointment(
    CancellationReason Reason, string? Message, bool NotifyClient, bool NotifyResource,
    NextVisitRequest? NextVisit, Actor Actor, Guid? RequestId = null, long? ExpectedVersion = null);

[GenerateSerializer, Immutable, Alias("realtime.no-show-appointment")]
public sealed record MarkNoShow(bool Blacklist, Actor Actor, Guid? RequestId = null, long? ExpectedVersion = null);

/// <summary>
/// A partial edit; null leaves a field as it is. Services and duration re-check the calendar, and the working hours unless
/// <see cref="OverrideWorkingHours"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("realtime.update-appointment")]
public sealed record UpdateAppointment(
    string[]? Labels, string? Comment, decimal? Price, string? Notes, Guid[]? ServiceIds, int? DurationMinutes,
    bool? PaymentDue, bool? FirstConsultation, bool? Asap, Actor Actor, bool OverrideWorkingHours = false, Guid? RequestId = null,
    long? ExpectedVersion = null);
