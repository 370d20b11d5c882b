using Microsoft.Extensions.Logging;
using Npgsql;
using Quartz;
using Realtime.Grains.Access;
using Realtime.Grains.Domain.Access;

namespace Realtime.Silo.Scheduling;

/// <summary>
/// Forgets what the grain storage keeps only for a while, so that it does not grow for good: Idempotency-Keys past
/// their retention (<see cref="IdempotencyKeys.Retention"/>; such a key already counts as unused), and used client
/// links past their expiry (which refuses them anyway). Runs every <see cref="Interval"/> on one node; deletes in small
/// batches so that no statement holds many rows at once.
/// </summary>
/// <remarks>
/// The cut-offs are taken from PostgreSQL's clock because the storage stamps <c>modifiedon</c> with it. A key's row is
/// last written after it was first seen, so a row older than the retention is a key older than the retention. A link's
/// row is kept for <see cref="ClockMargin"/> past its expiry, as the nodes that check the expiry read other clocks. An
/// activation that still holds a deleted row in memory answers from memory; its next write finds the row gone, is
/// refused, and the grain reloads.
/// </remarks>
[DisallowConcurrentExecution]
public sealed partial class StorageRetentionJob(NpgsqlDataSource dataSource, ILogger<StorageRetentionJob> logger) : IJob
{
    public static readonly JobKey Key = new("storage-retention", "maintenance");

    public static readonly TriggerKey TriggerKey = new("storage-retention", "maintenance");

    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    public static readonly TimeSpan ClockMargin = TimeSpan.FromHours(1);

    private const int BatchSize = 1000;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var keys = await ForgetExpiredIdempotencyKeys(cancellationToken);
        var links = await ForgetExpiredClientLinks(cancellationToken);
        if (keys + links > 0) LogForgotten(keys, links);
    }

    /// <returns>How many keys were forgotten.</returns>
    public Task<long> ForgetExpiredIdempotencyKeys(CancellationToken cancellationToken = default) =>
        DeleteInBatches(
            $"graintypestring IN ('{IdempotencyGrain.StateName}', '{IdempotencyGrain.FormerStateName}') AND modifiedon < now() - $1",
            IdempotencyKeys.Retention, cancellationToken);

    /// <returns>How many used links were forgotten.</returns>
    public Task<long> ForgetExpiredClientLinks(CancellationToken cancellationToken = default) =>
        DeleteInBatches(
            $"graintypestring = '{ClientLinkGrain.StateName}' "
            + $"AND (convert_from(payloadbinary, 'UTF8')::jsonb ->> '{nameof(ClientLinkState.ExpiresAt)}')::timestamptz < now() - $1",
            ClockMargin, cancellationToken);

    private async Task<long> DeleteInBatches(string condition, TimeSpan age, CancellationToken cancellationToken)
    {
        long forgotten = 0;
        int deleted;
        do
        {
            await using var command = dataSource.CreateCommand($"""
                DELETE FROM orleansstorage
                 WHERE ctid IN (SELECT ctid FROM orleansstorage WHERE {condition} LIMIT $2)
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = age });
            command.Parameters.Add(new NpgsqlParameter { Value = BatchSize });
            deleted = await command.ExecuteNonQueryAsync(cancellationToken);
            forgotten += deleted;
        }
        while (deleted == BatchSize && !cancellationToken.IsCancellationRequested);
        return forgotten;
    }

    public static Task EnsureScheduled(IScheduler scheduler, CancellationToken cancellationToken) =>
        RepeatingJobs.EnsureScheduled<StorageRetentionJob>(scheduler, Key, TriggerKey, Interval, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Forgot {Keys} Idempotency-Keys past their retention and {Links} used client links past their expiry.")]
    private partial void LogForgotten(long keys, long links);
}
