namespace Realtime.Faults;

/// <summary>One checked invariant: how many violations were counted (0 holds), and what was counted.</summary>
public sealed record InvariantResult(string Name, long Count, string Counted)
{
    public bool Holds => Count == 0;
}

/// <summary>The invariants over the operation log and the appointments as read afterwards, as plain functions.</summary>
public static class Invariants
{
    /// <summary>The notes of a load booking start with this (the probe's do not), followed by its unique marker.</summary>
    public const string MarkerPrefix = "faults-";

    /// <summary>Acknowledged bookings whose appointment is not stored, or stored at an older version than the 201 said.</summary>
    public static long MissingBookings(IEnumerable<Operation> operations, IReadOnlyDictionary<Guid, StoredAppointment> stored) =>
        Acknowledged(operations).Count(o => o.Kind == OperationKind.Book && !StoredAtLeast(o.Result!, stored));

    /// <summary>Acknowledged moves, cancels and restores whose version the stored appointment has not reached.</summary>
    public static long LostChanges(IEnumerable<Operation> operations, IReadOnlyDictionary<Guid, StoredAppointment> stored) =>
        Acknowledged(operations).Count(o => o.Kind != OperationKind.Book && !StoredAtLeast(o.Result!, stored));

    /// <summary>Bookings (one marker each, however many attempts) that were stored as more than one appointment.</summary>
    public static long DuplicateBookings(IEnumerable<StoredAppointment> stored) =>
        stored.Where(s => s.Notes?.StartsWith(MarkerPrefix, StringComparison.Ordinal) == true)
            .GroupBy(s => s.Notes)
            .Count(booking => booking.Count() > 1);

    /// <summary>
    /// Retried operations not answered as their first attempt was. Every attempt of an operation carries the same
    /// Idempotency-Key, so once an attempt has landed every retry gets its stored answer: a replayed acknowledgement
    /// shows the operation done, and no retry is refused for what its own earlier attempt did (a booking rejected or
    /// refused though stored under its marker, an action refused though found done). After a server error too: the
    /// server keeps no answer then and the retry runs again, but it recognises the attempt that landed (a booking by the
    /// id the key gives it, an action by the key's request id the appointment recorded with the change).
    /// </summary>
    public static long RetriesAnsweredOtherwise(IEnumerable<Operation> operations, IEnumerable<StoredAppointment> stored)
    {
        var bookedMarkers = stored.Select(s => s.Notes).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return operations.Count(o => o.Attempts > 1
            && ((o is { Replayed: true, Outcome: Outcome.Acknowledged } && o.Result!.Status != Operation.Leaves(o.Kind))
                || RefusedForItsOwnAttempt(o, bookedMarkers)));
    }

    private static bool RefusedForItsOwnAttempt(Operation operation, HashSet<string> bookedMarkers) =>
        operation.Kind == OperationKind.Book
            ? operation.Outcome is Outcome.Rejected or Outcome.Refused && bookedMarkers.Contains(operation.Marker!)
            : operation.FoundDone;

    /// <summary>
    /// For every appointment whose last operation left no doubt (it was acknowledged, or only rejected ones followed):
    /// how many were checked, and how many are stored otherwise than last acknowledged.
    /// </summary>
    public static (long Checked, long Differ) LastAcknowledged(IEnumerable<Operation> operations, IReadOnlyDictionary<Guid, StoredAppointment> stored)
    {
        long checkedCount = 0, differ = 0;
        foreach (var history in operations.Where(o => o.AppointmentId is not null).GroupBy(o => o.AppointmentId!.Value))
        {
            var ordered = history.OrderBy(o => o.Sequence).ToList();
            var last = ordered.FindLastIndex(o => o.Outcome == Outcome.Acknowledged);
            if (last < 0 || ordered.Skip(last + 1).Any(o => o.Outcome != Outcome.Rejected)) continue;
            checkedCount++;
            if (!stored.TryGetValue(history.Key, out var appointment) || !appointment.Appointment.SameAs(ordered[last].Result!)) differ++;
        }
        return (checkedCount, differ);
    }

    /// <summary>Appointments missing from either reading, or read differently (version, status, start, resources).</summary>
    public static long Differences(IReadOnlyDictionary<Guid, Appointment> expected, IReadOnlyDictionary<Guid, Appointment> actual) =>
        expected.Count(e => !actual.TryGetValue(e.Key, out var a) || !a.SameAs(e.Value)) + actual.Keys.Count(id => !expected.ContainsKey(id));

    private static IEnumerable<Operation> Acknowledged(IEnumerable<Operation> operations) =>
        operations.Where(o => o.Outcome == Outcome.Acknowledged);

    private static bool StoredAtLeast(Appointment acknowledged, IReadOnlyDictionary<Guid, StoredAppointment> stored) =>
        stored.TryGetValue(acknowledged.Id, out var appointment) && appointment.Appointment.Version >= acknowledged.Version;
}
