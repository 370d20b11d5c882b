namespace Realtime.Faults;

/// <summary>
/// How hard a run pushes: simulated clients, the tenant's size, how many silo kills and how far apart, and after
/// which kill PostgreSQL restarts. A restarted silo is up for at least <see cref="UpBeforeNextKill"/> before the other
/// one is killed, so that a kill measures one fault: a silo still starting takes over the grains slowly (its start-up
/// and first calls compete for the CPU), which is a second fault. An operation is retried until <see cref="RetryFor"/>
/// has passed, then abandoned.
/// </summary>
public sealed record FaultSettings(
    bool Quick, int Clients, int Resources, int BookingDays, int ProbeAppointments, int Kills, TimeSpan FirstKillAfter,
    TimeSpan KillInterval, TimeSpan UpBeforeNextKill, int PostgresRestartAfterKill, TimeSpan RetryFor, TimeSpan RecoveryLimit,
    TimeSpan SettleLimit)
{
    /// <summary>What the issue asks of a recovery: the grains of a killed silo serve again within this.</summary>
    public static readonly TimeSpan RecoveryTarget = TimeSpan.FromSeconds(5);

    /// <summary>CI's run: a few kills, well under a minute and a half with start-up and checks.</summary>
    public static readonly FaultSettings QuickRun = new(
        Quick: true, Clients: 8, Resources: 20, BookingDays: 2, ProbeAppointments: 40, Kills: 2,
        FirstKillAfter: TimeSpan.FromSeconds(3), KillInterval: TimeSpan.FromSeconds(6), UpBeforeNextKill: TimeSpan.FromSeconds(2),
        PostgresRestartAfterKill: 1,
        RetryFor: TimeSpan.FromSeconds(30), RecoveryLimit: TimeSpan.FromSeconds(30), SettleLimit: TimeSpan.FromSeconds(30));

    public static readonly FaultSettings Long = new(
        Quick: false, Clients: 16, Resources: 20, BookingDays: 3, ProbeAppointments: 90, Kills: 24,
        FirstKillAfter: TimeSpan.FromSeconds(10), KillInterval: TimeSpan.FromSeconds(12), UpBeforeNextKill: TimeSpan.FromSeconds(10),
        PostgresRestartAfterKill: 12,
        RetryFor: TimeSpan.FromSeconds(60), RecoveryLimit: TimeSpan.FromSeconds(60), SettleLimit: TimeSpan.FromSeconds(60));
}
