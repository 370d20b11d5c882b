using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Runtime;
using Quartz;
using Realtime.Silo.Hosting;
using Realtime.Silo.Scheduling;
using Realtime.Testing;

namespace Realtime.Silo.Tests;

/// <summary>A silo configured as the hosts configure it (<see cref="RealtimeSiloBuilderExtensions.ConfigureRealtimeSilo"/>).</summary>
public abstract class SiloFixture(string mode) : IAsyncLifetime
{
    private IHost host = null!;

    public PostgresDatabase? Database { get; private set; }

    public IServiceProvider Services => host.Services;

    public IGrainFactory Grains => host.Services.GetRequiredService<IGrainFactory>();

    public IScheduler Scheduler => host.Services.GetRequiredKeyedService<IScheduler>(RealtimeScheduler.Name);

    public SiloAddress SiloAddress => host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

    /// <summary>Settings a fixture adds to (or overrides in) the common ones.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [];

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Realtime:Storage"] = mode,
            ["Orleans:ClusterId"] = $"scheduling-{Guid.NewGuid():N}",
            ["Orleans:SiloPort"] = ApiNodeSettings.FreePort().ToString(),
            ["Orleans:GatewayPort"] = ApiNodeSettings.FreePort().ToString(),
            ["Orleans:AdvertisedIP"] = "127.0.0.1",
        };
        if (mode == nameof(StorageMode.Postgres))
        {
            Database = await PostgresDatabase.CreateAsync("scheduling_silo", applySchema: false);
            settings["ConnectionStrings:Postgres"] = Database.ConnectionString;
        }

        foreach (var (key, value) in ExtraSettings) settings[key] = value;
        host = SiloHosts.Build(settings);
        await host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
        if (Database is not null) await Database.DisposeAsync();
    }
}
