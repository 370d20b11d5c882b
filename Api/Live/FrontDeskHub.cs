using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Realtime.Api.Auth;
using Realtime.Api.Endpoints.Support;

namespace Realtime.Api.Live;

/// <summary>
/// Front desks watch locations here: <c>Watch(locationId)</c>, <c>Unwatch(locationId)</c>; the server sends
/// <c>appointmentChanged</c>, <c>holdChanged</c>, <c>scheduleChanged</c> (a resource's working time changed: reload),
/// <c>busyElsewhere</c> (a shown resource's time taken or freed at another location) and, when a feed restarted,
/// <c>feedReset</c>.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class FrontDeskHub(IGrainFactory grains, FeedSubscriptions feeds, KeyedConnections keyed) : Hub
{
    public const string Path = "/hubs/frontdesk";
    private const string WatchedKey = "watched";

    public static string Group(Guid locationId) => $"location:{locationId:N}";

    public async Task Watch(Guid locationId)
    {
        if (await grains.Location(Caller.From(Context.User!), locationId) is null) throw new HubException("not_found: The location was not found.");
        if (Watched.Contains(locationId)) return;
        // Counted as watched only once this node is subscribed: a failed Watch can be tried again, and a disconnect
        // does not give up another connection's subscription.
        await feeds.Watch(locationId);
        Watched.Add(locationId);
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(locationId));
    }

    public async Task Unwatch(Guid locationId)
    {
        if (!Watched.Remove(locationId)) return;
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, Group(locationId));
        await feeds.Unwatch(locationId);
    }

    public override Task OnConnectedAsync()
    {
        keyed.Opened(Caller.From(Context.User!).KeyId, Context);
        return Task.CompletedTask;
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        keyed.Closed(Caller.From(Context.User!).KeyId, Context.ConnectionId);
        foreach (var locationId in Watched) await feeds.Unwatch(locationId);
        await base.OnDisconnectedAsync(exception);
    }

    private HashSet<Guid> Watched =>
        Context.Items.TryGetValue(WatchedKey, out var watched) ? (HashSet<Guid>)watched! : (HashSet<Guid>)(Context.Items[WatchedKey] = new HashSet<Guid>());
}
