using Npgsql;

namespace Realtime.Bench.Baseline;

/// <summary>Transient failures PostgreSQL reported and the service retried, counted for the benchmark report.</summary>
public sealed class RetryCounters
{
    public const string Deadlock = "40P01";
    public const string SerializationFailure = "40001";

    private long _deadlocks;
    private long _serializationFailures;

    public RetryStats Snapshot() => new(Interlocked.Read(ref _deadlocks), Interlocked.Read(ref _serializationFailures));

    /// <summary>True (and counted) when the error is one a retry may cure.</summary>
    public bool IsRetryable(PostgresException error)
    {
        switch (error.SqlState)
        {
            case Deadlock:
                Interlocked.Increment(ref _deadlocks);
                return true;
            case SerializationFailure:
                Interlocked.Increment(ref _serializationFailures);
                return true;
            default:
                return false;
        }
    }
}

public sealed record RetryStats(long Deadlocks, long SerializationFailures);
