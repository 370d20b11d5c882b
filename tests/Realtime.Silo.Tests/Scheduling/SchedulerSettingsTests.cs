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
            CheckinMisfireThreshold = TimeSpan.FromSeconds(2), InstanceId = null, BirthdayGreetingsCron = "0 0 * * * ?",
            BirthdayGreetingTime = new TimeOnly(9, 0),
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
            ["Realtime:Scheduler:BirthdayGreetingsCron"] = "0 30 * * * ?",
            ["Realtime:Scheduler:BirthdayGreetingTime"] = "10:30",
        }).Build();

        Assert.Equal(new SchedulerSettings
        {
            IdleWaitTime = TimeSpan.FromSeconds(5), CheckinInterval = TimeSpan.FromSeconds(3),
            CheckinMisfireThreshold = TimeSpan.FromSeconds(10), InstanceId = "silo-1", BirthdayGreetingsCron = "0 30 * * * ?",
            BirthdayGreetingTime = new TimeOnly(10, 30),
        }, SchedulerSettings.From(configuration));
    }

    [Fact]
    public void A_birthday_schedule_that_is_not_a_cron_expression_stops_the_start()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Realtime:Scheduler:BirthdayGreetingsCron"] = "every day at eight",
        }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => SchedulerSettings.From(configuration));
        Assert.Contains("BirthdayGreetingsCron", error.Message);
    }
}
