using Realtime.Grains.Interfaces.Appointments;

namespace Realtime.Api.Contracts;

public sealed record BookAppointmentRequest(
    Guid? LocationId, Guid[]? ResourceIds, Guid[]? ServiceIds, Guid? ClientId, DateTimeOffset? Start, int? DurationMinutes,
    AppointmentKind? Kind, bool? FirstConsultation, bool? Asap, string? Source, string? Notes, decimal? Price, string[]? Labels,
    bool? OverrideWorkingHours, bool? NotifyClient);

public sealed record RescheduleRequest(DateTimeOffset? Start, Guid[]? ResourceIds, bool? OverrideWorkingHours, bool? NotifyClient);

public sealed record NextVisitBody(DateTimeOffset? Start, Guid[]? ResourceIds, Guid[]? ServiceIds, int? DurationMinutes)
{
    public NextVisitRequest ToRequest() => new(Start, ResourceIds, ServiceIds, DurationMinutes);
}

public sealed record CompleteRequest(
    Guid[]? ServiceIds, int? DurationMinutes, decimal? TotalPrice, string? Label, string? Comment, NextVisitBody? NextVisit);

/// <summary>
/// The reasons a caller may give: <see cref="CancellationReason.ClientDeleted"/> is the appointment's own (a booking
/// whose client was deleted before it became theirs gives itself up).
/// </summary>
public enum CancelRequestReason { Business, Client }

public sealed record CancelRequest(
    CancelRequestReason? Reason, string? Message, bool? NotifyClient, bool? NotifyResource, NextVisitBody? NextVisit)
{
    public CancellationReason CancellationReason => Reason == CancelRequestReason.Client ? CancellationReason.Client : CancellationReason.Business;
}

public sealed record NoShowRequest(bool? Blacklist);

public sealed record RestoreRequest(bool? OverrideWorkingHours);

public sealed record UpdateAppointmentRequest(
    string[]? Labels, string? Comment, decimal? Price, string? Notes, Guid[]? ServiceIds, int? DurationMinutes,
    bool? PaymentDue, bool? FirstConsultation, bool? Asap, bool? OverrideWorkingHours);
