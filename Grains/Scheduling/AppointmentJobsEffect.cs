using Realtime.Grains.Appointments.Effects;
using Realtime.Grains.Caching;
using Realtime.Grains.Domain.Scheduling;

namespace Realtime.Grains.Scheduling;

/// <summary>
/// Re-plans an appointment's reminder and after-end check after every recorded change, so each always carries the
/// current version: moved on reschedule, removed on cancel, no-show, completion or delete, put back on
/// restore. The plan is computed from the appointment as it is now, so a repeated or late delivery plans the same.
/// </summary>
public sealed class AppointmentJobsEffect(DefinitionCache definitions, IAppointmentJobs jobs, TimeProvider time) : IAppointmentEffect
{
    public async Task Apply(AppointmentChange change)
    {
        var appointment = change.Appointment;
        var plan = AppointmentJobPlan.None;
        if (!change.Deleted)
        {
            plan = AppointmentJobPlan.For(appointment, await definitions.LocationPolicy(appointment.LocationId), time.GetUtcNow());
        }
        await jobs.Plan(appointment.Id, appointment.Version, plan.RemindAt, plan.CloseAt);
    }
}
