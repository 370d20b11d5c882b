using Microsoft.Extensions.Logging;

namespace Realtime.Grains.Scheduling;

/// <summary>
/// Stands in where the host registered no scheduler (grain test clusters, which call the appointment's
/// time-driven methods themselves): plans nothing, and says so once.
/// </summary>
internal sealed partial class UnscheduledAppointmentJobs(ILogger<UnscheduledAppointmentJobs> logger) : IAppointmentJobs, ILocationJobReplans
{
    private int warned;

    /// <summary>Nothing was planned, so nothing moves.</summary>
    public Task Replan(Guid organizationId, Guid locationId) => Task.CompletedTask;

    public Task Plan(Guid appointmentId, long version, DateTimeOffset? remindAt, DateTimeOffset? closeAt)
    {
        if (Interlocked.Exchange(ref warned, 1) == 0) LogNoScheduler();
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "No scheduler is registered in this host: appointment reminders and after-end checks are not planned.")]
    private partial void LogNoScheduler();
}
