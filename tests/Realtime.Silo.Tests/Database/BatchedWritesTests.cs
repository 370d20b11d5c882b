using Npgsql;
using Realtime.Silo.Database;

namespace Realtime.Silo.Tests.Database;

public sealed class BatchedWritesTests
{
    [Fact]
    public async Task Writes_queued_while_a_batch_is_under_way_go_together_in_the_next()
    {
        var first = new TaskCompletionSource();
        var batches = new List<int[]>();
        await using var writes = new BatchedWrites<int>(async (items, _) =>
        {
            lock (batches) batches.Add([.. items]);
            if (items[0] == 0) await first.Task;
        });

        var under = writes.Write(0);
        await Eventually(() => batches.Count == 1);
        var queued = Enumerable.Range(1, 10).Select(writes.Write).ToArray();
        first.SetResult();
        await Task.WhenAll([under, .. queued]);

        Assert.Equal([[0], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]], batches);
    }

    [Fact]
    public async Task A_batch_PostgreSQL_refused_is_retried_one_write_at_a_time_so_only_the_bad_write_fails()
    {
        var gate = new TaskCompletionSource();
        await using var writes = new BatchedWrites<int>(async (items, _) =>
        {
            if (items[0] == 0) await gate.Task;
            if (items.Contains(5)) throw new PostgresException("value too long", "ERROR", "ERROR", "22001");
        });

        var under = writes.Write(0);
        var queued = Enumerable.Range(1, 9).Select(writes.Write).ToArray();
        gate.SetResult();
        await under;

        await Assert.ThrowsAsync<PostgresException>(() => Task.WhenAll(queued));
        Assert.Equal([5], queued.Select((write, i) => (write, item: i + 1)).Where(x => x.write.IsFaulted).Select(x => x.item));
    }

    [Fact]
    public async Task A_batch_lost_with_its_connection_fails_every_write_in_it_at_once()
    {
        var gate = new TaskCompletionSource();
        var calls = 0;
        await using var writes = new BatchedWrites<int>(async (items, _) =>
        {
            Interlocked.Increment(ref calls);
            if (items[0] == 0) { await gate.Task; return; }
            throw new NpgsqlException("Exception while reading from stream");
        });

        var under = writes.Write(0);
        await Eventually(() => Volatile.Read(ref calls) == 1);
        var queued = Enumerable.Range(1, 9).Select(writes.Write).ToArray();
        gate.SetResult();
        await under;

        await Assert.ThrowsAsync<NpgsqlException>(() => Task.WhenAll(queued));
        Assert.All(queued, write => Assert.True(write.IsFaulted));
        Assert.Equal(2, calls);
    }

    private static async Task Eventually(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition()) await Task.Delay(10, timeout.Token);
    }
}
