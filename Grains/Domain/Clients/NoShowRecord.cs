using Realtime.Grains.Domain.Appointments;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Clients;

namespace Realtime.Grains.Domain.Clients;

/// <summary>
/// A client's no-show record (seed 000): the appointments whose no-show is counted, the blacklisting, and the appointment
/// whose no-show made that blacklisting, if one did. Only no-shows still counted are kept, so it stays small. A no-show
/// counts once however often it is told; taken back (the appointment restored, completed or deleted) it counts no more
/// and lifts the blacklisting it made — not one the staff set by hand, nor one made by another no-show.
/// </summary>
public sealed record NoShowRecord(IReadOnlySet<Guid> Counted, BlacklistEntry? Blacklist, Guid? BlacklistedBy)
{
    public const string BlacklistReason = "No-show";

    private static readonly string NoShowAction = AppointmentChanges.ActionName(AppointmentChangeKind.NoShow);

    /// <summary>
    /// Whether an appointment change tells the client of a no-show (true), of one taken back (false), or neither. Only an
    /// appointment whose <paramref name="history"/> holds a no-show can take one back, so an ordinary completion calls
    /// on no client.
    /// </summary>
    public static bool? Tells(AppointmentChangeKind change, IEnumerable<HistoryEntry> history) => change switch
    {
        AppointmentChangeKind.NoShow => true,
        AppointmentChangeKind.Restored or AppointmentChangeKind.Completed or AppointmentChangeKind.Deleted
            when history.Any(h => h.Action == NoShowAction) => false,
        _ => null,
    };

    /// <summary>The record with the appointment's no-show counted, or <see langword="null"/> if it is counted already.</summary>
    public NoShowRecord? Count(Guid appointmentId, bool blacklist, DateTimeOffset at, Actor actor)
    {
        if (Counted.Contains(appointmentId)) return null;
        var counted = new HashSet<Guid>(Counted) { appointmentId };
        return blacklist && Blacklist is null
            ? new(counted, new BlacklistEntry(BlacklistReason, at, actor), appointmentId)
            : this with { Counted = counted };
    }

    /// <summary>The record with the appointment's no-show taken back, or <see langword="null"/> if it is not counted.</summary>
    public NoShowRecord? TakeBack(Guid appointmentId)
    {
        if (!Counted.Contains(appointmentId)) return null;
        var counted = new HashSet<Guid>(Counted);
        counted.Remove(appointmentId);
        return BlacklistedBy == appointmentId ? new(counted, null, null) : this with { Counted = counted };
    }
}
