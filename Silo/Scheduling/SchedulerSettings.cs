using Microsoft.Extensions.Configuration;
using Quartz;

namespace Realtime.Silo.Scheduling;

/// <summary>
/// How quickly the scheduler notices work (configuration section <c>Realtime:Scheduler</c>). The defaults are the
/// tuning of DESIGN.md section 7: with Quartz's own (30 s / 7.5 s / 7.5 s) a trigger planned on another node waits up
/// to 30 s, and a dead node's triggers about 14 s; with these, a few seconds.
/// </summary>
public sealed record SchedulerSettings
{
    public const string Section = "Realtime:Scheduler";

    /// <summary>How long an idle node waits before looking for due triggers again (<c>IdleWaitTime</c>, at least 1 s).</summary>
    public TimeSpan IdleWaitTime { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a node records that it is alive (<c>CheckinInterval</c>).</summary>
    public TimeSpan CheckinInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long past a missed check-in the others take over a node's work (<c>CheckinMisfireThreshold</c>).</summary>
    public TimeSpan CheckinMisfireThreshold { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the appointments' due work (reminders, after-end checks) is looked for: at most this late.</summary>
    public TimeSpan DueWorkInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>This node's id in the cluster (<c>InstanceId</c>); by default the silo's address and generation.</summary>
    public string? InstanceId { get; init; }

    /// <summary>
    /// How often birthday greetings are looked for: a Quartz cron expression in UTC (default every hour, on the hour), so
    /// that each client is greeted soon after <see cref="BirthdayGreetingTime"/> on their own clock.
    /// </summary>
    public string BirthdayGreetingsCron { get; init; } = "0 0 * * * ?";

    /// <summary>The wall-clock time of a birthday, at the client's own location, from which its greeting goes out (default 09:00).</summary>
    public TimeOnly BirthdayGreetingTime { get; init; } = new(9, 0);

    public static SchedulerSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var defaults = new SchedulerSettings();
        return new SchedulerSettings
        {
            IdleWaitTime = section.GetValue(nameof(IdleWaitTime), defaults.IdleWaitTime),
            CheckinInterval = section.GetValue(nameof(CheckinInterval), defaults.CheckinInterval),
            CheckinMisfireThreshold = section.GetValue(nameof(CheckinMisfireThreshold), defaults.CheckinMisfireThreshold),
            DueWorkInterval = section.GetValue(nameof(DueWorkInterval), defaults.DueWorkInterval),
            InstanceId = string.IsNullOrWhiteSpace(section[nameof(InstanceId)]) ? null : section[nameof(InstanceId)],
            BirthdayGreetingsCron = BirthdayCron(section[nameof(BirthdayGreetingsCron)]) ?? defaults.BirthdayGreetingsCron,
            BirthdayGreetingTime = section.GetValue(nameof(BirthdayGreetingTime), defaults.BirthdayGreetingTime),
        };
    }

    private static string? BirthdayCron(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured)) return null;
        var cron = configured.Trim();
        return CronExpression.TryParse(cron, out _)
            ? cron
            : throw new InvalidOperationException($"{Section}:{nameof(BirthdayGreetingsCron)} '{cron}' is not a Quartz cron expression.");
    }
}
