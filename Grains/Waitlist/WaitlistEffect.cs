using Realtime.Grains.Appointments.Effects;
using Realtime.Grains.Domain.Waitlist;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Waitlist;

namespace Realtime.Grains.Waitlist;

/// <summary>
/// Tells the waitlists of the appointment's services when it gives time up (cancelled, no-show, moved away) and keeps
/// their ASAP entries in step. One-way calls: an offer may come from the very change an accepted offer is making.
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
        if (!freesTime && !asapMayChange) return Task.CompletedTask;

        var calls = new List<Task>();
        foreach (var serviceId in appointment.ServiceIds)
        {
            var waitlist = grains.GetGrain<IWaitlistGrain>(WaitlistRules.Key(appointment.LocationId, serviceId));
            if (asapMayChange) calls.Add(waitlist.SyncAsap(appointment, change.Deleted));
            if (freesTime)
            {
                calls.Add(waitlist.SlotFreed(new FreedSlot(
                    appointment.OrganizationId, appointment.Id, appointment.ClientId, freed!.ResourceIds,
                    freed.Occupied.Start.AddMinutes(appointment.BufferBeforeMinutes), freed.Occupied)));
            }
        }

        return Task.WhenAll(calls);
    }
}
