using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans;
using Orleans.Runtime;
using Quartz;
using Realtime.Grains.Scheduling;
using Realtime.Silo.Hosting;

namespace Realtime.Silo.Scheduling;

/// <summary>
/// The silo's Quartz.NET scheduler for appointment reminders and after-end checks (DESIGN.md sections 3 and 7).
/// Postgres mode: the persistent AdoJobStore in clustered mode, on the silos' database, tables <c>qrtz_*</c> created
/// by Quartz itself, job data as System.Text.Json; every silo is one node. Memory mode: the in-memory store.
/// </summary>
public static class RealtimeScheduler
{
    /// <summary>The scheduler's name: its service key, and <c>sched_name</c> in the tables of every node.</summary>
    public const string Name = "appointments";

    /// <summary>Prefix of Quartz's tables (lowercase: the SQL names them unquoted).</summary>
    public const string TablePrefix = "qrtz_";

    /// <summary>
    /// Registers the scheduler, its jobs (the appointments' due work, the daily birthday greetings, the re-plans of a
    /// location's appointments after a change of its policy and, in Postgres mode, the hourly
    /// <see cref="StorageRetentionJob"/>; built by the silo's container, so they reach its grain factory), the store of
    /// due work that every change plans into (<see cref="IAppointmentJobs"/>), and the scheduler's start and stop with
    /// the silo.
    /// </summary>
    public static IServiceCollection AddRealtimeScheduler(
        this IServiceCollection services, StorageMode mode, string? connectionString, SchedulerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.AddQuartz(Name, quartz =>
        {
            quartz.UseRealtimeJobStore(mode, connectionString, settings);
            quartz.AddJobType<DueWorkJob>();
            quartz.AddJobType<BirthdayGreetingsJob>();
            quartz.AddJobType<LocationReplanJob>();
            if (mode == StorageMode.Postgres) quartz.AddJobType<StorageRetentionJob>();
            if (mode == StorageMode.Postgres && settings.InstanceId is null)
            {
                quartz.UseInstanceIdGenerator<SiloInstanceIdGenerator>();
            }
        });
        services.RemoveAll<IAppointmentJobs>();
        if (mode == StorageMode.Postgres)
        {
            services.AddNpgsqlDataSource(connectionString!);
            services.AddSingleton<IDueWorkStore, PostgresDueWorkStore>();
        }
        else
        {
            services.AddSingleton<IDueWorkStore, InMemoryDueWorkStore>();
        }
        services.AddSingleton<IAppointmentJobs>(sp => sp.GetRequiredService<IDueWorkStore>());
        services.RemoveAll<ILocationJobReplans>();
        services.AddSingleton<ILocationJobReplans, LocationReplanJob.Scheduling>();
        services.AddSingleton(settings);
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => ActivatorUtilities.CreateInstance<SchedulerLifecycle>(sp, mode));
        return services;
    }

    /// <summary>
    /// The job store and timing every node of the cluster must share (also used by the tests' scheduler nodes).
    /// In Postgres mode a node's id is <see cref="SchedulerSettings.InstanceId"/>, or else generated.
    /// </summary>
    public static IQuartzBuilder UseRealtimeJobStore(
        this IQuartzBuilder quartz, StorageMode mode, string? connectionString, SchedulerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        quartz.ConfigureScheduler(options =>
        {
            options.IdleWaitTime = settings.IdleWaitTime;
            if (mode == StorageMode.Postgres && settings.InstanceId is { } instanceId) options.InstanceId = instanceId;
        });

        switch (mode)
        {
            case StorageMode.Postgres:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new ArgumentException("The scheduler in Postgres mode needs a PostgreSQL connection string.", nameof(connectionString));
                }
                quartz.UsePersistentStore(store =>
                {
                    store.UsePostgres(connectionString);
                    store.UseSystemTextJsonSerializer();
                    store.ConfigureStore(options => options.TablePrefix = TablePrefix);
                    store.ProvisionSchema();
                    store.UseClustering(cluster =>
                    {
                        cluster.CheckinInterval = settings.CheckinInterval;
                        cluster.CheckinMisfireThreshold = settings.CheckinMisfireThreshold;
                    });
                });
                break;
            case StorageMode.Memory:
                quartz.UseInMemoryStore();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(mode), mode, null);
        }
        return quartz;
    }
}
