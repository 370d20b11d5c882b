using Quartz;

namespace Realtime.Silo.Scheduling;

internal static class RepeatingJobs
{
    /// <summary>Stores a durable job and its repeating trigger unless they are there already with this interval.</summary>
    public static async Task EnsureScheduled<TJob>(
        IScheduler scheduler, JobKey jobKey, TriggerKey triggerKey, TimeSpan interval, CancellationToken cancellationToken)
        where TJob : IJob
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        if (await scheduler.GetTrigger(triggerKey, cancellationToken) is ISimpleTrigger { RepeatInterval: var current } && current == interval) return;

        var job = JobBuilder.Create<TJob>().WithIdentity(jobKey).StoreDurably().RequestRecovery().Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity(triggerKey)
            .ForJob(jobKey)
            .StartNow()
            .WithSimpleSchedule(schedule => schedule.WithInterval(interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
            .Build();
        await scheduler.ScheduleJobs(
            new Dictionary<IJobDetail, IReadOnlyCollection<ITrigger>> { [job] = [trigger] }, ScheduleJobOptions.Replacing, cancellationToken);
    }
}
