using System.Diagnostics;

namespace Realtime.Faults;

/// <summary>
/// A silo kill: which silo, how long until the membership table recorded it dead and until the probe's appointments all
/// answered again (null: not within the limit), and how long its restart took.
/// </summary>
public sealed record Kill(int Number, string Silo, TimeSpan? DeclaredDead, TimeSpan? Recovery, TimeSpan Restart);

/// <summary>The PostgreSQL restart: after which kill, and how long the restart command took.</summary>
public sealed record PostgresRestart(int AfterKill, TimeSpan Duration);

public sealed record Faults(IReadOnlyList<Kill> Kills, PostgresRestart? PostgresRestart);

/// <summary>
/// Kills the two silos in turn on a fixed schedule (kill -9, measure recovery with the probe, start it again), and
/// restarts PostgreSQL once (the command given, which stops it in immediate mode: a crash and recovery).
/// </summary>
public sealed class FaultInjector(Cluster cluster, RecoveryProbe probe, FaultSettings settings, string restartPostgres)
{
    public async Task<Faults> RunAsync()
    {
        var kills = new List<Kill>();
        PostgresRestart? postgresRestart = null;
        var schedule = Stopwatch.StartNew();
        var earliest = TimeSpan.Zero;
        for (var number = 1; number <= settings.Kills; number++)
        {
            var due = settings.FirstKillAfter + (number - 1) * settings.KillInterval;
            if (due < earliest) due = earliest;
            if (due > schedule.Elapsed) await Task.Delay(due - schedule.Elapsed);

            var silo = (number - 1) % cluster.SiloCount;
            var sinceKill = Stopwatch.StartNew();
            await cluster.KillSiloAsync(silo);
            var declaredDead = cluster.UntilDeclaredDeadAsync(silo, sinceKill, settings.RecoveryLimit);
            var recovery = await probe.UntilAllAnswerAsync(sinceKill, settings.RecoveryLimit);
            var restart = Stopwatch.StartNew();
            await cluster.RestartSiloAsync(silo);
            var restarted = restart.Elapsed;
            // The next kill takes the other silo: this one must have been up a while to take its grains over.
            earliest = schedule.Elapsed + settings.UpBeforeNextKill;
            var kill = new Kill(number, cluster.SiloName(silo), await declaredDead, recovery, restarted);
            kills.Add(kill);
            Console.WriteLine($"{DateTime.UtcNow.Add(-sinceKill.Elapsed):HH:mm:ss.fff} kill {number}/{settings.Kills} of {kill.Silo}: " +
                $"declared dead after {Seconds(kill.DeclaredDead)}, serving again after {Seconds(kill.Recovery)}, restarted in {Seconds(kill.Restart)}");

            if (number == settings.PostgresRestartAfterKill) postgresRestart = new PostgresRestart(number, await RestartPostgresAsync());
        }
        return new Faults(kills, postgresRestart);
    }

    private static string Seconds(TimeSpan? time) => time is { } t ? $"{t.TotalSeconds:N2} s" : "never";

    private async Task<TimeSpan> RestartPostgresAsync()
    {
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", restartPostgres } })
            ?? throw new InvalidOperationException($"Could not run {restartPostgres}.");
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{restartPostgres} exited with code {process.ExitCode}.");
        Console.WriteLine($"PostgreSQL restarted (immediate) in {clock.Elapsed.TotalSeconds:N1} s");
        return clock.Elapsed;
    }
}
