using NodaTime;

namespace Realtime.Grains.Domain.Schedules;

/// <summary>Set operations on half-open instant intervals; every result is sorted, merged and non-overlapping.</summary>
internal static class InstantIntervals
{
    /// <summary>Union: sorts and joins intervals that overlap or touch.</summary>
    public static List<Interval> Merge(IEnumerable<Interval> intervals)
    {
        var merged = new List<Interval>();
        foreach (var next in intervals.OrderBy(i => i.Start))
        {
            if (merged.Count > 0 && next.Start <= merged[^1].End)
            {
                var last = merged[^1];
                if (next.End > last.End)
                {
                    merged[^1] = new Interval(last.Start, next.End);
                }
            }
            else
            {
                merged.Add(next);
            }
        }
        return merged;
    }

    /// <summary>Difference: the parts of <paramref name="from"/> not in <paramref name="remove"/> (both merged).</summary>
    public static List<Interval> Subtract(List<Interval> from, List<Interval> remove)
    {
        var result = new List<Interval>();
        foreach (var piece in from)
        {
            var cursor = piece.Start;
            foreach (var cut in remove)
            {
                if (cut.End <= cursor)
                {
                    continue;
                }
                if (cut.Start >= piece.End)
                {
                    break;
                }
                if (cut.Start > cursor)
                {
                    result.Add(new Interval(cursor, cut.Start));
                }
                cursor = cut.End;
                if (cursor >= piece.End)
                {
                    break;
                }
            }
            if (cursor < piece.End)
            {
                result.Add(new Interval(cursor, piece.End));
            }
        }
        return result;
    }

    /// <summary>Intersection with one window: the parts of <paramref name="intervals"/> (merged) inside it.</summary>
    public static List<Interval> Clip(List<Interval> intervals, Interval window)
    {
        var result = new List<Interval>();
        foreach (var interval in intervals)
        {
            var start = Instant.Max(interval.Start, window.Start);
            var end = Instant.Min(interval.End, window.End);
            if (start < end)
            {
                result.Add(new Interval(start, end));
            }
        }
        return result;
    }
}
