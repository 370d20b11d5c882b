using Microsoft.Extensions.DependencyInjection;
using Quartz;
using Realtime.Grains.Scheduling;

namespace Realtime.Silo.Scheduling;

/// <summary>
/// The appointments' triggers in the silo's Quartz scheduler: wanted ones are stored (replacing any with the same
/// key) in one call, unwanted ones removed in another. Works before the scheduler has started: it only writes the
/// store, and whichever node is running fires.
/// </summary>
internal sealed class QuartzAppointmentJobs([FromKeyedServices(RealtimeScheduler.Name)] IScheduler scheduler) : IAppointmentJobs
{
    public async Task Plan(Guid appointmentId, long version, DateTimeOffset? remindAt, DateTimeOffset? closeAt)
    {
        var wanted = new Dictionary<IJobDetail, IReadOnlyCollection<ITrigger>>();
        var unwanted = new List<TriggerKey>();
        Sort(AppointmentTriggers.ReminderJob, AppointmentTriggers.Reminder(appointmentId), remindAt);
        Sort(AppointmentTriggers.AfterEndJob, AppointmentTriggers.AfterEnd(appointmentId), closeAt);

        if (unwanted.Count > 0) await scheduler.UnscheduleJobs(unwanted);
        if (wanted.Count > 0) await scheduler.ScheduleJobs(wanted, ScheduleJobOptions.Replacing);

        void Sort(IJobDetail job, TriggerKey key, DateTimeOffset? fireAt)
        {
            if (fireAt is { } at) wanted[job] = [AppointmentTriggers.Build(key, job, appointmentId, version, at)];
            else unwanted.Add(key);
        }
    }
}
