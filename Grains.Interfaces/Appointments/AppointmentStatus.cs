namespace Realtime.Grains.Interfaces.Appointments;

public enum AppointmentStatus { Booked, Arrived, Completed, Cancelled, NoShow, Past }

public enum AppointmentKind { Appointment, Break }

public enum CancellationReason { Business, Client }

/// <summary>Every staff or system action of the status table (DESIGN.md section 2).</summary>
public enum AppointmentAction
{
    Confirm, Unconfirm, Arrive, Complete, Cancel, NoShow, MarkPast, UndoCompletion, Restore, Reschedule, Update, Delete
}
