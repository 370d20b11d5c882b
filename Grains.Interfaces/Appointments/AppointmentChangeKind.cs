namespace Realtime.Grains.Interfaces.Appointments;

/// <summary>What a recorded change was; carried by history, feed events, webhooks and notifications.</summary>
public enum AppointmentChangeKind
{
    Booked, Rescheduled, Confirmed, Unconfirmed, Arrived, Completed, CompletionUndone, Cancelled, NoShow,
    MarkedPast, Restored, Updated, Deleted,

    /// <summary>The reminder became due (the scheduler's doing): the client is sent the reminder.</summary>
    Reminded,

    /// <summary>A client took a seat in a group appointment; the history entry names them.</summary>
    SeatTaken,

    /// <summary>A client's seat in a group appointment was freed; the history entry names them.</summary>
    SeatFreed,
}
