using System.Threading.Channels;
using Npgsql;

namespace Realtime.Silo.Database;

/// <summary>
/// Writes that many callers make at once go to PostgreSQL together: one round trip and one commit for all the writes
/// queued while the previous batch was under way. Each caller's task completes when its own write is committed, or
/// fails with the reason. A batch that PostgreSQL refused (a <see cref="PostgresException"/>: one statement broke a
/// rule, and the batch's transaction was rolled back) is retried one write at a time, so one bad write fails only its
/// caller; any other failure (the connection, a timeout) fails the whole batch at once, rather than waiting for it
/// again once per write.
/// </summary>
public sealed class BatchedWrites<T> : IAsyncDisposable
{
    private readonly Func<IReadOnlyList<T>, CancellationToken, Task> write;
    private readonly int maxBatch;
    private readonly Channel<(T Item, TaskCompletionSource Done)> queue =
        Channel.CreateUnbounded<(T, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource stopping = new();
    private readonly Task writing;
    private int disposed;

    public BatchedWrites(Func<IReadOnlyList<T>, CancellationToken, Task> write, int maxBatch = 256)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        this.write = write;
        this.maxBatch = maxBatch;
        writing = Task.Run(Run);
    }

    public Task Write(T item)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!queue.Writer.TryWrite((item, done))) done.SetException(new ObjectDisposedException(nameof(BatchedWrites<T>)));
        return done.Task;
    }

    /// <summary>Stops writing; may be called more than once (a container disposes an instance it registered twice twice).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1) return;
        queue.Writer.TryComplete();
        await stopping.CancelAsync();
        await writing;
        stopping.Dispose();
    }

    private async Task Run()
    {
        var batch = new List<(T Item, TaskCompletionSource Done)>(maxBatch);
        while (await queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < maxBatch && queue.Reader.TryRead(out var queued)) batch.Add(queued);
            try
            {
                await write([.. batch.Select(b => b.Item)], stopping.Token);
                foreach (var (_, done) in batch) done.SetResult();
            }
            catch (PostgresException) when (batch.Count > 1)
            {
                foreach (var single in batch) await WriteOne(single);
            }
            catch (Exception ex)
            {
                foreach (var (_, done) in batch) done.SetException(ex);
            }
            batch.Clear();
        }
    }

    private async Task WriteOne((T Item, TaskCompletionSource Done) single)
    {
        try
        {
            await write([single.Item], stopping.Token);
            single.Done.SetResult();
        }
        catch (Exception ex)
        {
            single.Done.SetException(ex);
        }
    }
}
