using Quartz;
using Realtime.Silo.Scheduling;

namespace Realtime.Silo.Tests.Scheduling;

/// <summary>A Postgres-mode silo stores the hourly retention job (what it deletes is tested with the grains).</summary>
public sealed class StorageRetentionJobTests(BirthdaySiloFixture silo) : IClassFixture<BirthdaySiloFixture>
{
    [Fact]
    public async Task The_hourly_job_is_stored_once_and_durably()
    {
        var trigger = Assert.IsAssignableFrom<ISimpleTrigger>(await silo.Scheduler.GetTrigger(StorageRetentionJob.TriggerKey));

        Assert.Equal(StorageRetentionJob.Interval, trigger.RepeatInterval);
        Assert.Equal(StorageRetentionJob.Key, trigger.JobKey);
        Assert.True((await silo.Scheduler.GetJobDetail(StorageRetentionJob.Key))!.Durable);
    }
}
