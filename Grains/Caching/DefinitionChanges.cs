using Microsoft.Extensions.Logging;
using Orleans.Runtime.Services;
using Orleans.Services;

namespace Realtime.Grains.Caching;

/// <summary>Each silo's end of <see cref="DefinitionChanges"/>: empties that silo's <see cref="DefinitionCache"/>.</summary>
[Alias("realtime.definition-cache-service")]
public interface IDefinitionCacheService : IGrainService
{
    [Alias("forget")]
    Task Forget(Guid id);
}

[Reentrant]
public sealed class DefinitionCacheService(GrainId grainId, Silo silo, ILoggerFactory loggerFactory, DefinitionCache cache)
    : GrainService(grainId, silo, loggerFactory), IDefinitionCacheService
{
    public Task Forget(Guid id)
    {
        cache.Forget(id);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Tells every live silo that a cached definition changed. A grain calls <see cref="Changed"/> after writing the
/// change and before answering, so once it answers no node serves the old copy. A silo that does not answer is asked
/// again until it does or the cluster no longer counts it as active (a silo declared dead stops serving).
/// </summary>
public sealed class DefinitionChanges(
    IServiceProvider services, IClusterMembershipService membership, TimeProvider time, ILogger<DefinitionChanges> logger)
    : GrainServiceClient<IDefinitionCacheService>(services)
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan AskAgainAfter = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(1);

    /// <summary>
    /// <see cref="Changed"/> for a definition saved at <paramref name="version"/>: the first version needs no broadcast,
    /// since no node keeps anything for an id whose grain answered none.
    /// </summary>
    public Task Saved(Guid id, long version) => version > 1 ? Changed(id) : Task.CompletedTask;

    public async Task Changed(Guid id)
    {
        var told = new HashSet<SiloAddress>();
        var giveUpAt = time.GetUtcNow() + GiveUpAfter;
        while (true)
        {
            var untold = membership.CurrentSnapshot.Members.Values
                .Where(member => member.Status == SiloStatus.Active && !told.Contains(member.SiloAddress))
                .Select(member => member.SiloAddress)
                .ToList();
            if (untold.Count == 0) return;

            var asked = await Task.WhenAll(untold.Select(silo => Tell(silo, id)));
            told.UnionWith(asked.OfType<SiloAddress>());
            if (told.IsSupersetOf(untold)) continue;
            if (time.GetUtcNow() > giveUpAt)
            {
                // Bounded: each node's copy expires after DefinitionCache.Lifetime anyway.
                logger.LogError("Silos {Silos} did not forget the changed definition {Id}", string.Join(", ", untold.Except(told)), id);
                return;
            }

            await Task.Delay(AskAgainAfter, time);
        }
    }

    private async Task<SiloAddress?> Tell(SiloAddress silo, Guid id)
    {
        try
        {
            await GetGrainService(silo).Forget(id).WaitAsync(AskTimeout, time);
            return silo;
        }
        catch (Exception ex)
        {
            // Whatever the failure, the silo is asked again (or leaves the cluster): the change itself is already durable.
            logger.LogWarning(ex, "Silo {Silo} did not yet forget the changed definition {Id}", silo, id);
            return null;
        }
    }
}
