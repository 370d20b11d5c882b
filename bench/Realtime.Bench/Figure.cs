namespace Realtime.Bench;

/// <summary>A target and whether Realtime's figure met it.</summary>
public sealed record Target(string Text, bool Met);

/// <summary>One row of the report: Realtime's figure, the baseline's and the commit ceiling's where they exist.</summary>
public sealed record Figure(string Scenario, string Measure, double Realtime, double? Baseline = null, double? Ceiling = null, Target? Target = null);

/// <summary>Everything a run measured, and what it has to say about it.</summary>
public sealed class BenchResults
{
    public List<Figure> Figures { get; } = [];

    public List<string> Notes { get; } = [];

    public List<string> Missing { get; } = [];
}
