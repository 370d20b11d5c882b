using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.TestingHost;
using Realtime.Grains.Interfaces.Organizations;
using Realtime.Grains.Scheduling;
using Realtime.Silo.Hosting;
using Realtime.Testing;

namespace Realtime.Grains.Tests.Scheduling;

/// <summary>Two in-memory silos whose appointment triggers and location re-plans are recorded instead of scheduled.</summary>
public sealed class SchedulingClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(2);
        builder.AddSiloBuilderConfigurator<Silo>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>A chain whose location has the given policy.</summary>
    public async Task<Chain> Chain(LocationPolicy policy)
    {
        var chain = await Infrastructure.Chain.Create(Grains);
        await SetPolicy(chain, policy);
        return chain;
    }

    /// <summary>Gives the chain's location this policy, as a manager editing the location does.</summary>
    public async Task SetPolicy(Chain chain, LocationPolicy policy)
    {
        var location = Grains.GetGrain<ILocationGrain>(chain.LocationId);
        var definition = (await location.Get())!.Definition;
        Infrastructure.Chain.Ok(await location.Update(definition with { Policy = policy }));
    }

    private sealed class Silo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) =>
            siloBuilder.UseRealtimeStorage(StorageMode.Memory, null).Services
                .AddRealtimeSiloServices(StorageMode.Memory, null)
                .Replace(ServiceDescriptor.Singleton<IAppointmentJobs, RecordingAppointmentJobs>())
                .Replace(ServiceDescriptor.Singleton<ILocationJobReplans, RecordingLocationJobReplans>());
    }
}

/// <summary>Every plan handed to the scheduler, per appointment, in order.</summary>
public sealed class RecordingAppointmentJobs : IAppointmentJobs
{
    public static readonly ConcurrentDictionary<Guid, ConcurrentQueue<PlannedJobs>> Plans = new();

    /// <summary>The plan handed on for <paramref name="version"/>, once the appointment's effects got that far.</summary>
    public static async Task<PlannedJobs> For(Guid appointmentId, long version) =>
        (await Eventually.Value(
            () => Task.FromResult(Plans.TryGetValue(appointmentId, out var plans) ? plans.LastOrDefault() : null),
            plan => plan is not null && plan.Version >= version,
            $"the triggers of {appointmentId} v{version} are planned"))!;

    public Task Plan(Guid appointmentId, long version, DateTimeOffset? remindAt, DateTimeOffset? closeAt)
    {
        Plans.GetOrAdd(appointmentId, _ => new ConcurrentQueue<PlannedJobs>()).Enqueue(new PlannedJobs(version, remindAt, closeAt));
        return Task.CompletedTask;
    }
}

/// <summary>The re-plans handed to the scheduler, per location; the next one of a location can be made to fail, as when the scheduler's database is away.</summary>
public sealed class RecordingLocationJobReplans : ILocationJobReplans
{
    private static readonly ConcurrentDictionary<Guid, int> Handed = new();
    private static readonly ConcurrentDictionary<Guid, bool> Failing = new();

    public static int Count(Guid locationId) => Handed.GetValueOrDefault(locationId);

    public static void FailNext(Guid locationId) => Failing[locationId] = true;

    public Task Replan(Guid organizationId, Guid locationId)
    {
        if (Failing.TryRemove(locationId, out _)) throw new InvalidOperationException("The scheduler cannot be reached.");
        Handed.AddOrUpdate(locationId, 1, (_, count) => count + 1);
        return Task.CompletedTask;
    }
}

public sealed record PlannedJobs(long Version, DateTimeOffset? RemindAt, DateTimeOffset? CloseAt);

[CollectionDefinition(Name)]
public sealed class SchedulingClusterCollection : ICollectionFixture<SchedulingClusterFixture>
{
    public const string Name = "scheduling cluster";
}
