using Realtime.Grains.Appointments.Effects;
using Realtime.Grains.Interfaces.Feeds;

namespace Realtime.Grains.Feeds;

/// <summary>
/// Tells the location's front desks. Registered after the read-model projection, so that a change with sequence N
/// is already in the read model when N is published: a snapshot taken after reading the position is never behind it.
/// </summary>
public sealed class LocationFeedEffect(IGrainFactory grains) : IAppointmentEffect
{
    public Task Apply(AppointmentChange change) =>
        grains.GetGrain<ILocationFeedGrain>(change.Appointment.LocationId).Publish(change.Appointment, change.Deleted);
}
