using Realtime.Grains.Scheduling;

namespace Realtime.Silo.Scheduling;

/// <summary>
/// Where the appointments' time-driven work waits until it is due: planned by every change
/// (<see cref="IAppointmentJobs.Plan"/>; a newer version replaces an older one, never the other way round), read and
/// finished by <see cref="DueWorkJob"/>.
/// </summary>
public interface IDueWorkStore : IAppointmentJobs
{
    /// <summary>Work due at <paramref name="now"/>, earliest first, at most <paramref name="limit"/> items.</summary>
    Task<IReadOnlyList<DueWork>> Due(DateTimeOffset now, int limit, CancellationToken ct);

    /// <summary>Removes the work unless a newer version has been planned meanwhile.</summary>
    Task Done(DueWork work, CancellationToken ct);

    /// <summary>Runs the work again at <paramref name="at"/> (counting the attempt), unless a newer version has been planned meanwhile.</summary>
    Task Retry(DueWork work, DateTimeOffset at, CancellationToken ct);
}
