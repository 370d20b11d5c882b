using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Realtime.Silo.Storage;

/// <summary>
/// Wakes the <see cref="PendingOutboxes"/> once this silo is active (the whole cluster may have been down) and again
/// whenever the cluster declares another silo dead (its activations died with it).
/// </summary>
public sealed partial class OutboxRecovery(
    IClusterMembershipService membership, ILocalSiloDetails silo, PendingOutboxes pending, ILogger<OutboxRecovery> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var knownDead = new HashSet<SiloAddress>();
        var woken = false;
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                if (!Wakes(snapshot, silo.SiloAddress, knownDead, woken)) continue;
                try
                {
                    await pending.WakeAsync(stoppingToken);
                    woken = true;
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogFailed(ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // Losing the watch must not take the silo down with it; a restart wakes everything again.
            LogFailed(ex);
        }
    }

    /// <summary>
    /// Whether this membership snapshot calls for a wake: the first time the local silo is active, and whenever a silo not
    /// seen dead before is dead. Remembers the dead in <paramref name="knownDead"/>.
    /// </summary>
    public static bool Wakes(ClusterMembershipSnapshot snapshot, SiloAddress local, HashSet<SiloAddress> knownDead, bool woken)
    {
        var newlyDead = snapshot.Members.Values.Count(m => m.Status == SiloStatus.Dead && knownDead.Add(m.SiloAddress));
        return snapshot.GetSiloStatus(local) == SiloStatus.Active && (!woken || newlyDead > 0);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look for appointments with side effects still to hand on.")]
    private partial void LogFailed(Exception exception);
}
