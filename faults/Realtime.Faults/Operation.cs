using Realtime.Grains.Interfaces.Appointments;

namespace Realtime.Faults;

public enum OperationKind { Book, Move, Cancel, Restore }

/// <summary>
/// How an operation ended as the client saw it: acknowledged (a 2xx, or on a retry "already so" confirmed by reading
/// the appointment), rejected by the rules (409 <c>slot_taken</c>: nothing changed), refused otherwise (an answer the
/// load never expects), or abandoned after retrying for the whole budget (its effect is unknown).
/// </summary>
public enum Outcome { Acknowledged, Rejected, Refused, Abandoned }

/// <summary>
/// One logical operation of one simulated client, with all its attempts, each under the operation's one
/// Idempotency-Key. <see cref="Marker"/> tags a booking (its notes and its key); <see cref="Result"/> is the appointment
/// as acknowledged. <see cref="Replayed"/>: the last answer was the one stored for an earlier attempt.
/// <see cref="AfterServerError"/>: an earlier attempt was answered with a server error, which the server does not store,
/// so a later attempt ran again. <see cref="FoundDone"/>: refused on a retry, yet the appointment was found as the
/// operation leaves it — an earlier attempt had landed, and the server did not recognise it — and so taken as
/// acknowledged.
/// </summary>
public sealed record Operation(
    long Sequence, int Client, OperationKind Kind, Guid? AppointmentId, string? Marker, Outcome Outcome, int Attempts,
    string LastAnswer, Appointment? Result, DateTimeOffset StartedAt, DateTimeOffset FinishedAt,
    bool Replayed = false, bool AfterServerError = false, bool FoundDone = false)
{
    /// <summary>The status an acknowledged operation of this kind leaves the appointment in.</summary>
    public static AppointmentStatus Leaves(OperationKind kind) =>
        kind == OperationKind.Cancel ? AppointmentStatus.Cancelled : AppointmentStatus.Booked;
}
