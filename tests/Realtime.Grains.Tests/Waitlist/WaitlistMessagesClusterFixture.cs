using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Realtime.Grains.Notifications;
using Realtime.Silo.Hosting;

namespace Realtime.Grains.Tests.Waitlist;

/// <summary>
/// One in-memory silo whose SMS channel is on, so that the waitlist's messages are queued in its outbox (nothing sends
/// them), and whose replies a test can lose (<see cref="LostReplies"/>). A fixture of the memory cluster's collection, as
/// tests that lose replies must not run side by side: which reply to lose is one setting for the whole process.
/// </summary>
public sealed class WaitlistMessagesClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public InMemoryNotificationOutbox Outbox =>
        ((InProcessSiloHandle)Cluster.Primary!).SiloHost.Services.GetRequiredService<InMemoryNotificationOutbox>();

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(1);
        builder.AddSiloBuilderConfigurator<Silo>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    private sealed class Silo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) =>
            siloBuilder.UseRealtimeStorage(StorageMode.Memory, null).AddIncomingGrainCallFilter<LostReplies>().Services
                .AddRealtimeSiloServices(StorageMode.Memory, null)
                .Configure<NotificationChannels>(channels => channels.Sms = true);
    }
}
