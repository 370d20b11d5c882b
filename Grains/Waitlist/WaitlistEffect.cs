using Realtime.Grains.Appointments.Effects;
using Realtime.Grains.Domain.Appointments;
using Realtime.Grains.Domain.Waitlist;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Waitlist;

namespace Realtime.Grains.Waitlist;

/// <summary>
/// Tells the waitlists of the appointment's services when it gives time up (cancelled, no-show, moved away) and keeps
/// their ASAP entries in step, the waitlists of services the change took off it included (they drop its entry): one
/// piece of news per waitlist, which stores it before answering (see <see cref="IWaitlistGrain.Hear"/>), so the change
/// counts as handed on only once every waitlist has it. A seat given up in a class that goes on is news for the waitlists
/// of the class's services too.
/// </summary>
public sealed class WaitlistEffect(IGrainFactory grains) : IAppointmentEffect
{
    public Task Apply(AppointmentChange change)
    {
        var appointment = change.Appointment;
        if (appointment.Kind != AppointmentKind.Appointment) return Task.CompletedTask;
        var freed = change.Entry.Freed;
        var freesTime = freed is not null
            && change.Entry.Change is AppointmentChangeKind.Cancelled or AppointmentChangeKind.NoShow or AppointmentChangeKind.Rescheduled
                or AppointmentChangeKind.Deleted;
        var asapMayChange = appointment.Asap || change.Entry.Change == AppointmentChangeKind.Updated;
        var freedSeat = change.Entry.Change == AppointmentChangeKind.SeatFreed && appointment.Status == AppointmentStatus.Booked
            && GroupSeats.SeatChangedIn(appointment, change.Entry.Version) is { } leaving
            ? new FreedSeat(appointment.OrganizationId, appointment.Id, leaving, appointment.Seats, appointment.ResourceIds, appointment.Start, appointment.End)
            : null;
        if (!freesTime && !asapMayChange && freedSeat is null) return Task.CompletedTask;

        var news = new WaitlistNews(
            appointment.Id,
            change.Entry.Version,
            freesTime
                ? new FreedSlot(appointment.OrganizationId, appointment.Id, appointment.ClientId, freed!.ResourceIds,
                    freed.Occupied.Start.AddMinutes(appointment.BufferBeforeMinutes), freed.Occupied)
                : null,
            asapMayChange ? new AsapChange(appointment, change.Deleted) : null,
            freedSeat);
        return Task.WhenAll(appointment.ServiceIds.Concat(change.Entry.LeftServiceIds ?? []).Select(serviceId =>
            grains.GetGrain<IWaitlistGrain>(WaitlistRules.Key(appointment.LocationId, serviceId)).Hear(news)));
    }
}
