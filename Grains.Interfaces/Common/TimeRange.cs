namespace Realtime.Grains.Interfaces.Common;

/// <summary>A half-open span of instants [Start, End).</summary>
[GenerateSerializer, Immutable, Alias("realtime.time-range")]
public readonly record struct TimeRange(DateTimeOffset Start, DateTimeOffset End)
{
    public TimeSpan Length => End - Start;

    public bool Overlaps(TimeRange other) => Start < other.End && other.Start < End;

    public bool Contains(TimeRange other) => Start <= other.Start && other.End <= End;

    public static TimeRange FromMinutes(DateTimeOffset start, int durationMinutes) =>
        new(start, start.AddMinutes(durationMinutes));

    public override string ToString() => $"[{Start:O}, {End:O})";
}
