namespace Realtime.Grains.Interfaces.Appointments;

[GenerateSerializer, Immutable, Alias("realtime.appointment-comment")]
public sealed record AppointmentComment(string Text, Actor Author, DateTimeOffset At);

/// <summary>
/// A cancellation; <see cref="ClientTold"/>: its message went to the client (they cancelled, or staff chose to tell them).
/// <see cref="NextVisitId"/>: the id the follow-up visit asked for with it takes if it is booked at once (seed 000); it
/// may not exist (a draft, or its time was taken), so the client's message names it only once it is found booked.
/// </summary>
[GenerateSerializer, Immutable, Alias("realtime.cancellation")]
public sealed record Cancellation(
    CancellationReason Reason, string? Message, DateTimeOffset At, Actor By, bool ClientTold = false, Guid? NextVisitId = null);

/// <summary>
/// One recorded change: who, when, what (and the version it produced), with the message its author gave, if any, and
/// the request id of the Idempotency-Key it came with (<see cref="RequestId"/>), by which a repeat of it is recognised.
/// </summary>
[GenerateSerializer, Immutable, Alias("realtime.history-entry")]
public sealed record HistoryEntry(
    long Version, DateTimeOffset At, Actor Actor, string Action, string? Details, string? Message = null, Guid? RequestId = null);

/// <remarks>
/// <see cref="Seats"/> are the clients holding a seat, the booking client first (see <c>GroupSeats</c>);
/// <see cref="Capacity"/> is the smallest capacity of the services, 1 for an ordinary appointment.
/// <see cref="InsideReminderWindow"/>: it was booked inside the location's reminder window, and every start it was moved
/// to since was set inside the window of its time, so it gets no reminder (seed 001); decided under the policy then, as
/// a later change of the lead time must not undo it. Null for one stored before this was kept.
/// </remarks>
[GenerateSerializer, Immutable, Alias("realtime.appointment-view")]
public sealed record AppointmentView(
    Guid Id,
    long Version,
    Guid OrganizationId,
    Guid LocationId,
    AppointmentKind Kind,
    AppointmentStatus Status,
    Guid[] ResourceIds,
    Guid[] ServiceIds,
    Guid? ClientId,
    DateTimeOffset Start,
    int DurationMinutes,
    int BufferBeforeMinutes,
    int BufferAfterMinutes,
    bool Confirmed,
    decimal? Price,
    string[] Labels,
    AppointmentComment[] Comments,
    string? Notes,
    bool FirstConsultation,
    bool Asap,
    string? Source,
    bool PaymentDue,
    int ClientReschedules,
    Cancellation? Cancellation,
    HistoryEntry[] History,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    Guid[] Seats,
    int Capacity,
    bool? InsideReminderWindow = null)
{
    public DateTimeOffset End => Start.AddMinutes(DurationMinutes);

    public TimeRange Occupied => new(Start.AddMinutes(-BufferBeforeMinutes), End.AddMinutes(BufferAfterMinutes));
}

[GenerateSerializer, Immutable, Alias("realtime.transition-outcome")]
public sealed record TransitionOutcome(AppointmentView Appointment, NextVisitOutcome? NextVisit);
