using Realtime.Grains.Domain.Notifications;

namespace Realtime.Silo.Scheduling;

/// <summary>The two kinds of time-driven work an appointment has; stored by name.</summary>
public enum DueWorkKind
{
    Reminder,
    AfterEnd,
}

/// <summary>One appointment's reminder or after-end check, planned for <paramref name="Version"/>, due at <paramref name="DueAt"/>.</summary>
public sealed record DueWork(Guid AppointmentId, DueWorkKind Kind, long Version, DateTimeOffset DueAt, int Attempts)
{
    private static readonly RetryPolicy Retries = new(int.MaxValue, TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(10));

    /// <summary>After a failed run (a silo going down, a storage hiccup): 2, 4, 8... seconds, at most ten minutes.</summary>
    public TimeSpan RetryDelay => Retries.BaseDelay(Attempts + 1);
}
