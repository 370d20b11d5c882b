namespace Realtime.Grains.Scheduling;

/// <summary>
/// The time-driven work of appointments, kept durably by the host: at most one reminder and one after-end check per
/// appointment (DESIGN.md section 3, "Time-driven work"), run by its scheduler, which calls
/// <see cref="Interfaces.Appointments.IAppointmentGrain.RemindIfDue"/> or
/// <see cref="Interfaces.Appointments.IAppointmentGrain.CloseIfEnded"/> with the version they were planned for.
/// </summary>
public interface IAppointmentJobs
{
    /// <summary>
    /// Makes the appointment's work exactly this: each given instant (re)places its item, carrying
    /// <paramref name="version"/>; each <see langword="null"/> removes it; an older version never replaces a newer
    /// one, while the same version does (a re-plan after a change of the location's policy). Idempotent, so it may be
    /// called again with the same arguments; an instant in the past runs at once.
    /// </summary>
    Task Plan(Guid appointmentId, long version, DateTimeOffset? remindAt, DateTimeOffset? closeAt);
}

/// <summary>
/// Re-plans the work of a location's upcoming appointments once its policy changed what the times of that work depend
/// on (<see cref="Domain.Scheduling.AppointmentJobPlan.Replans"/>): each appointment plans its own again
/// (<see cref="Interfaces.Appointments.IAppointmentGrain.ReplanJobs"/>) under the one rule, in the background and
/// durably, since a location may have thousands of them and the request that changed the policy waits for none.
/// </summary>
public interface ILocationJobReplans
{
    Task Replan(Guid organizationId, Guid locationId);
}
