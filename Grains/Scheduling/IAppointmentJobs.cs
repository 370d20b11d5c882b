namespace Realtime.Grains.Scheduling;

/// <summary>
/// The time-driven jobs of appointments, held by a persistent scheduler: one reminder trigger and one after-end
/// trigger per appointment (DESIGN.md section 3, "Time-driven work"). A firing calls
/// <see cref="Interfaces.Appointments.IAppointmentGrain.RemindIfDue"/> or
/// <see cref="Interfaces.Appointments.IAppointmentGrain.CloseIfEnded"/> with the version it was planned for.
/// </summary>
public interface IAppointmentJobs
{
    /// <summary>
    /// Makes the appointment's triggers exactly these: each given instant (re)places its trigger, carrying
    /// <paramref name="version"/>; each <see langword="null"/> removes it. Idempotent, so it may be called again
    /// with the same arguments; an instant in the past fires at once.
    /// </summary>
    Task Plan(Guid appointmentId, long version, DateTimeOffset? remindAt, DateTimeOffset? closeAt);
}
