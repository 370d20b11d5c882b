using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Clients;

namespace Realtime.Grains.Appointments.Effects;

/// <summary>
/// Keeps each client's list of appointments — the booking client's and every seat holder's of a group, so each sees it
/// in their profile — and the client's no-show record (and blacklist, seed 000). Linking again changes nothing.
/// </summary>
public sealed class ClientLinkEffect(IGrainFactory grains) : IAppointmentEffect
{
    public Task Apply(AppointmentChange change)
    {
        var appointment = change.Appointment;
        return change.Entry.Change switch
        {
            AppointmentChangeKind.Booked or AppointmentChangeKind.SeatTaken => Task.WhenAll(
                appointment.Seats.Concat(appointment.ClientId is { } booker ? [booker] : []).Distinct()
                    .Select(clientId => grains.GetGrain<IClientGrain>(clientId).LinkAppointment(appointment.Id))),
            AppointmentChangeKind.NoShow when appointment.ClientId is { } clientId =>
                grains.GetGrain<IClientGrain>(clientId).RecordNoShow(appointment.Id, change.Entry.Blacklist, change.Actor),
            _ => Task.CompletedTask,
        };
    }
}
