using Microsoft.Extensions.Logging;
using Quartz;
using Realtime.Grains.Notifications;

namespace Realtime.Silo.Scheduling;

/// <summary>
/// The birthday greetings (seed 004): queues those due at the instant the firing was planned for, each client read on
/// their own clock (<see cref="BirthdayGreetings"/>). A birthday is greeted at any firing from the greeting time to its midnight, so one missed while every
/// node was down is greeted at the next firing that day. Queueing is idempotent, so a repeated firing greets no one twice.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class BirthdayGreetingsJob(BirthdayGreetings greetings, SchedulerSettings settings, ILogger<BirthdayGreetingsJob> logger) : IJob
{
    public static readonly JobKey Key = new("birthday-greetings", "daily");

    public static readonly TriggerKey TriggerKey = new("birthday-greetings", "daily");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var at = context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
        var queued = await greetings.QueueBirthdayGreetings(at, settings.BirthdayGreetingTime, cancellationToken);
        LogQueued(queued, at);
    }

    /// <summary>
    /// Stores the job and its cron trigger (in UTC) unless they are there already with that schedule. A trigger kept
    /// from before keeps its misfire state, so a firing missed while every node was down runs at the next start.
    /// </summary>
    public static async Task EnsureScheduled(IScheduler scheduler, string cronExpression, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        var trigger = TriggerBuilder.Create()
            .WithIdentity(TriggerKey)
            .ForJob(Key)
            .WithCronSchedule(cronExpression, cron => cron.InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build();
        var existing = await scheduler.GetTrigger(TriggerKey, cancellationToken);
        if (existing is ICronTrigger { CronExpressionString: var current } && current == cronExpression) return;

        var job = JobBuilder.Create<BirthdayGreetingsJob>().WithIdentity(Key).StoreDurably().RequestRecovery().Build();
        await scheduler.ScheduleJobs(
            new Dictionary<IJobDetail, IReadOnlyCollection<ITrigger>> { [job] = [trigger] }, ScheduleJobOptions.Replacing, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Queued {Count} birthday greetings at {At}.")]
    private partial void LogQueued(int count, DateTimeOffset at);
}
