using Microsoft.AspNetCore.SignalR;
using Realtime.Grains.Caching;
using Realtime.Grains.Interfaces.Feeds;
using Realtime.Grains.Telemetry;

namespace Realtime.Api.Live;

/// <summary>
/// This node's subscriptions to the location feeds its own connections watch: one per location however many desks
/// watch it, renewed well within the feed's subscription lifetime. No backplane: every node hears every feed it needs.
/// </summary>
public sealed class FeedSubscriptions(
    IGrainFactory grains, DefinitionCache definitions, IHubContext<FrontDeskHub> hub, RealtimeMetrics metrics, TimeProvider time, ILogger<FeedSubscriptions> logger)
    : BackgroundService
{
    public static readonly TimeSpan Renewal = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Dictionary<Guid, Subscription> subscriptions = [];

    public async Task Watch(Guid locationId)
    {
        await gate.WaitAsync();
        try
        {
            if (!subscriptions.TryGetValue(locationId, out var subscription))
            {
                var relay = new FeedRelay(locationId, grains, definitions, hub, metrics, time);
                subscription = new Subscription(relay, grains.CreateObjectReference<ILocationFeedObserver>(relay));
                subscription.Epoch = (await Feed(locationId).Subscribe(subscription.Reference)).Epoch;
                subscriptions[locationId] = subscription;
            }
            else
            {
                // Desks come here when their node died, often with the feed's activation and so this node's subscription:
                // subscribe again now, not at the next renewal, so that they and the desks already here are live at once.
                await Resubscribe(locationId, subscription);
            }

            subscription.Watchers++;
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task Unwatch(Guid locationId)
    {
        await gate.WaitAsync();
        try
        {
            if (!subscriptions.TryGetValue(locationId, out var subscription) || --subscription.Watchers > 0) return;
            subscriptions.Remove(locationId);
            await Feed(locationId).Unsubscribe(subscription.Reference);
            grains.DeleteObjectReference<ILocationFeedObserver>(subscription.Reference);
            await subscription.Relay.DisposeAsync();
        }
        finally
        {
            gate.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Renewal);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await gate.WaitAsync(stoppingToken);
            try
            {
                foreach (var (locationId, subscription) in subscriptions) await Renew(locationId, subscription);
            }
            finally
            {
                gate.Release();
            }
        }
    }

    private async Task Renew(Guid locationId, Subscription subscription)
    {
        try
        {
            await Resubscribe(locationId, subscription);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not renew the feed subscription of location {LocationId}", locationId);
        }
    }

    /// <summary>A feed that restarted has forgotten its subscribers and may have published meanwhile: desks reload.</summary>
    private async Task Resubscribe(Guid locationId, Subscription subscription)
    {
        var position = await Feed(locationId).Subscribe(subscription.Reference);
        if (position.Epoch == subscription.Epoch) return;
        subscription.Epoch = position.Epoch;
        await hub.Clients.Group(FrontDeskHub.Group(locationId))
            .SendAsync("feedReset", new FeedResetMessage(locationId, position.Epoch, position.Sequence));
    }

    private ILocationFeedGrain Feed(Guid locationId) => grains.GetGrain<ILocationFeedGrain>(locationId);

    private sealed class Subscription(FeedRelay relay, ILocationFeedObserver reference)
    {
        public FeedRelay Relay { get; } = relay;

        public ILocationFeedObserver Reference { get; } = reference;

        public string? Epoch { get; set; }

        public int Watchers { get; set; }
    }
}
