namespace Realtime.Bench;

/// <summary>What every scenario runs against: one PostgreSQL server, Realtime and the baseline on it, and pgbench's ceiling on it.</summary>
public sealed record BenchContext(
    BenchSettings Settings, PostgresServer Postgres, WalDump Wal, RealtimeSystem Realtime, BaselineSystem Baseline, CeilingResult Ceiling, BenchResults Results)
{
    /// <summary>Realtime first, then the baseline: the same work, one after the other.</summary>
    public IReadOnlyList<IBookingSystem> Systems => [Realtime, Baseline];

    /// <summary>
    /// Vacuums and analyzes every system's database: an autovacuum that earlier bookings set off would otherwise land in
    /// the WAL measured next, at random.
    /// </summary>
    public async Task VacuumAsync()
    {
        foreach (var system in Systems) await PostgresServer.ExecuteAsync(Postgres.ConnectionString(system.Database), "VACUUM (ANALYZE)");
    }
}
