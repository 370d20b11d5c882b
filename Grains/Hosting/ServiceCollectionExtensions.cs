using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Realtime.Grains.Appointments.Effects;

namespace Realtime.Grains.Hosting;

public static class ServiceCollectionExtensions
{
    /// <summary>Services the grains depend on; a host may register its own <see cref="TimeProvider"/> first.</summary>
    public static IServiceCollection AddRealtimeGrains(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IAppointmentEffect, ClientLinkEffect>();
        return services;
    }
}
