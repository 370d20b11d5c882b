namespace Realtime.Harness;

public static class Percentiles
{
    /// <summary>The nearest-rank percentile (0 &lt; <paramref name="fraction"/> ≤ 1) of unsorted values; NaN when there are none.</summary>
    public static double Of(IReadOnlyCollection<double> values, double fraction)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(fraction * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}
