using Realtime.Grains.Domain.Clients;
using Realtime.Grains.Interfaces.Clients;

namespace Realtime.Grains.Appointments.Effects;

/// <summary>
/// Keeps the client's no-show record (and blacklist, seed 000): a no-show is counted once per appointment, and taken
/// back when the appointment leaves it (<see cref="NoShowRecord"/>). Linking an appointment to its clients is the
/// appointment's own step (<see cref="AppointmentGrain"/>), as a client may refuse it.
/// </summary>
public sealed class ClientNoShowEffect(IGrainFactory grains) : IAppointmentEffect
{
    public Task Apply(AppointmentChange change)
    {
        if (change.Appointment.ClientId is not { } clientId || NoShowRecord.Tells(change.Entry.Change, change.Appointment.History) is not { } noShow) return Task.CompletedTask;
        var client = grains.GetGrain<IClientGrain>(clientId);
        return noShow
            ? client.RecordNoShow(change.Appointment.Id, change.Entry.Blacklist, change.Actor)
            : client.TakeBackNoShow(change.Appointment.Id);
    }
}
