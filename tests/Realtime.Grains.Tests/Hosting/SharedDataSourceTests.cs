using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Notifications;
using Realtime.Grains.Projections;
using Realtime.Grains.Projections.Clients;
using Realtime.Silo.Hosting;
using Realtime.Silo.Notifications;
using Realtime.Silo.ReadModel;
using Realtime.Silo.Scheduling;
using Realtime.Silo.Security;

namespace Realtime.Grains.Tests.Hosting;

/// <summary>
/// A Postgres-mode silo's own stores share one <see cref="NpgsqlDataSource"/>, owned by its container, so the process
/// has one pool of ours, bounded by the connection string's Maximum Pool Size.
/// </summary>
public sealed class SharedDataSourceTests
{
    private const string NoDatabase = "Host=127.0.0.1;Database=none";

    [Fact]
    public void Adding_the_silo_services_and_their_parts_again_registers_one_data_source()
    {
        var services = SiloServices(NoDatabase)
            .AddAppointmentReadModel(StorageMode.Postgres, NoDatabase)
            .AddNotifications(StorageMode.Postgres, NoDatabase)
            .AddClientLinks(StorageMode.Postgres, NoDatabase);

        var dataSource = Assert.Single(services, d => d.ServiceType == typeof(NpgsqlDataSource));
        Assert.Equal(ServiceLifetime.Singleton, dataSource.Lifetime);
    }

    [Fact]
    public async Task Every_store_waits_for_the_one_pool()
    {
        await using var database = await PostgresDatabase.CreateAsync("datasource");
        // One connection in all, given up after a second: a store with a pool of its own would not wait for it.
        var connectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString) { MaxPoolSize = 1, Timeout = 1 }.ConnectionString;
        await using var provider = SiloServices(connectionString).BuildServiceProvider();
        var stores = Stores(provider);

        await using (await provider.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync())
        {
            await Task.WhenAll(stores.Select(async store =>
            {
                var refused = await Assert.ThrowsAsync<NpgsqlException>(store);
                Assert.IsType<TimeoutException>(refused.InnerException);
            }));
        }

        foreach (var store in stores) await store();
    }

    [Fact]
    public async Task Disposing_the_container_disposes_the_data_source_with_the_stores_on_it()
    {
        var provider = SiloServices(NoDatabase).BuildServiceProvider();
        var dataSource = provider.GetRequiredService<NpgsqlDataSource>();
        Stores(provider); // created, so the container disposes them too

        await provider.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await dataSource.OpenConnectionAsync());
    }

    private static IServiceCollection SiloServices(string connectionString) =>
        new ServiceCollection()
            .AddRealtimeSiloServices(StorageMode.Postgres, connectionString)
            .AddRealtimeScheduler(StorageMode.Postgres, connectionString, SchedulerSettings.From(new ConfigurationBuilder().Build()));

    /// <summary>One read of each store of ours that touches PostgreSQL.</summary>
    private static Func<Task>[] Stores(IServiceProvider provider)
    {
        var organization = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        var appointments = provider.GetRequiredService<IAppointmentReadModel>();
        var clients = provider.GetRequiredService<IClientReadModel>();
        var outbox = provider.GetRequiredService<INotificationOutbox>();
        var birthdays = provider.GetRequiredService<IBirthdayClients>();
        var dueWork = provider.GetRequiredService<IDueWorkStore>();
        var keys = provider.GetRequiredService<PostgresXmlRepository>();
        return
        [
            () => appointments.ListForReports(organization, Guid.NewGuid(), new TimeRange(now, now.AddDays(1)), default),
            () => clients.Query(new ClientListQuery(organization), default),
            () => outbox.CountWaiting(default),
            () => birthdays.WithBirthdayOn(DateOnly.FromDateTime(now.UtcDateTime), default),
            () => dueWork.Due(now, 1, default),
            () => Task.Run(keys.GetAllElements),
        ];
    }
}
