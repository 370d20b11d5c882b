using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans;
using Quartz;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Projections;
using Realtime.Grains.Scheduling;

namespace Realtime.Silo.Scheduling;

/// <summary>
/// Re-plans the work of a location's Booked appointments that have not ended (<see cref="ILocationJobReplans"/>), as the
/// appointment list has them: asks each to plan its own again, a bounded number at a time. A one-off job
/// per location that requests recovery, so a node that dies meanwhile leaves it to another; a second change of the policy
/// while it runs replaces its trigger and runs it once more after (one at a time per location). Safe to run twice:
/// re-planning is idempotent.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class LocationReplanJob(
    IAppointmentReadModel appointments, IGrainFactory grains, TimeProvider time, ILogger<LocationReplanJob> logger) : IJob
{
    private const string Group = "location-replans";
    private const string OrganizationKey = "organizationId";
    private const string LocationKey = "locationId";
    private const int MaxCalls = 16;

    public static JobKey KeyFor(Guid locationId) => new(locationId.ToString(), Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var data = context.MergedJobDataMap;
        var locationId = Guid.Parse(data.GetString(LocationKey)!);
        var booked = await appointments.QueryAll(
            new AppointmentQuery(Guid.Parse(data.GetString(OrganizationKey)!))
            {
                LocationId = locationId,
                From = time.GetUtcNow(),
                Statuses = [AppointmentStatus.Booked],
            },
            cancellationToken);
        await Parallel.ForEachAsync(
            booked, new ParallelOptions { MaxDegreeOfParallelism = MaxCalls, CancellationToken = cancellationToken },
            async (appointment, _) => await grains.GetGrain<IAppointmentGrain>(appointment.Id).ReplanJobs());
        LogReplanned(locationId, booked.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-planned the reminders and after-end checks of {Count} appointments of location {LocationId}")]
    private partial void LogReplanned(Guid locationId, int count);

    /// <summary>Hands a location's re-plan to the scheduler, which runs it on one node of the cluster.</summary>
    public sealed class Scheduling([FromKeyedServices(RealtimeScheduler.Name)] IScheduler scheduler) : ILocationJobReplans
    {
        public async Task Replan(Guid organizationId, Guid locationId)
        {
            var key = KeyFor(locationId);
            var job = JobBuilder.Create<LocationReplanJob>()
                .WithIdentity(key)
                .UsingJobData(OrganizationKey, organizationId.ToString())
                .UsingJobData(LocationKey, locationId.ToString())
                .RequestRecovery()
                .Build();
            var trigger = TriggerBuilder.Create().ForJob(key).StartNow().Build();
            await scheduler.ScheduleJobs(
                new Dictionary<IJobDetail, IReadOnlyCollection<ITrigger>> { [job] = [trigger] }, ScheduleJobOptions.Replacing);
        }
    }
}
