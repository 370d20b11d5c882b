using Microsoft.Extensions.Logging;
using Orleans;
using Quartz;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Common;

namespace Realtime.Silo.Scheduling;

/// <summary>
/// Runs the appointments' due work (<see cref="IDueWorkStore"/>): every <see cref="SchedulerSettings.DueWorkInterval"/>
/// one node of the cluster reads what is due and hands each item to its appointment grain with the version it was
/// planned for, through the grain factory of the silo it runs in. Quartz runs it on one node at a time and, when that
/// node dies, on another. Safe to run twice: the grain acts only while the version is current and only once. A call
/// that fails is retried later with back-off; a refusal (the appointment is gone, or its state refuses) ends the work.
/// </summary>
/// <remarks>
/// Work is kept in a table of its own rather than as a Quartz trigger per appointment: Quartz stores each trigger with
/// several statements, and replacing or removing one takes its cluster-wide lock, so every booking paid for both.
/// </remarks>
[DisallowConcurrentExecution]
public sealed partial class DueWorkJob(IDueWorkStore store, IGrainFactory grains, TimeProvider time, ILogger<DueWorkJob> logger) : IJob
{
    public static readonly JobKey Key = new("due-work", "appointments");

    public static readonly TriggerKey TriggerKey = new("due-work", "appointments");

    private const int PageSize = 500;
    private static readonly ParallelOptions Calls = new() { MaxDegreeOfParallelism = 16 };

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<DueWork> due;
        do
        {
            due = await store.Due(time.GetUtcNow(), PageSize, cancellationToken);
            await Parallel.ForEachAsync(due, Calls, async (work, _) => await Run(work, cancellationToken));
        }
        while (due.Count == PageSize && !cancellationToken.IsCancellationRequested);
    }

    /// <summary>Stores the job and its repeating trigger unless they are there already with this interval.</summary>
    public static Task EnsureScheduled(IScheduler scheduler, TimeSpan interval, CancellationToken cancellationToken) =>
        RepeatingJobs.EnsureScheduled<DueWorkJob>(scheduler, Key, TriggerKey, interval, cancellationToken);

    private async Task Run(DueWork work, CancellationToken cancellationToken)
    {
        try
        {
            var appointment = grains.GetGrain<IAppointmentGrain>(work.AppointmentId);
            var result = work.Kind == DueWorkKind.Reminder
                ? await appointment.RemindIfDue(work.Version)
                : await appointment.CloseIfEnded(work.Version);
            if (result.Error is { } error) LogRefused(work.Kind, work.AppointmentId, work.Version, error.Code, error.Message);
            else LogRan(work.Kind, work.AppointmentId, work.Version, result.Value!.Version, result.Value.Status);
            await store.Done(work, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRetry(ex, work.Kind, work.AppointmentId, work.Version, work.RetryDelay);
            await store.Retry(work, time.GetUtcNow() + work.RetryDelay, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Kind} of appointment {AppointmentId} v{Version} refused: {Code} {Reason}")]
    private partial void LogRefused(DueWorkKind kind, Guid appointmentId, long version, string code, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Kind} of appointment {AppointmentId} v{Version} ran: the appointment is v{Current}, {Status}")]
    private partial void LogRan(DueWorkKind kind, Guid appointmentId, long version, long current, AppointmentStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Kind} of appointment {AppointmentId} v{Version} failed; retrying in {Delay}")]
    private partial void LogRetry(Exception exception, DueWorkKind kind, Guid appointmentId, long version, TimeSpan delay);
}
