using System.Collections.Concurrent;
using Realtime.Grains.Appointments.Effects;

namespace Realtime.Grains.Tests.Infrastructure;

/// <summary>Records the versions each appointment's side effects were handed, and fails once for chosen appointments.</summary>
public sealed class RecordingEffect : IAppointmentEffect
{
    public static readonly ConcurrentDictionary<Guid, ConcurrentQueue<long>> Delivered = new();
    public static readonly ConcurrentDictionary<Guid, bool> FailOnce = new();

    public Task Apply(AppointmentChange change)
    {
        var id = change.Appointment.Id;
        if (FailOnce.TryRemove(id, out _)) throw new InvalidOperationException("receiver unavailable");
        Delivered.GetOrAdd(id, _ => new ConcurrentQueue<long>()).Enqueue(change.Entry.Version);
        return Task.CompletedTask;
    }
}
