using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Hosting;
using Realtime.Grains.Appointments.Effects;
using Realtime.Grains.Caching;
using Realtime.Grains.Feeds;
using Realtime.Grains.Telemetry;
using Realtime.Grains.Waitlist;

namespace Realtime.Grains.Hosting;

public static class ServiceCollectionExtensions
{
    /// <summary>Services the grains depend on; a host may register its own <see cref="TimeProvider"/> first.</summary>
    public static IServiceCollection AddRealtimeGrains(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<RealtimeMetrics>();
        services.TryAddSingleton<DefinitionCache>();
        services.TryAddSingleton<DefinitionChanges>();
        services.AddGrainService<DefinitionCacheService>();
        services.TryAddSingleton<AppointmentEffects>();
        services.AddSingleton<IAppointmentEffect, ClientNoShowEffect>();
        return services;
    }

    /// <summary>Live front-desk feeds; register after the read-model projection (see <see cref="LocationFeedEffect"/>).</summary>
    public static IServiceCollection AddLocationFeed(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAppointmentEffect, LocationFeedEffect>());
        return services;
    }

    /// <summary>Waitlist offers of freed time and ASAP entries (see <see cref="WaitlistEffect"/>); needs the notification outbox.</summary>
    public static IServiceCollection AddWaitlist(this IServiceCollection services)
    {
        services.TryAddSingleton<OfferNotices>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAppointmentEffect, WaitlistEffect>());
        return services;
    }
}
