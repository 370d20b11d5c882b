using NodaTime;
using Realtime.Grains.Domain.Appointments;
using Realtime.Grains.Domain.Schedules;
using Realtime.Grains.Interfaces.Availability;
using Realtime.Grains.Interfaces.Resources;

namespace Realtime.Grains.Domain.Availability;

/// <summary>
/// A resource that may be offered: when it works at the location (instants, any order) and the time its calendar
/// holds (reservations, buffers included, any order, duplicates allowed), both covering the searched window.
/// </summary>
public sealed record SlotCandidate(
    Guid ResourceId, ResourceKind Kind, IReadOnlyList<TimeRange> WorkingTime, IReadOnlyList<TimeRange> Reservations);

/// <summary>
/// What to look for: starts inside <paramref name="AllowedStarts"/> (half-open) on the local clock of
/// <paramref name="TimeZoneId"/> at multiples of <paramref name="StepMinutes"/>; the visit's timing; one resource of
/// each of <paramref name="RequiredKinds"/>; and, when given, only slots with <paramref name="ResourceId"/>.
/// </summary>
public sealed record SlotSearch(
    string TimeZoneId,
    TimeRange AllowedStarts,
    AppointmentTiming Timing,
    IReadOnlyList<ResourceKind> RequiredKinds,
    Guid? ResourceId = null,
    int StepMinutes = AvailabilityRules.StepMinutes,
    int MaxSlots = AvailabilityRules.MaxSlots);

/// <summary>
/// Free slots, checked exactly as booking checks them: the visit [start, start + duration) lies inside one stretch of
/// each chosen resource's working time, and the occupied time [start - buffer before, end + buffer after) overlaps
/// none of its reservations.
/// </summary>
/// <remarks>
/// The choice of resources is deterministic: for each required kind (in the order given), the first free candidate of
/// that kind in the order of <c>candidates</c>; the asked resource stands for its own kind, or comes first when its
/// kind is not required. A service that needs no kind gets one resource: the first free one, staff before the rest.
/// </remarks>
public static class SlotFinder
{
    private const int MinutesPerDay = 24 * 60;

    public static AvailableSlot[] Find(SlotSearch search, IReadOnlyList<SlotCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(candidates);
        if (search.StepMinutes <= 0 || MinutesPerDay % search.StepMinutes != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(search), search.StepMinutes, "The step must divide a day into whole minutes.");
        }
        if (search.Timing.DurationMinutes <= 0 || search.MaxSlots <= 0 || search.AllowedStarts.Start >= search.AllowedStarts.End)
        {
            return [];
        }

        var prepared = candidates.Select(Prepared.Of).ToArray();
        if (Groups(search, prepared) is not { } groups)
        {
            return [];
        }

        var zone = TimeZones.Get(search.TimeZoneId);
        var slots = new List<AvailableSlot>();
        var chosen = new Guid[groups.Length];
        foreach (var start in AlignedStarts(zone, search.AllowedStarts, search.StepMinutes))
        {
            var visit = TimeRange.FromMinutes(start, search.Timing.DurationMinutes);
            var occupied = search.Timing.Occupied(start);
            if (!TryChoose(groups, visit, occupied, chosen))
            {
                continue;
            }

            var end = Instant.FromDateTimeOffset(visit.End).InZone(zone).ToDateTimeOffset();
            slots.Add(new AvailableSlot(start, end, [.. chosen]));
            if (slots.Count == search.MaxSlots)
            {
                break;
            }
        }

        return [.. slots];
    }

    /// <summary>
    /// Every instant in <paramref name="allowed"/> whose local time is a multiple of <paramref name="stepMinutes"/> after
    /// local midnight, ascending, in the local offset. Local times skipped by DST are left out; local times that occur
    /// twice are both offered (they are different instants).
    /// </summary>
    public static IEnumerable<DateTimeOffset> AlignedStarts(DateTimeZone zone, TimeRange allowed, int stepMinutes)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (allowed.Start >= allowed.End)
        {
            yield break;
        }

        var first = Instant.FromDateTimeOffset(allowed.Start);
        var end = Instant.FromDateTimeOffset(allowed.End);
        var lastDate = end.InZone(zone).Date;
        for (var date = first.InZone(zone).Date; date <= lastDate; date = date.PlusDays(1))
        {
            var starts = new List<ZonedDateTime>(MinutesPerDay / stepMinutes + 4);
            for (var minute = 0; minute < MinutesPerDay; minute += stepMinutes)
            {
                var mapping = zone.MapLocal(date + new LocalTime(minute / 60, minute % 60));
                if (mapping.Count >= 1) starts.Add(mapping.First());
                if (mapping.Count == 2) starts.Add(mapping.Last());
            }

            foreach (var start in starts.OrderBy(s => s.ToInstant()))
            {
                var instant = start.ToInstant();
                if (instant >= first && instant < end)
                {
                    yield return start.ToDateTimeOffset();
                }
            }
        }
    }

    /// <summary>Per resource slot of the answer, the candidates that may fill it, in order; null when one has none.</summary>
    private static Prepared[][]? Groups(SlotSearch search, Prepared[] candidates)
    {
        Prepared? asked = null;
        if (search.ResourceId is { } askedId)
        {
            asked = candidates.FirstOrDefault(c => c.ResourceId == askedId);
            if (asked is null) return null;
        }

        var kinds = search.RequiredKinds.Distinct().ToList();
        var groups = new List<Prepared[]>();
        if (asked is not null && !kinds.Contains(asked.Kind))
        {
            groups.Add([asked]);
        }
        else if (asked is null && kinds.Count == 0)
        {
            groups.Add([.. candidates.Where(c => c.Kind == ResourceKind.Staff), .. candidates.Where(c => c.Kind != ResourceKind.Staff)]);
        }

        foreach (var kind in kinds)
        {
            groups.Add(asked?.Kind == kind ? [asked] : [.. candidates.Where(c => c.Kind == kind && c != asked)]);
        }

        return groups.Any(g => g.Length == 0) ? null : [.. groups];
    }

    private static bool TryChoose(Prepared[][] groups, TimeRange visit, TimeRange occupied, Guid[] chosen)
    {
        for (var i = 0; i < groups.Length; i++)
        {
            var free = Array.Find(groups[i], c => c.IsFree(visit, occupied));
            if (free is null) return false;
            chosen[i] = free.ResourceId;
        }

        return true;
    }

    /// <summary>A candidate with its times sorted and merged, for binary search.</summary>
    private sealed class Prepared(Guid resourceId, ResourceKind kind, TimeRange[] working, TimeRange[] reserved)
    {
        public Guid ResourceId => resourceId;

        public ResourceKind Kind => kind;

        public static Prepared Of(SlotCandidate candidate) =>
            new(candidate.ResourceId, candidate.Kind, Merge(candidate.WorkingTime), Merge(candidate.Reservations));

        public bool IsFree(TimeRange visit, TimeRange occupied)
        {
            // The last working stretch starting at or before the visit must reach its end.
            var stretch = LastStartingAtOrBefore(working, visit.Start);
            if (stretch < 0 || working[stretch].End < visit.End) return false;

            // Reservations are merged, so only the last one starting before the occupied end can overlap it.
            var reservation = LastStartingAtOrBefore(reserved, occupied.End.AddTicks(-1));
            return reservation < 0 || !reserved[reservation].Overlaps(occupied);
        }

        private static int LastStartingAtOrBefore(TimeRange[] ranges, DateTimeOffset instant)
        {
            int low = 0, high = ranges.Length - 1, found = -1;
            while (low <= high)
            {
                var middle = low + (high - low) / 2;
                if (ranges[middle].Start <= instant)
                {
                    found = middle;
                    low = middle + 1;
                }
                else
                {
                    high = middle - 1;
                }
            }

            return found;
        }

        /// <summary>Sorted, with overlapping or touching ranges joined and empty ones dropped.</summary>
        private static TimeRange[] Merge(IEnumerable<TimeRange> ranges)
        {
            var merged = new List<TimeRange>();
            foreach (var next in ranges.Where(r => r.Start < r.End).OrderBy(r => r.Start))
            {
                if (merged.Count > 0 && next.Start <= merged[^1].End)
                {
                    if (next.End > merged[^1].End) merged[^1] = merged[^1] with { End = next.End };
                }
                else
                {
                    merged.Add(next);
                }
            }

            return [.. merged];
        }
    }
}
