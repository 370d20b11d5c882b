using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using Quartz;

namespace Realtime.Silo.Scheduling;

/// <summary>
/// Runs the scheduler with the silo: it starts firing once the silo is active (so a firing's grain call can be
/// served) and stops, letting running firings finish, before the silo leaves the cluster. In Postgres mode a node
/// that dies instead is noticed by the others within <see cref="SchedulerSettings.CheckinMisfireThreshold"/>, and
/// they fire its triggers (and re-run the firings it had running). The appointments' two durable jobs are stored
/// before the silo serves grain calls, since planning a trigger only inserts it against them.
/// </summary>
internal sealed partial class SchedulerLifecycle(
    [FromKeyedServices(RealtimeScheduler.Name)] IScheduler scheduler,
    SchedulerSettings settings,
    SupersededTriggers superseded,
    ILogger<SchedulerLifecycle> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource stopping = new();
    private Task sweeping = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle)
    {
        lifecycle.Subscribe(nameof(SchedulerLifecycle), ServiceLifecycleStage.ApplicationServices, StoreJobs);
        lifecycle.Subscribe(nameof(SchedulerLifecycle), ServiceLifecycleStage.Active, Start, Stop);
    }

    private async Task StoreJobs(CancellationToken cancellationToken)
    {
        await scheduler.AddJob(AppointmentTriggers.ReminderJob, AddJobOptions.Replacing, cancellationToken);
        await scheduler.AddJob(AppointmentTriggers.AfterEndJob, AddJobOptions.Replacing, cancellationToken);
    }

    private async Task Start(CancellationToken cancellationToken)
    {
        sweeping = superseded.Run(stopping.Token);
        await BirthdayGreetingsJob.EnsureScheduled(scheduler, settings.BirthdayGreetingsCron, cancellationToken);
        await scheduler.Start(cancellationToken);
        LogStarted(scheduler.SchedulerName, scheduler.SchedulerInstanceId);
    }

    private async Task Stop(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        await sweeping;
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
