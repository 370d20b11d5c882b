using Realtime.Grains.Appointments.Effects;

namespace Realtime.Grains.Projections;

/// <summary>
/// Keeps the appointment list current. The outbox hands on every recorded change at least once and in version
/// order; the view it carries is the appointment as it is now (possibly ahead of the change), and
/// <see cref="IAppointmentReadModel.Apply"/> ignores anything not newer than what it holds. A failure throws, so
/// the outbox retries (also after a restart: the outbox is persisted with the appointment).
/// </summary>
public sealed class AppointmentProjectionEffect(IAppointmentReadModel readModel) : IAppointmentEffect
{
    public Task Apply(AppointmentChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return readModel.Apply(change.Appointment, change.Deleted, CancellationToken.None);
    }
}
