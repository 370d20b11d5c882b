using System.Collections.Concurrent;

namespace Realtime.Silo.Scheduling;

/// <summary>The due work of the in-memory demo mode, with the same rules as <see cref="PostgresDueWorkStore"/>.</summary>
public sealed class InMemoryDueWorkStore : IDueWorkStore
{
    private readonly ConcurrentDictionary<(Guid AppointmentId, DueWorkKind Kind), DueWork> work = new();

    public Task Plan(Guid appointmentId, long version, DateTimeOffset? remindAt, DateTimeOffset? closeAt)
    {
        Place(appointmentId, DueWorkKind.Reminder, version, remindAt);
        Place(appointmentId, DueWorkKind.AfterEnd, version, closeAt);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DueWork>> Due(DateTimeOffset now, int limit, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<DueWork>>([.. work.Values.Where(w => w.DueAt <= now).OrderBy(w => w.DueAt).Take(limit)]);

    public Task Done(DueWork work, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(work);
        this.work.TryRemove(new KeyValuePair<(Guid, DueWorkKind), DueWork>((work.AppointmentId, work.Kind), work));
        return Task.CompletedTask;
    }

    public Task Retry(DueWork work, DateTimeOffset at, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(work);
        this.work.TryUpdate((work.AppointmentId, work.Kind), work with { DueAt = at, Attempts = work.Attempts + 1 }, work);
        return Task.CompletedTask;
    }

    private void Place(Guid appointmentId, DueWorkKind kind, long version, DateTimeOffset? dueAt)
    {
        var key = (appointmentId, kind);
        if (dueAt is { } at)
        {
            var planned = new DueWork(appointmentId, kind, version, at, 0);
            work.AddOrUpdate(key, planned, (_, held) => held.Version <= version ? planned : held);
        }
        else if (work.TryGetValue(key, out var held) && held.Version <= version)
        {
            work.TryRemove(new KeyValuePair<(Guid, DueWorkKind), DueWork>(key, held));
        }
    }
}
