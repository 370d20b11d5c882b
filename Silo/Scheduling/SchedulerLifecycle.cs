using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using Quartz;
using Realtime.Silo.Hosting;

namespace Realtime.Silo.Scheduling;

/// <summary>
/// Runs the scheduler with the silo: it starts firing once the silo is active (so a firing's grain call can be
/// served) and stops, letting running firings finish, before the silo leaves the cluster. In Postgres mode a node
/// that dies instead is noticed by the others within <see cref="SchedulerSettings.CheckinMisfireThreshold"/>, and
/// they fire its triggers (and re-run the firings it had running).
/// </summary>
internal sealed partial class SchedulerLifecycle(
    [FromKeyedServices(RealtimeScheduler.Name)] IScheduler scheduler,
    SchedulerSettings settings,
    StorageMode mode,
    ILogger<SchedulerLifecycle> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SchedulerLifecycle), ServiceLifecycleStage.Active, Start, Stop);

    private async Task Start(CancellationToken cancellationToken)
    {
        await DueWorkJob.EnsureScheduled(scheduler, settings.DueWorkInterval, cancellationToken);
        await BirthdayGreetingsJob.EnsureScheduled(scheduler, settings.BirthdayGreetingsCron, cancellationToken);
        if (mode == StorageMode.Postgres) await StorageRetentionJob.EnsureScheduled(scheduler, cancellationToken);
        await scheduler.Start(cancellationToken);
        LogStarted(scheduler.SchedulerName, scheduler.SchedulerInstanceId);
    }

    private async Task Stop(CancellationToken cancellationToken)
    {
        try
        {
            await scheduler.Shutdown(waitForJobsToComplete: true, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The silo stops regardless; what was running is re-run elsewhere (the jobs request recovery).
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduler '{Name}' started as instance '{InstanceId}'.")]
    private partial void LogStarted(string name, string instanceId);
}
