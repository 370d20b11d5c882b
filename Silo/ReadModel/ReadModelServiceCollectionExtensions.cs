using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Realtime.Grains.Appointments.Effects;
using Realtime.Grains.Projections;
using Realtime.Grains.Projections.Clients;
using Realtime.Silo.Hosting;
using Realtime.Silo.ReadModel.Clients;

namespace Realtime.Silo.ReadModel;

public static class ReadModelServiceCollectionExtensions
{
    /// <summary>
    /// Registers the appointment list for queries: one <see cref="IAppointmentReadModel"/> singleton per container —
    /// <see cref="PostgresAppointmentReadModel"/> (on the container's one <see cref="Npgsql.NpgsqlDataSource"/>) in Postgres mode,
    /// <see cref="InMemoryAppointmentReadModel"/> in Memory mode. Enough for an API process that is only a client of
    /// the cluster (Postgres mode; the silos write the list). Also registers the client list
    /// (<see cref="AddClientReadModel"/>), which reads its last appointment dates from this one. Calling it again
    /// changes nothing.
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
                services.AddNpgsqlDataSource(connectionString);
                services.TryAddSingleton<IAppointmentReadModel, PostgresAppointmentReadModel>();
                break;
            case StorageMode.Memory:
                services.TryAddSingleton<IAppointmentReadModel, InMemoryAppointmentReadModel>();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(mode), mode, null);
        }
        return services.AddClientReadModel(mode, connectionString);
    }

    /// <summary>
    /// Registers the appointment list and the side effect that keeps it current (<see cref="AppointmentProjectionEffect"/>),
    /// for a silo. A process that co-hosts the silo and the API gets one read model, written by the effect and read
    /// by the endpoints. Also registers the client list and its projection (<see cref="AddClientProjection"/>).
    /// Calling it again changes nothing.
    /// </summary>
    public static IServiceCollection AddAppointmentProjection(this IServiceCollection services, StorageMode mode, string? connectionString)
    {
        services.AddAppointmentReadModel(mode, connectionString);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAppointmentEffect, AppointmentProjectionEffect>());
        return services.AddClientProjection(mode, connectionString);
    }

    /// <summary>
    /// Registers the client list for queries: one <see cref="IClientReadModel"/> singleton per container —
    /// <see cref="PostgresClientReadModel"/> (on the container's one <see cref="Npgsql.NpgsqlDataSource"/>; it reads last appointment dates from
    /// <c>appointment_list</c> in the same database) in Postgres mode, <see cref="InMemoryClientReadModel"/> on the
    /// container's <see cref="IAppointmentReadModel"/> in Memory mode. Calling it again changes nothing.
    /// </summary>
    public static IServiceCollection AddClientReadModel(this IServiceCollection services, StorageMode mode, string? connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        switch (mode)
        {
            case StorageMode.Postgres:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new ArgumentException(
                        "The client read model in Postgres mode needs a PostgreSQL connection string.", nameof(connectionString));
                }
                services.AddNpgsqlDataSource(connectionString);
                services.TryAddSingleton<IClientReadModel, PostgresClientReadModel>();
                break;
            case StorageMode.Memory:
                services.TryAddSingleton<IClientReadModel>(sp => new InMemoryClientReadModel(sp.GetRequiredService<IAppointmentReadModel>()));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(mode), mode, null);
        }
        return services;
    }

    /// <summary>
    /// Registers the client list and the side effect that keeps it current (<see cref="ClientProjectionEffect"/>,
    /// called by the client grain after each recorded change), for a silo. Calling it again changes nothing.
    /// </summary>
    public static IServiceCollection AddClientProjection(this IServiceCollection services, StorageMode mode, string? connectionString)
    {
        services.AddClientReadModel(mode, connectionString);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IClientEffect, ClientProjectionEffect>());
        return services;
    }
}
