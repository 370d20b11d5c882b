using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Common;

namespace Realtime.Grains.Appointments.Effects;

/// <summary>A recorded change as its side effects see it: the appointment as it is now, what the change was and who made it.</summary>
public sealed record AppointmentChange(AppointmentView Appointment, bool Deleted, OutboxEntry Entry, Actor Actor);

/// <summary>
/// A side effect of a recorded change (client link, projection, feed, jobs, notifications). Called at least once
/// per change, in version order, so it must be idempotent by appointment id and version.
/// </summary>
public interface IAppointmentEffect
{
    Task Apply(AppointmentChange change);
}
