using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Clients;

namespace Realtime.Grains.Appointments.Effects;

/// <summary>
/// Keeps the client's no-show record (and blacklist, seed 000); counted once per appointment. Linking an appointment to
/// its clients is the appointment's own step (<see cref="AppointmentGrain"/>), as a client may refuse it.
/// </summary>
public sealed class ClientNoShowEffect(IGrainFactory grains) : IAppointmentEffect
{
    public Task Apply(AppointmentChange change) =>
        change.Entry.Change == AppointmentChangeKind.NoShow && change.Appointment.ClientId is { } clientId
            ? grains.GetGrain<IClientGrain>(clientId).RecordNoShow(change.Appointment.Id, change.Entry.Blacklist, change.Actor)
            : Task.CompletedTask;
}
