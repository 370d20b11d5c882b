using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Realtime.Grains.Appointments.Effects;

namespace Realtime.Grains.Scheduling;

public static class SchedulingServiceCollectionExtensions
{
    /// <summary>
    /// Plans every appointment's reminder and after-end check (<see cref="AppointmentJobsEffect"/>); register after
    /// the feed. The plans go to the host's <see cref="IAppointmentJobs"/> (the silo's due work, run by its Quartz
    /// scheduler), and a change of a location's policy to its <see cref="ILocationJobReplans"/>; a host without them gets
    /// a stand-in that plans nothing.
    /// </summary>
    public static IServiceCollection AddAppointmentJobs(this IServiceCollection services)
    {
        services.TryAddSingleton<UnscheduledAppointmentJobs>();
        services.TryAddSingleton<IAppointmentJobs>(sp => sp.GetRequiredService<UnscheduledAppointmentJobs>());
        services.TryAddSingleton<ILocationJobReplans>(sp => sp.GetRequiredService<UnscheduledAppointmentJobs>());
        services.TryAddSingleton<AppointmentJobsEffect>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAppointmentEffect, AppointmentJobsEffect>(sp => sp.GetRequiredService<AppointmentJobsEffect>()));
        return services;
    }
}
