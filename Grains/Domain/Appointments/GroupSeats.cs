using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Organizations;

namespace Realtime.Grains.Domain.Appointments;

/// <summary>
/// The seats of a group appointment (services with a capacity above one, DESIGN.md section 2). The seat holders are
/// client ids in the order they came; the booking client takes the first seat, and the appointment's client is always
/// the first seat holder. When the last one leaves, the class stays on the calendar with no one in it (and no client),
/// open for others to join: only cancelling it frees its time.
/// </summary>
public static class GroupSeats
{
    /// <summary>The smallest capacity of the services; 1 (an ordinary appointment) without services.</summary>
    public static int CapacityOf(IEnumerable<ServiceDefinition> services) => services.Select(s => s.Capacity).DefaultIfEmpty(1).Min();

    public static Guid[] Initial(Guid? clientId) => clientId is { } id ? [id] : [];

    /// <summary>The client's to attend: they booked it, or hold a seat in it.</summary>
    public static bool HeldBy(AppointmentView appointment, Guid clientId)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        return appointment.ClientId == clientId || appointment.Seats.Contains(clientId);
    }

    private static readonly string LeftAction = AppointmentChanges.ActionName(AppointmentChangeKind.SeatFreed);
    private static readonly string TakenAction = AppointmentChanges.ActionName(AppointmentChangeKind.SeatTaken);
    private static readonly string ConfirmedAction = AppointmentChanges.ActionName(AppointmentChangeKind.Confirmed);
    private static readonly string MovedAction = AppointmentChanges.ActionName(AppointmentChangeKind.Rescheduled);

    /// <summary>The details of a seat's history entry (taken or freed): whose seat it was.</summary>
    public static string SeatDetails(Guid clientId) => SeatDetailsPrefix + clientId;

    private const string SeatDetailsPrefix = "client ";

    /// <summary>Whose seat the change of <paramref name="version"/> took or freed, from its history entry; null for other changes.</summary>
    public static Guid? SeatChangedIn(AppointmentView appointment, long version)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        return appointment.History.FirstOrDefault(h => h.Version == version && (h.Action == LeftAction || h.Action == TakenAction)) is { Details: { } details }
               && details.StartsWith(SeatDetailsPrefix, StringComparison.Ordinal) && Guid.TryParse(details.AsSpan(SeatDetailsPrefix.Length), out var clientId)
            ? clientId
            : null;
    }

    /// <summary>
    /// The entry in which the client gave up their seat, if they did and have not taken one again since: a class they
    /// left stays on their record, as theirs to read but no longer to change.
    /// </summary>
    public static HistoryEntry? LeftBy(AppointmentView appointment, Guid clientId)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        if (appointment.Seats.Contains(clientId)) return null;
        var details = SeatDetails(clientId);
        return appointment.History.LastOrDefault(h => h.Action == LeftAction && h.Details == details);
    }

    /// <summary>
    /// Whether a seat holder confirmed their own attendance since they took the seat and the class last moved: in a class,
    /// a client confirms for themselves, and the class's own flag is the staff's.
    /// </summary>
    public static bool ConfirmedBy(AppointmentView appointment, Guid clientId)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        var details = SeatDetails(clientId);
        var confirmed = appointment.History.LastOrDefault(h => h.Action == ConfirmedAction && h.Details == details)?.Version;
        var since = appointment.History.LastOrDefault(h => h.Action == MovedAction || (h.Action == TakenAction && h.Details == details))?.Version ?? 0;
        return confirmed > since;
    }

    /// <summary>Whether the client's attendance is confirmed: in a class, their own seat's (<see cref="ConfirmedBy"/>); else the appointment's.</summary>
    public static bool AttendanceConfirmed(AppointmentView appointment, Guid clientId)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        return appointment.Capacity > 1 ? ConfirmedBy(appointment, clientId) : appointment.Confirmed;
    }

    public static Guid? ClientOf(Guid[] seats) => seats.Length > 0 ? seats[0] : null;

    /// <summary>How many seat holders a group has besides <paramref name="clientId"/>; none for an ordinary appointment.</summary>
    public static int OthersThan(Guid[] seats, int capacity, Guid? clientId) => capacity > 1 ? seats.Count(s => s != clientId) : 0;

    /// <summary>The seats with the client in one (unchanged when they hold one already); full is full.</summary>
    public static Result<Guid[]> Take(AppointmentStatus status, Guid[] seats, int capacity, Guid clientId)
    {
        if (CheckChangeable(status, capacity) is { } refused) return refused;
        if (seats.Contains(clientId)) return seats;
        return seats.Length >= capacity
            ? DomainError.Of(ErrorCodes.GroupFull, $"All {capacity} seats of this group appointment are taken.")
            : (Guid[])[.. seats, clientId];
    }

    /// <summary>The seats without the client, who must hold one.</summary>
    public static Result<Guid[]> Leave(AppointmentStatus status, Guid[] seats, int capacity, Guid clientId)
    {
        if (CheckChangeable(status, capacity) is { } refused) return refused;
        return seats.Contains(clientId)
            ? (Guid[])[.. seats.Where(s => s != clientId)]
            : DomainError.NotFound("The client's seat");
    }

    private static DomainError? CheckChangeable(AppointmentStatus status, int capacity)
    {
        if (capacity <= 1) return DomainError.Of(ErrorCodes.NotAGroup, "This is not a group appointment: it has no seats to take or free.");
        return status is AppointmentStatus.Booked or AppointmentStatus.Arrived
            ? null
            : DomainError.Of(ErrorCodes.InvalidTransition, $"Seats are taken and freed only while the appointment is booked; it is {status.ToString().ToLowerInvariant()}.");
    }
}
