using System.Globalization;
using System.Text;

namespace Realtime.Bench;

/// <summary>Writes the results as the Markdown of BENCHMARKS.md (or of the quick run's report).</summary>
public static class Report
{
    /// <param name="limits">What limits Realtime, as profiled (<c>bench/limits.md</c>), appended to a full run's report.</param>
    public static string Markdown(
        BenchSettings settings, Machine machine, string postgres, DateTimeOffset started, BenchResults results, string? limits)
    {
        var text = new StringBuilder();
        text.AppendLine("# Benchmarks").AppendLine();
        text.AppendLine(settings.Quick
            ? "**Quick run**: small counts and short windows, to prove the harness works. Not for comparison."
            : "Full run. Regenerate with `bench/run.sh`.").AppendLine();
        if (machine.Busy)
        {
            text.AppendLine("**The machine was busy** (load average above its CPU count when the run started): these figures are noisy; repeat the run on a quiet machine.").AppendLine();
        }
        text.AppendLine(Invariant($"- Date: {started:yyyy-MM-dd HH:mm} UTC"));
        text.AppendLine(Invariant($"- Machine: {machine.Processors} CPUs ({machine.Cpu}), {machine.MemoryBytes / (1024.0 * 1024 * 1024):N1} GiB memory, {machine.OperatingSystem}; load average at the start {machine.LoadAverage}"));
        text.AppendLine($"- Software: {machine.DotNet}, {postgres}");
        text.AppendLine(Invariant($"- Method: Realtime (`Realtime.Api`, co-hosted silo) and the baseline (ASP.NET Core minimal API + Npgsql, one table with `EXCLUDE USING gist (resource_id WITH =, during WITH &&)`) run as separate processes on two databases of the same PostgreSQL server, one after the other, with the same work over HTTP from one harness process on the same machine, each after {settings.WarmUpLoad.TotalSeconds:N0} s of unmeasured bookings; pgbench commits a single-row INSERT per transaction on a third database of that server. Latency is client-side per request; rates count requests started after a {settings.WarmUp.TotalSeconds:N0} s warm-up and finished inside a {settings.Window.TotalSeconds:N0} s window (the uniform load's split into rounds, the systems taking turns; see its note)."));
        text.AppendLine();
        text.AppendLine("| Scenario | Measure | Realtime | Baseline | Realtime ÷ baseline | Ceiling (pgbench) | Realtime ÷ ceiling | Target | Met |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---|---|");
        foreach (var f in results.Figures)
        {
            text.AppendLine(string.Join(" | ",
                $"| {f.Scenario}", f.Measure, Number(f.Realtime), Number(f.Baseline), Ratio(f.Realtime, f.Baseline), Number(f.Ceiling),
                Ratio(f.Realtime, f.Ceiling), f.Target?.Text ?? "", f.Target is null ? "" : f.Target.Met ? "met" : "**missed**") + " |");
        }
        text.AppendLine();
        text.AppendLine("## Notes").AppendLine();
        foreach (var note in results.Notes) text.AppendLine($"- {note}");
        if (!settings.Quick && limits is not null) text.AppendLine().Append(limits);
        if (results.Missing.Count > 0)
        {
            text.AppendLine().AppendLine("## Not measured in this run").AppendLine();
            foreach (var missing in results.Missing) text.AppendLine($"- {missing}");
        }
        return text.ToString();
    }

    private static string Number(double? value) => value switch
    {
        null => "",
        double.NaN => "n/a",
        < 10 when value != Math.Floor(value.Value) => Invariant($"{value:N2}"),
        < 100 when value != Math.Floor(value.Value) => Invariant($"{value:N1}"),
        _ => Invariant($"{value:N0}"),
    };

    private static string Ratio(double value, double? other) =>
        other is > 0 && !double.IsNaN(value) ? Invariant($"{value / other:N2}×") : "";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
