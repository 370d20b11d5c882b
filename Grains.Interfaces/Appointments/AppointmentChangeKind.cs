namespace Realtime.Grains.Interfaces.Appointments;

/// <summary>What a recorded change was; carried by history, feed events, webhooks and notifications.</summary>
public enum AppointmentChangeKind
{
    Booked, Rescheduled, Confirmed, Unconfirmed, Arrived, Completed, CompletionUndone, Cancelled, NoShow,
    MarkedPast, Restored, Updated, Deleted,

    /// <summary>The reminder became due (the scheduler's doing): the client is sent the reminder.</summary>
    Reminded,
}
