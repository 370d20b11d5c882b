using System.Globalization;
using System.Text;

namespace Realtime.Faults;

/// <summary>The campaign's report as Markdown: the run, the operations, the faults and their recovery times, the invariants.</summary>
public static class Summary
{
    public static string Markdown(
        FaultSettings settings, Machine machine, DateTimeOffset started, TimeSpan duration, IReadOnlyCollection<Operation> operations,
        Faults faults, IReadOnlyList<InvariantResult> invariants)
    {
        var text = new StringBuilder();
        text.AppendLine($"# Fault campaign ({(settings.Quick ? "quick" : "long")} mode)").AppendLine();
        text.AppendLine(Invariant($"- Date: {started:yyyy-MM-dd HH:mm} UTC; duration {duration.TotalSeconds:N0} s"));
        text.AppendLine(Invariant($"- Machine: {machine.Processors} CPUs ({machine.Cpu}), {machine.MemoryBytes / (1024.0 * 1024 * 1024):N1} GiB memory, {machine.OperatingSystem}, {machine.DotNet}; load average at the start {machine.LoadAverage}"));
        text.AppendLine(Invariant($"- System: two silo processes (`Realtime.Silo.dll`) and one API node co-hosting a silo (`Realtime.Api.dll`), PostgreSQL with fsync on"));
        text.AppendLine(Invariant($"- Load: {settings.Clients} clients booking, moving, cancelling and restoring on {settings.Resources} resources over {settings.BookingDays} days, retrying each operation for up to {settings.RetryFor.TotalSeconds:N0} s"));
        text.AppendLine();

        text.AppendLine("## Operations").AppendLine();
        text.AppendLine("| Operation | Acknowledged | Rejected (slot taken) | Refused | Abandoned | Retried | Attempts |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var kind in Enum.GetValues<OperationKind>())
        {
            var ofKind = operations.Where(o => o.Kind == kind).ToList();
            text.AppendLine(Invariant($"| {kind} | {Count(ofKind, Outcome.Acknowledged)} | {Count(ofKind, Outcome.Rejected)} | {Count(ofKind, Outcome.Refused)} | {Count(ofKind, Outcome.Abandoned)} | {ofKind.Count(o => o.Attempts > 1)} | {ofKind.Sum(o => o.Attempts)} |"));
        }
        text.AppendLine(Invariant($"| **All** | {Count(operations, Outcome.Acknowledged)} | {Count(operations, Outcome.Rejected)} | {Count(operations, Outcome.Refused)} | {Count(operations, Outcome.Abandoned)} | {operations.Count(o => o.Attempts > 1)} | {operations.Sum(o => o.Attempts)} |"));
        text.AppendLine();

        text.AppendLine("## Faults").AppendLine();
        var recoveries = faults.Kills.Where(k => k.Recovery is not null).Select(k => k.Recovery!.Value.TotalSeconds).ToList();
        text.AppendLine(Invariant($"- Silo kills (kill -9): {faults.Kills.Count}; serving again after each: median {Seconds(Percentiles.Of(recoveries, 0.5))}, max {Seconds(recoveries.DefaultIfEmpty(double.NaN).Max())}{(recoveries.Count < faults.Kills.Count ? $", {faults.Kills.Count - recoveries.Count} not within the limit" : "")}"));
        text.AppendLine(faults.PostgresRestart is { } restart
            ? Invariant($"- PostgreSQL restarts: 1 (`pg_ctl restart -m immediate`, after kill {restart.AfterKill}, {restart.Duration.TotalSeconds:N1} s)")
            : "- PostgreSQL restarts: 0");
        text.AppendLine();
        text.AppendLine(settings.Quick ? "| Kill | Silo | Serving again after | Restarted in |" : $"| Kill | Silo | Serving again after | Restarted in | Within {FaultSettings.RecoveryTarget.TotalSeconds:N0} s |");
        text.AppendLine(settings.Quick ? "|---:|---|---:|---:|" : "|---:|---|---:|---:|---|");
        foreach (var kill in faults.Kills)
        {
            var row = Invariant($"| {kill.Number} | {kill.Silo} | {(kill.Recovery is { } r ? Seconds(r.TotalSeconds) : "not recovered")} | {Seconds(kill.Restart.TotalSeconds)} |");
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

    private static int Count(IEnumerable<Operation> operations, Outcome outcome) => operations.Count(o => o.Outcome == outcome);

    private static string Seconds(double value) => double.IsNaN(value) ? "n/a" : Invariant($"{value:N2} s");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
