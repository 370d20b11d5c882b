using Microsoft.Extensions.Configuration;
using Realtime.Silo.Scheduling;

namespace Realtime.Silo.Tests.Scheduling;

public sealed class SchedulerSettingsTests
{
    [Fact]
    public void The_defaults_are_the_tuning_for_reminders_within_seconds()
    {
        var settings = SchedulerSettings.From(new ConfigurationBuilder().Build());

        Assert.Equal(new SchedulerSettings
        {
            IdleWaitTime = TimeSpan.FromSeconds(1), CheckinInterval = TimeSpan.FromSeconds(1),
            CheckinMisfireThreshold = TimeSpan.FromSeconds(2), InstanceId = null,
        }, settings);
    }

    [Fact]
    public void Every_setting_can_be_configured()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Realtime:Scheduler:IdleWaitTime"] = "00:00:05",
            ["Realtime:Scheduler:CheckinInterval"] = "00:00:03",
            ["Realtime:Scheduler:CheckinMisfireThreshold"] = "00:00:10",
            ["Realtime:Scheduler:InstanceId"] = "silo-1",
        }).Build();

        Assert.Equal(new SchedulerSettings
        {
            IdleWaitTime = TimeSpan.FromSeconds(5), CheckinInterval = TimeSpan.FromSeconds(3),
            CheckinMisfireThreshold = TimeSpan.FromSeconds(10), InstanceId = "silo-1",
        }, SchedulerSettings.From(configuration));
    }
}
