using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Realtime.Grains.Caching;
using Realtime.Grains.Interfaces.Access;

namespace Realtime.Api.Live;

/// <summary>
/// This node's hub connections by the API key that opened them. A key is checked when a connection opens, and the
/// server's pushes after that carry no key, so when a key changes (its grain has every node forget it before it answers)
/// the connections it opened are closed if it no longer works: a revoked key stops receiving the calendar at once, and
/// the page's reconnect is refused like any request of that key.
/// </summary>
public sealed class KeyedConnections : IDisposable
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, HubCallerContext>> byKey = new();
    private readonly DefinitionCache definitions;
    private readonly IGrainFactory grains;
    private readonly ILogger<KeyedConnections> logger;

    public KeyedConnections(DefinitionCache definitions, IGrainFactory grains, ILogger<KeyedConnections> logger)
    {
        this.definitions = definitions;
        this.grains = grains;
        this.logger = logger;
        definitions.Forgotten += KeyMayHaveChanged;
    }

    /// <summary>
    /// Keeps the connection under its key. The connection's authentication verified the key through this node's cache
    /// a moment ago; only if the cache has forgotten it since (a change, perhaps a revocation) is the key's grain asked,
    /// and aside, so that opening never waits on it (it may be moving after a node died).
    /// </summary>
    public void Opened(Guid keyId, HubCallerContext connection)
    {
        byKey.GetOrAdd(keyId, _ => new()).TryAdd(connection.ConnectionId, connection);
        if (!definitions.HoldsVerifiedKey(keyId)) _ = Task.Run(() => CloseIfStopped(keyId));
    }

    public void Closed(Guid keyId, string connectionId)
    {
        if (byKey.TryGetValue(keyId, out var connections) && connections.TryRemove(connectionId, out _) && connections.IsEmpty)
        {
            byKey.TryRemove(KeyValuePair.Create(keyId, connections));
        }
    }

    public void Dispose() => definitions.Forgotten -= KeyMayHaveChanged;

    private void KeyMayHaveChanged(Guid id)
    {
        // Off the caller's thread: the key's grain is still answering the change that raised this.
        if (byKey.ContainsKey(id)) _ = Task.Run(() => CloseIfStopped(id));
    }

    private async Task CloseIfStopped(Guid keyId)
    {
        try
        {
            if (await Works(keyId) || !byKey.TryGetValue(keyId, out var connections)) return;
            foreach (var connection in connections.Values) connection.Abort();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not check whether key {KeyId} still works; its live connections stay open", keyId);
        }
    }

    private async Task<bool> Works(Guid keyId) => await grains.GetGrain<IApiKeyGrain>(keyId).Get() is { IsActive: true };
}
