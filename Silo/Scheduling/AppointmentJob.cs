using Microsoft.Extensions.Logging;
using Orleans;
using Quartz;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Common;

namespace Realtime.Silo.Scheduling;

/// <summary>
/// A firing: hands the appointment id and planned version to the appointment grain through the grain factory of the
/// silo this scheduler runs in. Safe to run twice (a recovered or retried firing): the grain acts only while the
/// version is current and only once. A failure (the call did not get through) is thrown, and Quartz retries it.
/// </summary>
public abstract partial class AppointmentJob(IGrainFactory grains, ILogger logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        if (AppointmentTriggers.Read(context.MergedJobDataMap) is not var (appointmentId, version))
        {
            LogNoData(Name, context.Recovering ? context.RecoveringTriggerKey?.ToString() : context.Trigger.Key.ToString());
            return;
        }

        var result = await Fire(grains.GetGrain<IAppointmentGrain>(appointmentId), version);
        if (result.Error is { } error)
        {
            // Nothing to retry: the appointment is gone, or its state refuses the action.
            LogRefused(Name, appointmentId, version, error.Code, error.Message);
        }
        else
        {
            LogFired(Name, appointmentId, version, result.Value!.Version, result.Value.Status);
        }
    }

    protected abstract string Name { get; }

    protected abstract Task<Result<AppointmentView>> Fire(IAppointmentGrain appointment, long version);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Job} firing of {Trigger} carries no appointment: its trigger is gone, nothing to do.")]
    private partial void LogNoData(string job, string? trigger);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Job} of appointment {AppointmentId} v{Version} refused: {Code} {Reason}")]
    private partial void LogRefused(string job, Guid appointmentId, long version, string code, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Job} of appointment {AppointmentId} v{Version} fired: the appointment is v{Current}, {Status}")]
    private partial void LogFired(string job, Guid appointmentId, long version, long current, AppointmentStatus status);
}

/// <summary>The reminder is due: the appointment records that it reminded (the notifications follow from that).</summary>
public sealed class AppointmentReminderJob(IGrainFactory grains, ILogger<AppointmentReminderJob> logger) : AppointmentJob(grains, logger)
{
    protected override string Name => "Reminder";

    protected override Task<Result<AppointmentView>> Fire(IAppointmentGrain appointment, long version) => appointment.RemindIfDue(version);
}

/// <summary>The appointment ended (plus grace) without an outcome: it becomes Past or NoShow.</summary>
public sealed class AppointmentAfterEndJob(IGrainFactory grains, ILogger<AppointmentAfterEndJob> logger) : AppointmentJob(grains, logger)
{
    protected override string Name => "After-end check";

    protected override Task<Result<AppointmentView>> Fire(IAppointmentGrain appointment, long version) => appointment.CloseIfEnded(version);
}
