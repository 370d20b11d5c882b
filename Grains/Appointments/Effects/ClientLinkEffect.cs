using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Clients;

namespace Realtime.Grains.Appointments.Effects;

/// <summary>Keeps the client's list of appointments and its no-show record (and blacklist, seed 000).</summary>
public sealed class ClientLinkEffect(IGrainFactory grains) : IAppointmentEffect
{
    public Task Apply(AppointmentChange change)
    {
        if (change.Appointment.ClientId is not { } clientId) return Task.CompletedTask;
        var client = grains.GetGrain<IClientGrain>(clientId);
        return change.Entry.Change switch
        {
            AppointmentChangeKind.Booked => client.LinkAppointment(change.Appointment.Id),
            AppointmentChangeKind.NoShow => client.RecordNoShow(change.Appointment.Id, change.Entry.Blacklist, change.Entry.Actor),
            _ => Task.CompletedTask,
        };
    }
}
