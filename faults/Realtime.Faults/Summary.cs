using System.Globalization;
using System.Text;

namespace Realtime.Faults;

/// <summary>The campaign's report as Markdown: the run, the operations, the faults and their recovery times, the invariants.</summary>
public static class Summary
{
    public static string Markdown(
        FaultSettings settings, Machine machine, DateTimeOffset started, TimeSpan duration, IReadOnlyCollection<Operation> operations,
        Faults faults, long outboxesWoken, IReadOnlyList<InvariantResult> invariants)
    {
        var text = new StringBuilder();
        text.AppendLine($"# Fault campaign ({(settings.Quick ? "quick" : "long")} mode)").AppendLine();
        if (machine.Busy)
        {
            text.AppendLine("**The machine was busy** (load average above its CPU count when the run started): recovery and restart times are inflated.").AppendLine();
        }
        text.AppendLine(Invariant($"- Date: {started:yyyy-MM-dd HH:mm} UTC; duration {duration.TotalSeconds:N0} s"));
        text.AppendLine(Invariant($"- Machine: {machine.Processors} CPUs ({machine.Cpu}), {machine.MemoryBytes / (1024.0 * 1024 * 1024):N1} GiB memory, {machine.OperatingSystem}, {machine.DotNet}; load average at the start {machine.LoadAverage}"));
        text.AppendLine(Invariant($"- System: two silo processes (`Realtime.Silo.dll`) and one API node co-hosting a silo (`Realtime.Api.dll`), PostgreSQL with fsync on"));
        text.AppendLine(Invariant($"- Load: {settings.Clients} clients booking, moving, cancelling and restoring on {settings.Resources} resources over {settings.BookingDays} days, retrying each operation for up to {settings.RetryFor.TotalSeconds:N0} s"));
        text.AppendLine();

        text.AppendLine("## Operations").AppendLine();
        text.AppendLine("| Operation | Acknowledged | Rejected (slot taken) | Refused | Abandoned | Retried | Replayed | Attempts |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var kind in Enum.GetValues<OperationKind>())
        {
            text.AppendLine(Row(kind.ToString(), [.. operations.Where(o => o.Kind == kind)]));
        }
        text.AppendLine(Row("**All**", operations));
        text.AppendLine();
        text.AppendLine(Invariant($"Every attempt of an operation carries its Idempotency-Key; \"replayed\" operations were answered with an earlier attempt's stored answer. Run again after a server error (whose answer the server does not store, so it had to recognise an earlier attempt, had one landed): {operations.Count(o => o.AfterServerError)}; of these refused though found done: {operations.Count(o => o is { FoundDone: true, AfterServerError: true })}."));
        text.AppendLine();

        text.AppendLine("## Faults").AppendLine();
        text.AppendLine(Invariant($"- Silo kills (kill -9): {faults.Kills.Count}; declared dead after {Spread(faults.Kills.Select(k => k.DeclaredDead))}; serving again after {Spread(faults.Kills.Select(k => k.Recovery))}"));
        text.AppendLine(faults.PostgresRestart is { } restart
            ? Invariant($"- PostgreSQL restarts: 1 (`pg_ctl restart -m immediate`, after kill {restart.AfterKill}, {restart.Duration.TotalSeconds:N1} s)")
            : "- PostgreSQL restarts: 0");
        text.AppendLine(Invariant($"- Outbox recovery (from the servers' logs): {outboxesWoken} appointments woken whose stored outbox held a change the list had not seen"));
        text.AppendLine();
        text.AppendLine("| Kill | Silo | Declared dead after | Serving again after | Restarted in |" + (settings.Quick ? "" : $" Within {FaultSettings.RecoveryTarget.TotalSeconds:N0} s |"));
        text.AppendLine("|---:|---|---:|---:|---:|" + (settings.Quick ? "" : "---|"));
        foreach (var kill in faults.Kills)
        {
            var row = Invariant($"| {kill.Number} | {kill.Silo} | {Seconds(kill.DeclaredDead)} | {Seconds(kill.Recovery)} | {Seconds(kill.Restart)} |");
            text.AppendLine(settings.Quick ? row : $"{row} {(kill.Recovery <= FaultSettings.RecoveryTarget ? "yes" : "**no**")} |");
        }
        text.AppendLine();

        text.AppendLine("## Invariants").AppendLine();
        text.AppendLine("| Invariant | Count | Counted | Result |");
        text.AppendLine("|---|---:|---|---|");
        foreach (var invariant in invariants)
        {
            text.AppendLine(Invariant($"| {invariant.Name} | {invariant.Count} | {invariant.Counted} | {(invariant.Holds ? "pass" : "**FAIL**")} |"));
        }
        return text.ToString();
    }

    /// <summary>Median and maximum of the times measured, and how many were not.</summary>
    private static string Spread(IEnumerable<TimeSpan?> times)
    {
        var all = times.ToList();
        var measured = all.OfType<TimeSpan>().Select(t => t.TotalSeconds).ToList();
        var missing = all.Count - measured.Count;
        return $"median {Seconds(Percentiles.Of(measured, 0.5))}, max {Seconds(measured.DefaultIfEmpty(double.NaN).Max())}" +
            (missing > 0 ? Invariant($", {missing} not within the limit") : "");
    }

    private static string Row(string name, IReadOnlyCollection<Operation> operations) => Invariant(
        $"| {name} | {Count(operations, Outcome.Acknowledged)} | {Count(operations, Outcome.Rejected)} | {Count(operations, Outcome.Refused)} | {Count(operations, Outcome.Abandoned)} | {operations.Count(o => o.Attempts > 1)} | {operations.Count(o => o.Replayed)} | {operations.Sum(o => o.Attempts)} |");

    private static int Count(IEnumerable<Operation> operations, Outcome outcome) => operations.Count(o => o.Outcome == outcome);

    private static string Seconds(double value) => double.IsNaN(value) ? "n/a" : Invariant($"{value:N2} s");

    private static string Seconds(TimeSpan? time) => time is { } t ? Seconds(t.TotalSeconds) : "not within the limit";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
