using Microsoft.Extensions.DependencyInjection;
using Quartz;
using Realtime.Grains.Scheduling;

namespace Realtime.Silo.Scheduling;

/// <summary>
/// The appointments' triggers in the silo's Quartz scheduler. Each version's triggers are inserted under keys of their
/// own, against the jobs stored once at start, so planning takes no cluster-wide lock and bookings do not queue behind
/// each other; the previous version's triggers are then handed to <see cref="SupersededTriggers"/>, which removes them
/// in batches. Works before the scheduler has started: it only writes the store, and whichever node is running fires.
/// </summary>
internal sealed class QuartzAppointmentJobs(
    [FromKeyedServices(RealtimeScheduler.Name)] IScheduler scheduler, SupersededTriggers superseded) : IAppointmentJobs
{
    public async Task Plan(Guid appointmentId, long version, DateTimeOffset? remindAt, DateTimeOffset? closeAt)
    {
        await Place(AppointmentTriggers.ReminderJob, AppointmentTriggers.Reminder(appointmentId, version), remindAt);
        await Place(AppointmentTriggers.AfterEndJob, AppointmentTriggers.AfterEnd(appointmentId, version), closeAt);
        if (version > 1)
        {
            superseded.Add(AppointmentTriggers.Reminder(appointmentId, version - 1));
            superseded.Add(AppointmentTriggers.AfterEnd(appointmentId, version - 1));
        }

        async Task Place(IJobDetail job, TriggerKey key, DateTimeOffset? fireAt)
        {
            if (fireAt is not { } at) return;
            try
            {
                await scheduler.ScheduleJob(AppointmentTriggers.Build(key, job, appointmentId, version, at));
            }
            catch (ObjectAlreadyExistsException)
            {
                // A repeated delivery of this version's change: its trigger is in place already.
            }
        }
    }
}
