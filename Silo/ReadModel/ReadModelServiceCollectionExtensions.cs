using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Realtime.Grains.Appointments.Effects;
using Realtime.Grains.Projections;
using Realtime.Silo.Hosting;

namespace Realtime.Silo.ReadModel;

public static class ReadModelServiceCollectionExtensions
{
    /// <summary>
    /// Registers the appointment list for queries: one <see cref="IAppointmentReadModel"/> singleton per container —
    /// <see cref="PostgresAppointmentReadModel"/> (with a connection pool of its own) in Postgres mode,
    /// <see cref="InMemoryAppointmentReadModel"/> in Memory mode. Enough for an API process that is only a client of
    /// the cluster (Postgres mode; the silos write the list). Calling it again changes nothing.
    /// </summary>
    public static IServiceCollection AddAppointmentReadModel(this IServiceCollection services, StorageMode mode, string? connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        switch (mode)
        {
            case StorageMode.Postgres:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new ArgumentException(
                        "The appointment read model in Postgres mode needs a PostgreSQL connection string.", nameof(connectionString));
                }
                services.TryAddSingleton<IAppointmentReadModel>(_ => PostgresAppointmentReadModel.Create(connectionString));
                break;
            case StorageMode.Memory:
                services.TryAddSingleton<IAppointmentReadModel, InMemoryAppointmentReadModel>();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(mode), mode, null);
        }
        return services;
    }

    /// <summary>
    /// Registers the appointment list and the side effect that keeps it current (<see cref="AppointmentProjectionEffect"/>),
    /// for a silo. A process that co-hosts the silo and the API gets one read model, written by the effect and read
    /// by the endpoints. Calling it again changes nothing.
    /// </summary>
    public static IServiceCollection AddAppointmentProjection(this IServiceCollection services, StorageMode mode, string? connectionString)
    {
        services.AddAppointmentReadModel(mode, connectionString);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAppointmentEffect, AppointmentProjectionEffect>());
        return services;
    }
}
