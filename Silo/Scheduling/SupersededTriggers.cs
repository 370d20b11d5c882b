using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Realtime.Silo.Scheduling;

/// <summary>
/// Removes the triggers of appointment versions that a later change replaced, many per call: each removal takes
/// Quartz's cluster-wide lock, which one call per change would make every booking wait for. Losing some (a node dying
/// before its batch) is harmless: a superseded trigger that fires finds its version outdated and does nothing.
/// </summary>
internal sealed partial class SupersededTriggers(
    [FromKeyedServices(RealtimeScheduler.Name)] IScheduler scheduler, TimeProvider time, ILogger<SupersededTriggers> logger)
{
    private const int BatchSize = 1000;
    private static readonly TimeSpan Gathering = TimeSpan.FromMilliseconds(200);
    private readonly Channel<TriggerKey> keys = Channel.CreateUnbounded<TriggerKey>(new UnboundedChannelOptions { SingleReader = true });

    public void Add(TriggerKey key) => keys.Writer.TryWrite(key);

    /// <summary>Removes batches until <paramref name="stopping"/> fires.</summary>
    public async Task Run(CancellationToken stopping)
    {
        var batch = new List<TriggerKey>(BatchSize);
        try
        {
            while (await keys.Reader.WaitToReadAsync(stopping))
            {
                await Task.Delay(Gathering, time, stopping);
                while (batch.Count < BatchSize && keys.Reader.TryRead(out var key)) batch.Add(key);
                await Remove(batch, stopping);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: what is left fires as no-ops.
        }
    }

    private async Task Remove(List<TriggerKey> batch, CancellationToken stopping)
    {
        try
        {
            await scheduler.UnscheduleJobs(batch, stopping);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogNotRemoved(ex, batch.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remove {Count} superseded appointment triggers; they will fire as no-ops.")]
    private partial void LogNotRemoved(Exception exception, int count);
}
