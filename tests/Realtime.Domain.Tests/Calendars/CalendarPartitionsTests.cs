using Realtime.Grains.Domain.Appointments;
using Realtime.Grains.Domain.Calendars;
using Realtime.Grains.Interfaces.Calendars;
using Realtime.Grains.Interfaces.Common;

namespace Realtime.Domain.Tests.Calendars;

public sealed class CalendarPartitionsTests
{
    private static readonly Guid Resource = Guid.Parse("6f1c1d2e-0000-4000-8000-000000000001");

    private static DateTimeOffset At(string utc) => DateTimeOffset.Parse(utc + "Z");

    [Fact]
    public void Interval_inside_one_day_touches_one_partition() =>
        Assert.Equal([new DateOnly(2026, 11, 23)], CalendarPartitions.DaysTouched(new TimeRange(At("2026-11-23T09:00"), At("2026-11-23T10:00"))));

    [Fact]
    public void Interval_crossing_midnight_is_held_by_both_days() =>
        Assert.Equal(
            [new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 24)],
            CalendarPartitions.DaysTouched(new TimeRange(At("2026-11-23T23:30"), At("2026-11-24T00:30"))));

    [Fact]
    public void Interval_ending_exactly_at_midnight_stays_in_its_day() =>
        Assert.Equal([new DateOnly(2026, 11, 23)], CalendarPartitions.DaysTouched(new TimeRange(At("2026-11-23T23:00"), At("2026-11-24T00:00"))));

    [Fact]
    public void Key_round_trips_the_resource()
    {
        var key = CalendarPartitions.Key(Resource, new DateOnly(2026, 3, 29));

        Assert.Equal("6f1c1d2e000040008000000000000001/2026-03-29", key);
        Assert.Equal(Resource, CalendarPartitions.ResourceOf(key));
    }

    [Fact]
    public void Partitions_come_in_one_fixed_order_whatever_the_order_of_resources()
    {
        var other = Guid.Parse("00000000-0000-4000-8000-000000000002");
        var range = new TimeRange(At("2026-11-23T23:30"), At("2026-11-24T00:30"));

        var forward = CalendarPartitions.For([Resource, other], range).Select(p => p.Key);
        var backward = CalendarPartitions.For([other, Resource], range).Select(p => p.Key);

        Assert.Equal(forward, backward);
        Assert.Equal(4, forward.Count());
    }

    [Fact]
    public void Buffers_make_adjacent_visits_conflict()
    {
        var first = new AppointmentTiming(60, 0, 15).Occupied(At("2026-11-23T09:00"));
        var second = new AppointmentTiming(30, 0, 0).Occupied(At("2026-11-23T10:10"));
        var third = new AppointmentTiming(30, 0, 0).Occupied(At("2026-11-23T10:15"));
        var held = new[] { new Reservation(Guid.NewGuid(), first) };

        Assert.Single(ReservationConflicts.With(held, new Reservation(Guid.NewGuid(), second)));
        Assert.Empty(ReservationConflicts.With(held, new Reservation(Guid.NewGuid(), third)));
    }

    [Fact]
    public void Buffer_before_reaches_back_into_the_previous_visit()
    {
        var earlier = new Reservation(Guid.NewGuid(), new AppointmentTiming(60, 0, 0).Occupied(At("2026-11-23T09:00")));
        var later = new Reservation(Guid.NewGuid(), new AppointmentTiming(30, 10, 0).Occupied(At("2026-11-23T10:05")));

        Assert.Single(ReservationConflicts.With([earlier], later));
    }

    [Fact]
    public void An_appointment_never_conflicts_with_itself()
    {
        var id = Guid.NewGuid();
        var held = new[] { new Reservation(id, new TimeRange(At("2026-11-23T09:00"), At("2026-11-23T10:00"))) };

        Assert.Empty(ReservationConflicts.With(held, new Reservation(id, new TimeRange(At("2026-11-23T09:30"), At("2026-11-23T10:30")))));
    }
}
