namespace Realtime.Grains.Interfaces.Appointments;

public enum AppointmentStatus { Booked, Arrived, Completed, Cancelled, NoShow, Past }

public enum AppointmentKind { Appointment, Break }

/// <summary>
/// Who a cancellation was for. <see cref="ClientDeleted"/> is the appointment's own: a booking whose client was deleted
/// before it became theirs gives itself up (nobody asks for it).
/// </summary>
public enum CancellationReason { Business, Client, ClientDeleted }

/// <summary>Every staff or system action of the status table (DESIGN.md section 2).</summary>
public enum AppointmentAction
{
    Confirm, Unconfirm, Arrive, Complete, Cancel, NoShow, MarkPast, UndoCompletion, Restore, Reschedule, Update, Delete
}
