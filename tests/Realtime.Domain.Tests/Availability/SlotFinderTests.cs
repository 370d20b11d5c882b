using System.Globalization;
using Realtime.Grains.Domain.Appointments;
using Realtime.Grains.Domain.Availability;
using Realtime.Grains.Domain.Schedules;
using Realtime.Grains.Interfaces.Availability;
using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Interfaces.Resources;
using static Realtime.Domain.Tests.Schedules.ScheduleData;

namespace Realtime.Domain.Tests.Availability;

public sealed class SlotFinderTests
{
    private const string Utc = "Etc/UTC";
    private const string Warsaw = "Europe/Warsaw";

    private static readonly Guid Anna = Guid.Parse("a0000000-0000-4000-8000-000000000001");
    private static readonly Guid Piotr = Guid.Parse("a0000000-0000-4000-8000-000000000002");
    private static readonly Guid Room1 = Guid.Parse("b0000000-0000-4000-8000-000000000001");
    private static readonly Guid Room2 = Guid.Parse("b0000000-0000-4000-8000-000000000002");

    private static SlotCandidate Staff(Guid id, string working, string reserved = "") => new(id, ResourceKind.Staff, Ranges(working), Ranges(reserved));

    private static SlotCandidate Room(Guid id, string working, string reserved = "") => new(id, ResourceKind.Room, Ranges(working), Ranges(reserved));

    /// <summary>"HH:mm-HH:mm, ..." on 2026-06-01 UTC.</summary>
    private static TimeRange[] Ranges(string spec) =>
        spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('-'))
            .Select(p => new TimeRange(At(p[0]), At(p[1])))
            .ToArray();

    private static DateTimeOffset At(string hhmm) => Utc("2026-06-01T" + hhmm + "Z");

    private static SlotSearch Search(
        int minutes, int before = 0, int after = 0, ResourceKind[]? kinds = null, Guid? resource = null,
        string zone = Utc, TimeRange? starts = null, int step = 15, int max = 1000) =>
        new(zone, starts ?? new TimeRange(At("00:00"), At("23:59")), new AppointmentTiming(minutes, before, after),
            kinds ?? [ResourceKind.Staff], resource, step, max);

    private static string Starts(IEnumerable<AvailableSlot> slots) =>
        string.Join(" ", slots.Select(s => s.Start.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture)));

    [Fact]
    public void A_free_morning_offers_every_quarter_hour_whose_visit_ends_by_closing()
    {
        var slots = SlotFinder.Find(Search(60), [Staff(Anna, "09:00-12:00")]);

        Assert.Equal("09:00 09:15 09:30 09:45 10:00 10:15 10:30 10:45 11:00", Starts(slots));
        Assert.All(slots, s => Assert.Equal(TimeSpan.FromMinutes(60), s.End - s.Start));
        Assert.All(slots, s => Assert.Equal([Anna], s.ResourceIds));
    }

    [Fact]
    public void A_reservation_or_break_removes_every_start_whose_visit_would_overlap_it()
    {
        var slots = SlotFinder.Find(Search(60), [Staff(Anna, "09:00-12:00", reserved: "10:00-10:30")]);

        Assert.Equal("09:00 10:30 10:45 11:00", Starts(slots));
    }

    [Fact]
    public void Buffers_keep_distance_from_reservations_but_may_lie_outside_working_time()
    {
        Assert.Equal("10:45 11:00", Starts(SlotFinder.Find(
            Search(60, before: 15, after: 15), [Staff(Anna, "09:00-12:00", reserved: "10:00-10:30")])));

        // With nothing booked the buffers may hang over opening and closing, as booking allows.
        Assert.Equal("09:00", Starts(SlotFinder.Find(Search(60, before: 30, after: 30), [Staff(Anna, "09:00-10:00")])));
    }

    [Fact]
    public void Buffers_may_touch_a_reservation_without_overlapping()
    {
        var slots = SlotFinder.Find(Search(30, before: 15, after: 15), [Staff(Anna, "09:00-12:00", reserved: "10:00-10:30")]);

        Assert.Contains(slots, s => s.Start == At("09:15")); // occupied 09:00-10:00
        Assert.Contains(slots, s => s.Start == At("10:45")); // occupied 10:30-11:30
        Assert.DoesNotContain(slots, s => s.Start == At("09:30") || s.Start == At("10:30"));
    }

    [Fact]
    public void A_visit_must_fit_in_one_working_stretch()
    {
        var slots = SlotFinder.Find(Search(60), [Staff(Anna, "09:00-10:30, 11:00-12:00")]);

        Assert.Equal("09:00 09:15 09:30 11:00", Starts(slots));
    }

    [Fact]
    public void Touching_working_stretches_count_as_one()
    {
        var slots = SlotFinder.Find(Search(60), [Staff(Anna, "09:00-10:00, 10:00-11:00")]);

        Assert.Equal("09:00 09:15 09:30 09:45 10:00", Starts(slots));
    }

    [Fact]
    public void Time_off_and_extra_hours_arrive_as_working_time()
    {
        var window = new TimeRange(Utc("2026-06-01T00:00Z"), Utc("2026-06-04T00:00Z"));
        var exceptions = Exceptions("2026-06-02", "off").Concat(Exceptions("2026-06-03", "off 09:00-10:00, extra 18:00-19:00")).ToArray();
        var working = WorkingTime.Between(EveryDay("09:00", "11:00"), exceptions, LocationA, Utc, window);

        var slots = SlotFinder.Find(Search(60, starts: window), [new SlotCandidate(Anna, ResourceKind.Staff, working, [])]);

        Assert.Equal(
            "06-01 09:00, 06-01 09:15, 06-01 09:30, 06-01 09:45, 06-01 10:00, 06-03 10:00, 06-03 18:00",
            string.Join(", ", slots.Select(s => s.Start.UtcDateTime.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture))));
    }

    [Fact]
    public void Staff_and_room_are_offered_only_when_both_are_free_choosing_the_first_free_of_each_kind()
    {
        ResourceKind[] both = [ResourceKind.Staff, ResourceKind.Room];
        SlotCandidate[] candidates =
        [
            Staff(Anna, "09:00-12:00", reserved: "09:00-10:00"),
            Staff(Piotr, "09:00-12:00"),
            Room(Room1, "09:00-12:00", reserved: "10:00-11:00"),
        ];

        var slots = SlotFinder.Find(Search(60, kinds: both), candidates).ToDictionary(s => s.Start.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture));

        Assert.Equal("09:00 11:00", string.Join(" ", slots.Keys));
        Assert.Equal([Piotr, Room1], slots["09:00"].ResourceIds);
        Assert.Equal([Anna, Room1], slots["11:00"].ResourceIds);
    }

    [Fact]
    public void A_kind_without_any_candidate_gives_no_slots()
    {
        var slots = SlotFinder.Find(Search(60, kinds: [ResourceKind.Staff, ResourceKind.Equipment]), [Staff(Anna, "09:00-12:00")]);

        Assert.Empty(slots);
    }

    [Fact]
    public void An_asked_resource_is_in_every_slot_with_free_resources_of_the_other_kinds()
    {
        ResourceKind[] both = [ResourceKind.Staff, ResourceKind.Room];
        SlotCandidate[] candidates =
        [
            Staff(Anna, "09:00-12:00"),
            Staff(Piotr, "09:00-12:00", reserved: "09:00-10:00"),
            Room(Room1, "09:00-12:00", reserved: "11:00-12:00"),
            Room(Room2, "09:00-12:00"),
        ];

        var withPiotr = SlotFinder.Find(Search(60, kinds: both, resource: Piotr), candidates);
        Assert.Equal("10:00 10:15 10:30 10:45 11:00", Starts(withPiotr));
        Assert.All(withPiotr, s => Assert.Equal(Piotr, s.ResourceIds[0]));
        Assert.Equal([Piotr, Room1], withPiotr[0].ResourceIds);
        Assert.Equal([Piotr, Room2], withPiotr[^1].ResourceIds); // Room 1 is busy from 11:00

        var withRoom2 = SlotFinder.Find(Search(60, kinds: both, resource: Room2), candidates);
        Assert.Equal(9, withRoom2.Length);
        Assert.All(withRoom2, s => Assert.Equal([Anna, Room2], s.ResourceIds));
    }

    [Fact]
    public void An_asked_resource_of_a_kind_the_service_does_not_need_comes_first_with_the_needed_ones()
    {
        var equipment = new SlotCandidate(Guid.NewGuid(), ResourceKind.Equipment, Ranges("10:00-11:00"), []);

        var slots = SlotFinder.Find(Search(60, resource: equipment.ResourceId), [Staff(Anna, "09:00-12:00"), equipment]);

        Assert.Equal([equipment.ResourceId, Anna], Assert.Single(slots).ResourceIds);
    }

    [Fact]
    public void An_asked_resource_that_is_no_candidate_gives_no_slots()
    {
        Assert.Empty(SlotFinder.Find(Search(60, resource: Piotr), [Staff(Anna, "09:00-12:00")]));
    }

    [Fact]
    public void A_service_needing_no_kind_gets_one_resource_staff_first()
    {
        SlotCandidate[] candidates = [Room(Room1, "09:00-12:00"), Staff(Anna, "09:00-12:00", reserved: "09:00-10:00")];

        var slots = SlotFinder.Find(Search(60, kinds: []), candidates);

        Assert.Equal([Room1], slots.Single(s => s.Start == At("09:00")).ResourceIds);
        Assert.Equal([Anna], slots.Single(s => s.Start == At("10:00")).ResourceIds);
    }

    [Fact]
    public void Only_starts_inside_the_allowed_range_are_offered()
    {
        var starts = new TimeRange(At("09:40"), At("10:30"));

        var slots = SlotFinder.Find(Search(60, starts: starts), [Staff(Anna, "09:00-12:00")]);

        Assert.Equal("09:45 10:00 10:15", Starts(slots));
    }

    [Fact]
    public void The_number_of_slots_is_capped_keeping_the_earliest()
    {
        var slots = SlotFinder.Find(Search(15, max: 3), [Staff(Anna, "09:00-12:00")]);

        Assert.Equal("09:00 09:15 09:30", Starts(slots));
    }

    [Fact]
    public void Slots_follow_the_local_clock_where_the_offset_is_not_whole_hours()
    {
        // Asia/Kolkata is UTC+05:30 all year: hourly slots at local 09:00 and 10:00 are 03:30Z and 04:30Z.
        var starts = new TimeRange(Utc("2026-06-01T00:00Z"), Utc("2026-06-02T00:00Z"));
        var working = WorkingTime.Between(EveryDay("09:00", "11:00"), [], LocationA, "Asia/Kolkata", starts);

        var slots = SlotFinder.Find(
            Search(60, zone: "Asia/Kolkata", starts: starts, step: 60), [new SlotCandidate(Anna, ResourceKind.Staff, working, [])]);

        Assert.Equal("03:30 04:30", Starts(slots));
        Assert.All(slots, s => Assert.Equal(TimeSpan.FromMinutes(330), s.Start.Offset));
    }

    [Fact]
    public void On_the_spring_forward_day_starts_follow_local_quarter_hours_and_skip_the_missing_hour()
    {
        // Europe/Warsaw 2026-03-29: 02:00 +01 becomes 03:00 +02 at 01:00Z; 00:00-06:00 local is five hours.
        var day = AvailabilityRules.LocalDays(Warsaw, Date("2026-03-29"), Date("2026-03-29"));
        var working = WorkingTime.Between(EveryDay("00:00", "06:00"), [], LocationA, Warsaw, day);

        var slots = SlotFinder.Find(Search(30, zone: Warsaw, starts: day), [new SlotCandidate(Anna, ResourceKind.Staff, working, [])]);

        Assert.Equal(
            "00:00 00:15 00:30 00:45 01:00 01:15 01:30 01:45 03:00 03:15 03:30 03:45 04:00 04:15 04:30 04:45 05:00 05:15 05:30",
            string.Join(" ", slots.Select(s => s.Start.ToString("HH:mm", CultureInfo.InvariantCulture))));
        Assert.Equal(TimeSpan.FromHours(1), slots[0].Start.Offset);
        Assert.Equal(TimeSpan.FromHours(2), slots[^1].Start.Offset);
        // 01:45 +01 ends at 03:15 +02: thirty minutes later, shown in the offset of its own local time.
        Assert.Equal("2026-03-29T03:15:00+02:00", slots[7].End.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
    }

    [Fact]
    public void On_the_fall_back_day_the_repeated_hour_is_offered_twice_in_time_order()
    {
        // Europe/Warsaw 2026-10-25: 03:00 +02 becomes 02:00 +01 at 01:00Z; 00:00-06:00 local is seven hours.
        var day = AvailabilityRules.LocalDays(Warsaw, Date("2026-10-25"), Date("2026-10-25"));
        var working = WorkingTime.Between(EveryDay("00:00", "06:00"), [], LocationA, Warsaw, day);

        var slots = SlotFinder.Find(Search(30, zone: Warsaw, starts: day), [new SlotCandidate(Anna, ResourceKind.Staff, working, [])]);

        Assert.Equal(27, slots.Length);
        Assert.Equal(slots.Select(s => s.Start).Order(), slots.Select(s => s.Start));
        Assert.All(slots, s => Assert.Equal(0, s.Start.Minute % 15));
        Assert.Equal(2, slots.Count(s => s.Start.ToString("HH:mm", CultureInfo.InvariantCulture) == "02:15"));
        Assert.Equal(Utc("2026-10-24T22:00Z"), slots[0].Start);
        Assert.Equal(Utc("2026-10-25T04:30Z"), slots[^1].Start);
    }

    [Fact]
    public void Starts_are_aligned_to_the_local_clock_not_to_the_window()
    {
        var starts = SlotFinder.AlignedStarts(TimeZones.Get(Warsaw), new TimeRange(Utc("2026-06-01T07:07Z"), Utc("2026-06-01T08:00Z")), 15);

        Assert.Equal(
            ["09:15", "09:30", "09:45"],
            starts.Select(s => s.ToString("HH:mm", CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void A_step_that_does_not_divide_the_day_is_a_programming_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SlotFinder.Find(Search(60, step: 7), [Staff(Anna, "09:00-12:00")]));
    }

    /// <summary>
    /// Random calendars (seeded, so reproducible): every slot is bookable by the booking rules (each resource works for the
    /// whole visit, its buffered time overlaps none of its reservations, every kind is present) and every bookable
    /// aligned start is offered.
    /// </summary>
    [Fact]
    public void Slots_are_exactly_the_bookable_aligned_starts()
    {
        var (offered, refused) = (0, 0);
        for (var seed = 1; seed <= 300; seed++)
        {
            var (o, r) = CheckRandomCalendars(seed);
            offered += o;
            refused += r;
        }

        // The random calendars are neither all free nor all busy.
        Assert.True(offered > 1000 && refused > 1000, $"offered {offered}, refused {refused}");
    }

    private static (int Offered, int Refused) CheckRandomCalendars(int seed)
    {
        var random = new Random(seed);
        var day = Utc("2026-06-01T00:00Z");
        var candidates = Enumerable.Range(0, random.Next(1, 5))
            .Select(i => RandomCandidate(random, day, i % 3 == 2 ? ResourceKind.Room : ResourceKind.Staff))
            .ToArray();
        var timing = new AppointmentTiming(random.Next(1, 8) * 10, random.Next(0, 4) * 10, random.Next(0, 4) * 10);
        ResourceKind[] kinds = random.Next(3) switch { 0 => [], 1 => [ResourceKind.Staff], _ => [ResourceKind.Staff, ResourceKind.Room] };
        var starts = new TimeRange(day.AddMinutes(random.Next(0, 600)), day.AddHours(20));
        var search = new SlotSearch(Utc, starts, timing, kinds);

        var slots = SlotFinder.Find(search, candidates);

        var byId = candidates.ToDictionary(c => c.ResourceId);
        foreach (var slot in slots)
        {
            var visit = new TimeRange(slot.Start, slot.End);
            Assert.Equal(TimeSpan.FromMinutes(timing.DurationMinutes), visit.Length);
            Assert.True(starts.Start <= slot.Start && slot.Start < starts.End);
            Assert.Equal(0, slot.Start.UtcDateTime.Minute % 15);
            Assert.Equal(Math.Max(kinds.Length, 1), slot.ResourceIds.Length);
            Assert.All(kinds, kind => Assert.Contains(slot.ResourceIds, id => byId[id].Kind == kind));
            foreach (var id in slot.ResourceIds)
            {
                Assert.True(CoveredByOneStretch(byId[id].WorkingTime, visit), $"{id} does not work for all of {visit}");
                Assert.DoesNotContain(byId[id].Reservations, r => r.Overlaps(timing.Occupied(slot.Start)));
            }
        }

        var offered = slots.Select(s => s.Start).ToHashSet();
        var refused = 0;
        for (var start = day; start < day.AddDays(1); start = start.AddMinutes(15))
        {
            if (start < starts.Start || start >= starts.End) continue;
            var visit = TimeRange.FromMinutes(start, timing.DurationMinutes);
            bool Free(SlotCandidate c) =>
                CoveredByOneStretch(c.WorkingTime, visit) && !c.Reservations.Any(r => r.Overlaps(timing.Occupied(start)));
            var bookable = kinds.Length == 0 ? candidates.Any(Free) : kinds.All(kind => candidates.Any(c => c.Kind == kind && Free(c)));
            Assert.True(bookable == offered.Contains(start), $"seed {seed}, {start:O}: bookable {bookable}, offered {offered.Contains(start)}");
            if (!bookable) refused++;
        }

        return (offered.Count, refused);
    }

    /// <summary>
    /// Random schedules over the spring-forward weekend at Warsaw, checked with the very function booking uses
    /// (<see cref="WorkingTime.Covers"/>): slots are exactly the aligned starts booking would accept.
    /// </summary>
    [Fact]
    public void Slots_agree_with_the_booking_working_hours_check_across_a_dst_change()
    {
        var window = AvailabilityRules.LocalDays(Warsaw, Date("2026-03-28"), Date("2026-03-30"));
        for (var seed = 1; seed <= 40; seed++)
        {
            var random = new Random(seed);
            var weekly = Enum.GetValues<DayOfWeek>()
                .Select(d => Weekly(d, $"{random.Next(0, 4):00}:{random.Next(0, 4) * 15:00}", $"{random.Next(4, 24):00}:{random.Next(0, 4) * 15:00}"))
                .ToArray();
            var exceptions = Exceptions("2026-03-29", random.Next(3) switch { 0 => "", 1 => "off 01:30-03:30", _ => "off 10:00-11:00, extra 22:00-00:00" });
            var working = WorkingTime.Between(weekly, exceptions, LocationA, Warsaw, window);
            var reserved = Enumerable.Range(0, 10)
                .Select(_ => TimeRange.FromMinutes(window.Start.AddMinutes(random.Next(0, 72 * 60)), random.Next(1, 20) * 5))
                .ToArray();
            var timing = new AppointmentTiming(random.Next(1, 12) * 10, random.Next(0, 3) * 10, random.Next(0, 3) * 10);

            var slots = SlotFinder.Find(
                new SlotSearch(Warsaw, window, timing, [ResourceKind.Staff]), [new SlotCandidate(Anna, ResourceKind.Staff, working, reserved)]);

            var bookable = SlotFinder.AlignedStarts(TimeZones.Get(Warsaw), window, 15)
                .Where(start => WorkingTime.Covers(weekly, exceptions, LocationA, Warsaw, TimeRange.FromMinutes(start, timing.DurationMinutes)))
                .Where(start => !reserved.Any(r => r.Overlaps(timing.Occupied(start))));
            Assert.Equal(bookable, slots.Select(s => s.Start));
        }
    }

    private static SlotCandidate RandomCandidate(Random random, DateTimeOffset day, ResourceKind kind)
    {
        var working = Enumerable.Range(0, random.Next(0, 4))
            .Select(_ => TimeRange.FromMinutes(day.AddMinutes(random.Next(6 * 60, 18 * 60)), random.Next(1, 30) * 15))
            .ToArray();
        var reserved = Enumerable.Range(0, random.Next(0, 12))
            .Select(_ => TimeRange.FromMinutes(day.AddMinutes(random.Next(5 * 60, 21 * 60)), random.Next(1, 12) * 5))
            .ToArray();
        return new SlotCandidate(Guid.NewGuid(), kind, working, reserved);
    }

    /// <summary>The booking rule, written independently: the visit lies in the union of the working stretches.</summary>
    private static bool CoveredByOneStretch(IReadOnlyList<TimeRange> working, TimeRange visit)
    {
        for (var minute = visit.Start; minute < visit.End; minute = minute.AddMinutes(1))
        {
            var instant = minute;
            if (!working.Any(w => w.Start <= instant && instant < w.End)) return false;
        }

        return true;
    }
}
