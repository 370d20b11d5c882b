using System.Collections.Concurrent;
using Realtime.Grains.Appointments.Effects;

namespace Realtime.Grains.Tests.Infrastructure;

/// <summary>
/// Records the versions each appointment's side effects were handed, and fails once, or until told otherwise, for chosen
/// appointments.
/// </summary>
public sealed class RecordingEffect : IAppointmentEffect
{
    public static readonly ConcurrentDictionary<Guid, ConcurrentQueue<long>> Delivered = new();
    public static readonly ConcurrentDictionary<Guid, bool> FailOnce = new();

    /// <summary>Appointments whose side effects fail until they are removed, with the number of attempts that failed.</summary>
    public static readonly ConcurrentDictionary<Guid, int> Failing = new();

    public Task Apply(AppointmentChange change)
    {
        var id = change.Appointment.Id;
        if (FailOnce.TryRemove(id, out _)) throw new InvalidOperationException("receiver unavailable");
        if (Failing.TryGetValue(id, out var failed) && Failing.TryUpdate(id, failed + 1, failed)) throw new InvalidOperationException("receiver unavailable");
        Delivered.GetOrAdd(id, _ => new ConcurrentQueue<long>()).Enqueue(change.Entry.Version);
        return Task.CompletedTask;
    }
}
