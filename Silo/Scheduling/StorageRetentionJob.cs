using Microsoft.Extensions.Logging;
using Npgsql;
using Quartz;
using Realtime.Grains.Domain.Access;

namespace Realtime.Silo.Scheduling;

/// <summary>
/// Forgets the Idempotency-Keys past their retention (<see cref="IdempotencyKeys.Retention"/>): such a key already
/// counts as unused, and without this every key ever sent would stay a row of the grain storage for good. Runs every
/// <see cref="Interval"/> on one node; deletes in small batches so that no statement holds many rows at once.
/// </summary>
/// <remarks>
/// The cut-off is taken from PostgreSQL's clock because the storage stamps <c>modifiedon</c> with it. A key's row is
/// last written after it was first seen, so a row older than the retention is a key older than the retention. An
/// activation that still holds a deleted key in memory answers from memory; its next write finds the row gone, is
/// refused, and the grain reloads.
/// </remarks>
[DisallowConcurrentExecution]
public sealed partial class StorageRetentionJob(NpgsqlDataSource dataSource, ILogger<StorageRetentionJob> logger) : IJob
{
    public static readonly JobKey Key = new("storage-retention", "maintenance");

    public static readonly TriggerKey TriggerKey = new("storage-retention", "maintenance");

    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    private const string StateName = "idempotency";
    private const int BatchSize = 1000;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var forgotten = await ForgetExpiredIdempotencyKeys(cancellationToken);
        if (forgotten > 0) LogForgotten(forgotten);
    }

    /// <returns>How many keys were forgotten.</returns>
    public async Task<long> ForgetExpiredIdempotencyKeys(CancellationToken cancellationToken = default)
    {
        long forgotten = 0;
        int deleted;
        do
        {
            await using var command = dataSource.CreateCommand("""
                DELETE FROM orleansstorage
                 WHERE ctid IN (SELECT ctid FROM orleansstorage
                                 WHERE graintypestring = $1 AND modifiedon < now() - $2
                                 LIMIT $3)
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = StateName });
            command.Parameters.Add(new NpgsqlParameter { Value = IdempotencyKeys.Retention });
            command.Parameters.Add(new NpgsqlParameter { Value = BatchSize });
            deleted = await command.ExecuteNonQueryAsync(cancellationToken);
            forgotten += deleted;
        }
        while (deleted == BatchSize && !cancellationToken.IsCancellationRequested);
        return forgotten;
    }

    public static Task EnsureScheduled(IScheduler scheduler, CancellationToken cancellationToken) =>
        RepeatingJobs.EnsureScheduled<StorageRetentionJob>(scheduler, Key, TriggerKey, Interval, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Forgot {Count} Idempotency-Keys past their retention.")]
    private partial void LogForgotten(long count);
}
