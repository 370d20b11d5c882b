using Realtime.Grains.Appointments.Effects;
using Realtime.Grains.Caching;
using Realtime.Grains.Domain.Scheduling;
using Realtime.Grains.Interfaces.Appointments;

namespace Realtime.Grains.Scheduling;

/// <summary>
/// Re-plans an appointment's reminder and after-end check after every recorded change, so each always carries the
/// current version: moved on reschedule, removed on cancel, no-show, completion or delete, put back on
/// restore. The plan is computed from the appointment as it is now, so a repeated or late delivery plans the same.
/// </summary>
public sealed class AppointmentJobsEffect(DefinitionCache definitions, IAppointmentJobs jobs, TimeProvider time) : IAppointmentEffect
{
    public Task Apply(AppointmentChange change) => Plan(change.Appointment, change.Deleted);

    /// <summary>Plans the appointment's work as it is now, under its location's policy now: also its re-plan after a change of that policy.</summary>
    public async Task Plan(AppointmentView appointment, bool deleted)
    {
        var plan = AppointmentJobPlan.None;
        if (!deleted)
        {
            plan = AppointmentJobPlan.For(appointment, await definitions.LocationPolicy(appointment.LocationId), time.GetUtcNow());
        }
        await jobs.Plan(appointment.Id, appointment.Version, plan.RemindAt, plan.CloseAt);
    }
}
