using Microsoft.Extensions.Logging;
using Quartz;
using Realtime.Grains.Notifications;

namespace Realtime.Silo.Scheduling;

/// <summary>
/// The daily birthday greetings (seed 004): queues the greetings of the day the firing was planned for, so a firing
/// that runs late (a misfire after downtime, or a recovery on another node) still greets that day's clients.
/// Queueing is idempotent, so a repeated firing greets no one twice.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class BirthdayGreetingsJob(BirthdayGreetings greetings, ILogger<BirthdayGreetingsJob> logger) : IJob
{
    public static readonly JobKey Key = new("birthday-greetings", "daily");

    public static readonly TriggerKey TriggerKey = new("birthday-greetings", "daily");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var day = DateOnly.FromDateTime((context.ScheduledFireTimeUtc ?? context.FireTimeUtc).UtcDateTime);
        var queued = await greetings.QueueBirthdayGreetings(day, cancellationToken);
        LogQueued(queued, day);
    }

    /// <summary>
    /// Stores the daily job and its cron trigger (in UTC) unless they are there already with that schedule. A trigger
    /// kept from before keeps its misfire state, so a day missed while every node was down is greeted at the next start.
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Queued {Count} birthday greetings for {Day}.")]
    private partial void LogQueued(int count, DateOnly day);
}
