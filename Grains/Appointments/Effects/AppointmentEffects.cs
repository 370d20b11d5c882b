using System.Collections.Immutable;

namespace Realtime.Grains.Appointments.Effects;

/// <summary>
/// The registered effects in their order, resolved once per silo: resolving them for each appointment's activation
/// gave every appointment in memory an array of its own.
/// </summary>
public sealed class AppointmentEffects(IEnumerable<IAppointmentEffect> effects)
{
    public ImmutableArray<IAppointmentEffect> InOrder { get; } = [.. effects];
}
