using Realtime.Grains.Domain.Schedules;
using Realtime.Grains.Interfaces.Resources;
using static Realtime.Domain.Tests.Schedules.ScheduleData;

namespace Realtime.Domain.Tests.Schedules;

/// <summary>A resource is one calendar across the chain: its hours at two locations never meet.</summary>
public class OneLocationAtATimeTests
{
    private static readonly DateTimeOffset Now = Utc("2026-12-07T08:00Z");

    private static readonly Dictionary<Guid, LocationClock> BothInWarsaw = new()
    {
        [LocationA] = new("Centre", "Europe/Warsaw"),
        [LocationB] = new("Mokotów", "Europe/Warsaw"),
    };

    private static readonly Dictionary<Guid, LocationClock> WarsawAndSantiago = new()
    {
        [LocationA] = new("Centre", "Europe/Warsaw"),
        [LocationB] = new("Providencia", "America/Santiago"),
    };

    [Fact]
    public void Hours_at_two_locations_that_meet_on_the_clock_are_refused_naming_the_later_entry()
    {
        WeeklyHours[] hours =
        [
            Weekly(DayOfWeek.Monday, "09:00", "17:00", LocationA),
            Weekly(DayOfWeek.Tuesday, "09:00", "17:00", LocationB),
            Weekly(DayOfWeek.Monday, "16:00", "20:00", LocationB),
        ];

        var error = Assert.Single(WorkingHoursRules.CheckOneLocationAtATime(hours, [], BothInWarsaw, Now));

        Assert.Equal("workingHours[2]", error.Field);
        Assert.Equal(
            "The resource would work at Centre and at Mokotów at the same time: Monday 7 December 2026, 16:00–17:00 (Europe/Warsaw).",
            error.Message);
    }

    [Fact]
    public void Hours_that_only_touch_or_share_a_location_are_accepted()
    {
        WeeklyHours[] hours =
        [
            Weekly(DayOfWeek.Monday, "09:00", "13:00", LocationA),
            Weekly(DayOfWeek.Monday, "12:00", "14:00", LocationA),
            Weekly(DayOfWeek.Monday, "14:00", "20:00", LocationB),
            Weekly(DayOfWeek.Tuesday, "09:00", "17:00", LocationB),
        ];

        Assert.Empty(WorkingHoursRules.CheckOneLocationAtATime(hours, [], BothInWarsaw, Now));
    }

    [Fact]
    public void Hours_are_compared_as_instants_on_each_location_s_clock()
    {
        // 09:00–13:00 in Warsaw is 05:00–09:00 in Santiago (summer there, winter here: 4 hours apart).
        WeeklyHours[] apart = [Weekly(DayOfWeek.Monday, "09:00", "13:00", LocationA), Weekly(DayOfWeek.Monday, "09:00", "13:00", LocationB)];
        WeeklyHours[] meeting = [Weekly(DayOfWeek.Monday, "09:00", "13:00", LocationA), Weekly(DayOfWeek.Monday, "08:00", "10:00", LocationB)];

        Assert.Empty(WorkingHoursRules.CheckOneLocationAtATime(apart, [], WarsawAndSantiago, Now));
        var clash = Assert.Single(WorkingHoursRules.CheckOneLocationAtATime(meeting, [], WarsawAndSantiago, Now));
        Assert.Contains("12:00–13:00 (Europe/Warsaw)", clash.Message);
    }

    [Fact]
    public void A_clash_that_only_daylight_saving_brings_is_found_within_the_year()
    {
        // In December Warsaw is UTC+1 and Santiago UTC−3; from April to September, UTC+2 and UTC−4: six hours apart.
        // 15:00–16:00 in Warsaw is 11:00–12:00 in Santiago in December and 09:00–10:00 in June.
        WeeklyHours[] hours = [Weekly(DayOfWeek.Monday, "15:00", "16:00", LocationA), Weekly(DayOfWeek.Monday, "09:00", "10:00", LocationB)];

        var clash = Assert.Single(WorkingHoursRules.CheckOneLocationAtATime(hours, [], WarsawAndSantiago, Now));

        Assert.Contains("April 2027, 15:00–16:00", clash.Message);
    }

    [Fact]
    public void Time_off_at_one_location_clears_a_dated_clash()
    {
        WeeklyHours[] hours = [Weekly(DayOfWeek.Monday, "09:00", "17:00", LocationA)];
        var extraAtB = Extra("2026-12-14", "10:00", "12:00", LocationB);

        var refused = Assert.Single(WorkingHoursRules.CheckOneLocationAtATime(extraAtB, hours, [extraAtB], BothInWarsaw, "start"));
        Assert.Equal("start", refused.Field);
        Assert.Contains("Monday 14 December 2026, 10:00–12:00", refused.Message);

        var dayOff = TimeOff("2026-12-14", location: LocationA);
        Assert.Empty(WorkingHoursRules.CheckOneLocationAtATime(extraAtB, hours, [dayOff, extraAtB], BothInWarsaw, "start"));
        var tuesday = Extra("2026-12-15", "10:00", "12:00", LocationB);
        Assert.Empty(WorkingHoursRules.CheckOneLocationAtATime(tuesday, hours, [tuesday], BothInWarsaw, "start"));

        // Taking the day off away again would bring the clash back.
        var back = Assert.Single(WorkingHoursRules.CheckOneLocationAtATime(dayOff, hours, [extraAtB], BothInWarsaw, "exceptionId"));
        Assert.Equal("exceptionId", back.Field);
        Assert.Contains("10:00–12:00", back.Message);
    }

    [Fact]
    public void Extra_hours_meeting_extra_hours_elsewhere_are_refused_on_each_location_s_clock()
    {
        var inWarsaw = Extra("2026-12-15", "10:00", "12:00", LocationA);
        var inSantiago = Extra("2026-12-15", "06:00", "08:00", LocationB); // 09:00–11:00 UTC, as 10:00–12:00 in Warsaw

        var error = Assert.Single(WorkingHoursRules.CheckOneLocationAtATime(inSantiago, [], [inWarsaw, inSantiago], WarsawAndSantiago, "start"));

        Assert.Contains("Tuesday 15 December 2026, 10:00–12:00 (Europe/Warsaw)", error.Message);
    }

    [Fact]
    public void A_clash_the_resource_had_before_between_other_locations_hides_no_new_one()
    {
        var locationC = Guid.Parse("0f6a3c52-0000-4000-8000-00000000000c");
        var three = new Dictionary<Guid, LocationClock>(BothInWarsaw) { [locationC] = new("Wola", "Europe/Warsaw") };
        WeeklyHours[] hours = [Weekly(DayOfWeek.Monday, "09:00", "17:00", LocationA), Weekly(DayOfWeek.Monday, "08:00", "10:00", LocationB)];
        var extraAtC = Extra("2026-12-14", "08:00", "12:00", locationC);

        var error = Assert.Single(WorkingHoursRules.CheckOneLocationAtATime(extraAtC, hours, [extraAtC], three, "start"));

        Assert.Contains("Wola", error.Message);
    }

    [Fact]
    public void Weekly_hours_meeting_later_extra_hours_elsewhere_are_refused()
    {
        WeeklyHours[] hours = [Weekly(DayOfWeek.Friday, "09:00", "17:00", LocationA)];
        ScheduleException[] farAhead = [Extra("2028-03-03", "16:00", "18:00", LocationB)];

        var error = Assert.Single(WorkingHoursRules.CheckOneLocationAtATime(hours, farAhead, BothInWarsaw, Now));

        Assert.Equal("workingHours[0]", error.Field);
        Assert.Contains("Friday 3 March 2028, 16:00–17:00", error.Message);
    }

    [Fact]
    public void Hours_at_a_location_that_is_gone_are_left_out()
    {
        WeeklyHours[] hours = [Weekly(DayOfWeek.Monday, "09:00", "17:00", LocationA), Weekly(DayOfWeek.Monday, "09:00", "17:00", LocationB)];
        var onlyA = new Dictionary<Guid, LocationClock> { [LocationA] = BothInWarsaw[LocationA] };

        Assert.Empty(WorkingHoursRules.CheckOneLocationAtATime(hours, [], onlyA, Now));
    }

    [Fact]
    public void The_earliest_clash_between_any_two_locations_is_reported()
    {
        var locationC = Guid.Parse("0f6a3c52-0000-4000-8000-00000000000c");
        var three = new Dictionary<Guid, LocationClock>(BothInWarsaw) { [locationC] = new("Wola", "Europe/Warsaw") };
        WeeklyHours[] hours =
        [
            Weekly(DayOfWeek.Tuesday, "09:00", "12:00", LocationA),
            Weekly(DayOfWeek.Tuesday, "11:00", "13:00", LocationB),
            Weekly(DayOfWeek.Tuesday, "08:00", "10:00", locationC),
        ];

        var clash = WorkingTime.FirstClash(hours, [], three.ToDictionary(l => l.Key, l => l.Value.TimeZoneId), new(Now, Now.AddDays(7)));

        Assert.NotNull(clash);
        Assert.Equal(new(Utc("2026-12-08T08:00Z"), Utc("2026-12-08T09:00Z")), clash.During);
        Assert.Equal([LocationA, locationC], new[] { clash.LocationId, clash.OtherLocationId }.Order());
    }
}
