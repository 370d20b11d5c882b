using System.Globalization;
using Quartz;

namespace Realtime.Silo.Scheduling;

/// <summary>
/// The two durable jobs and the per-appointment triggers that fire them: <c>appointments.reminder/{id}/v{version}</c>
/// and <c>appointments.after-end/{id}/v{version}</c>, each carrying the appointment id and the version it was planned
/// for. A key per version makes planning a pure insert, which Quartz does without its cluster-wide lock; replacing a
/// trigger under a fixed key would take that lock for every booking (see <see cref="QuartzAppointmentJobs"/>).
/// </summary>
public static class AppointmentTriggers
{
    public const string Group = "appointments";
    public const string AppointmentIdKey = "appointmentId";
    public const string VersionKey = "version";

    /// <summary>A failed firing (a silo going down, a storage hiccup) is retried for about four hours.</summary>
    public static readonly RetryPolicy Retry = RetryPolicy.Exponential(
        maxAttempts: 30, initialDelay: TimeSpan.FromSeconds(2), factor: 2, maxDelay: TimeSpan.FromMinutes(10), jitter: 0.2);

    /// <summary>Re-run after a node died while running one: the grain methods they call are idempotent.</summary>
    public static readonly IJobDetail ReminderJob = JobBuilder.Create<AppointmentReminderJob>()
        .WithIdentity("reminder", Group).StoreDurably().RequestRecovery().Build();

    public static readonly IJobDetail AfterEndJob = JobBuilder.Create<AppointmentAfterEndJob>()
        .WithIdentity("after-end", Group).StoreDurably().RequestRecovery().Build();

    public static TriggerKey Reminder(Guid appointmentId, long version) => new($"reminder/{appointmentId}/v{version}", Group);

    public static TriggerKey AfterEnd(Guid appointmentId, long version) => new($"after-end/{appointmentId}/v{version}", Group);

    /// <summary>A one-shot trigger; a missed (or past) fire time fires as soon as a node can.</summary>
    public static ITrigger Build(TriggerKey key, IJobDetail job, Guid appointmentId, long version, DateTimeOffset fireAt) =>
        TriggerBuilder.Create()
            .WithIdentity(key)
            .ForJob(job)
            // Strings: a persistent store's JSON gives Guid back as a string and a long as an int.
            .UsingJobData(AppointmentIdKey, appointmentId.ToString())
            .UsingJobData(VersionKey, version.ToString(CultureInfo.InvariantCulture))
            .StartAt(fireAt)
            .WithSimpleSchedule(schedule => schedule.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .WithRetryPolicy(Retry)
            .Build();

    /// <summary>
    /// The appointment and version a firing was planned for; none when a recovered firing (re-run after its node died)
    /// found its trigger already removed — by the very change that firing had made.
    /// </summary>
    public static (Guid AppointmentId, long Version)? Read(JobDataMap data) =>
        Text(data, AppointmentIdKey) is { } id && Guid.TryParse(id, out var appointmentId)
        && Text(data, VersionKey) is { } text && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var version)
            ? (appointmentId, version)
            : null;

    private static string? Text(JobDataMap data, string key) =>
        data.TryGetValue(key, out var value) ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;
}
