using NodaTime.TimeZones;
using Realtime.Grains.Domain.Schedules;
using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Interfaces.Resources;
using static Realtime.Domain.Tests.Schedules.ScheduleData;

namespace Realtime.Domain.Tests.Schedules;

/// <summary>Working time away from DST changes: Europe/Warsaw in June 2026 is UTC+02 throughout.</summary>
public class WorkingTimeTests
{
    private const string Warsaw = "Europe/Warsaw";

    // Monday 2026-06-08 starts the week.
    private static readonly WeeklyHours[] Week =
    [
        Weekly(DayOfWeek.Monday, "09:00", "17:00"),
        Weekly(DayOfWeek.Tuesday, "15:00", "18:00"), // given out of order on purpose
        Weekly(DayOfWeek.Tuesday, "10:00", "14:00"),
        Weekly(DayOfWeek.Wednesday, "09:00", "13:00"), // overlapping pieces merge
        Weekly(DayOfWeek.Wednesday, "12:00", "17:00"),
        Weekly(DayOfWeek.Friday, "08:00", "12:30"),
        Weekly(DayOfWeek.Saturday, "20:00", "00:00"), // until midnight
    ];

    [Theory]
    [InlineData("2026-06-08", "2026-06-08T07:00Z/2026-06-08T15:00Z")]
    [InlineData("2026-06-09", "2026-06-09T08:00Z/2026-06-09T12:00Z; 2026-06-09T13:00Z/2026-06-09T16:00Z")]
    [InlineData("2026-06-10", "2026-06-10T07:00Z/2026-06-10T15:00Z")]
    [InlineData("2026-06-11", "")]
    [InlineData("2026-06-12", "2026-06-12T06:00Z/2026-06-12T10:30Z")]
    [InlineData("2026-06-13", "2026-06-13T18:00Z/2026-06-13T22:00Z")]
    [InlineData("2026-06-14", "")]
    [InlineData("2026-06-15", "2026-06-15T07:00Z/2026-06-15T15:00Z")]
    public void Plain_weekdays_follow_the_weekly_hours(string localDate, string expected)
    {
        var working = WorkingTime.ForLocalDate(Week, [], LocationA, Warsaw, Date(localDate));

        Assert.Equal(expected, Show(working));
    }

    [Fact]
    public void Results_are_utc_instants()
    {
        var working = WorkingTime.ForLocalDate(Week, [], LocationA, Warsaw, Date("2026-06-09"));

        Assert.All(working, r =>
        {
            Assert.Equal(TimeSpan.Zero, r.Start.Offset);
            Assert.Equal(TimeSpan.Zero, r.End.Offset);
        });
    }

    [Fact]
    public void An_unknown_time_zone_throws()
    {
        Assert.Throws<DateTimeZoneNotFoundException>(
            () => WorkingTime.ForLocalDate(Week, [], LocationA, "Europe/Atlantis", Date("2026-06-08")));
    }

    // Monday 2026-06-08 is 09:00–17:00 (07:00Z–15:00Z); Sunday 2026-06-14 has no weekly hours.
    [Theory]
    [InlineData("2026-06-08", "off", "")]
    [InlineData("2026-06-08", "off 00:00-00:00", "")]
    [InlineData("2026-06-08", "off 12:00-13:00", "2026-06-08T07:00Z/2026-06-08T10:00Z; 2026-06-08T11:00Z/2026-06-08T15:00Z")]
    [InlineData("2026-06-08", "off 10:00-11:00, off 14:00-15:00",
        "2026-06-08T07:00Z/2026-06-08T08:00Z; 2026-06-08T09:00Z/2026-06-08T12:00Z; 2026-06-08T13:00Z/2026-06-08T15:00Z")]
    [InlineData("2026-06-08", "off 08:00-10:00", "2026-06-08T08:00Z/2026-06-08T15:00Z")]
    [InlineData("2026-06-08", "off 16:00-00:00", "2026-06-08T07:00Z/2026-06-08T14:00Z")]
    [InlineData("2026-06-08", "off 06:00-20:00", "")]
    [InlineData("2026-06-14", "extra 10:00-14:00", "2026-06-14T08:00Z/2026-06-14T12:00Z")]
    [InlineData("2026-06-08", "extra 17:00-19:00", "2026-06-08T07:00Z/2026-06-08T17:00Z")]
    [InlineData("2026-06-08", "extra 07:00-09:00", "2026-06-08T05:00Z/2026-06-08T15:00Z")]
    [InlineData("2026-06-08", "extra 16:00-20:00", "2026-06-08T07:00Z/2026-06-08T18:00Z")]
    [InlineData("2026-06-08", "extra 19:00-21:00", "2026-06-08T07:00Z/2026-06-08T15:00Z; 2026-06-08T17:00Z/2026-06-08T19:00Z")]
    [InlineData("2026-06-08", "extra 20:00-00:00", "2026-06-08T07:00Z/2026-06-08T15:00Z; 2026-06-08T18:00Z/2026-06-08T22:00Z")]
    [InlineData("2026-06-08", "extra 17:00-19:00, off 18:00-00:00", "2026-06-08T07:00Z/2026-06-08T16:00Z")]
    [InlineData("2026-06-08", "extra 17:00-19:00, off", "")]
    [InlineData("2026-06-14", "extra 10:00-14:00, off 11:00-12:00", "2026-06-14T08:00Z/2026-06-14T09:00Z; 2026-06-14T10:00Z/2026-06-14T12:00Z")]
    public void Exceptions_change_the_day(string localDate, string exceptions, string expected)
    {
        var working = WorkingTime.ForLocalDate(Week, Exceptions(localDate, exceptions), LocationA, Warsaw, Date(localDate));

        Assert.Equal(expected, Show(working));
    }

    [Fact]
    public void Exceptions_of_other_dates_do_not_apply()
    {
        ScheduleException[] exceptions = [TimeOff("2026-06-09"), TimeOff("2026-06-15"), Extra("2026-06-07", "18:00", "20:00")];

        var working = WorkingTime.ForLocalDate(Week, exceptions, LocationA, Warsaw, Date("2026-06-08"));

        Assert.Equal("2026-06-08T07:00Z/2026-06-08T15:00Z", Show(working));
    }

    [Fact]
    public void Time_off_with_only_one_time_is_read_as_the_whole_day()
    {
        var halfGiven = TimeOff("2026-06-08") with { Start = Time("12:00") };

        Assert.Empty(WorkingTime.ForLocalDate(Week, [halfGiven], LocationA, Warsaw, Date("2026-06-08")));
    }

    [Fact]
    public void Extra_hours_without_times_add_nothing()
    {
        var noTimes = Extra("2026-06-14", "10:00", "12:00") with { Start = null, End = null };

        Assert.Empty(WorkingTime.ForLocalDate(Week, [noTimes], LocationA, Warsaw, Date("2026-06-14")));
    }

    private static readonly WeeklyHours[] TwoLocations =
    [
        Weekly(DayOfWeek.Monday, "09:00", "12:00", LocationA),
        Weekly(DayOfWeek.Monday, "13:00", "17:00", LocationB),
        Weekly(DayOfWeek.Tuesday, "09:00", "17:00", LocationB),
    ];

    [Theory]
    [InlineData("2026-06-08", "A", "2026-06-08T07:00Z/2026-06-08T10:00Z")]
    [InlineData("2026-06-08", "B", "2026-06-08T11:00Z/2026-06-08T15:00Z")]
    [InlineData("2026-06-09", "A", "")]
    [InlineData("2026-06-09", "B", "2026-06-09T07:00Z/2026-06-09T15:00Z")]
    public void Hours_at_one_location_do_not_count_at_another(string localDate, string location, string expected)
    {
        var locationId = location == "A" ? LocationA : LocationB;

        var working = WorkingTime.ForLocalDate(TwoLocations, [], locationId, Warsaw, Date(localDate));

        Assert.Equal(expected, Show(working));
    }

    [Fact]
    public void Exceptions_at_one_location_do_not_apply_at_another()
    {
        ScheduleException[] exceptions =
        [
            Extra("2026-06-09", "09:00", "12:00", LocationA),
            TimeOff("2026-06-08", location: LocationB),
        ];

        Assert.Equal(
            "2026-06-08T07:00Z/2026-06-08T10:00Z",
            Show(WorkingTime.ForLocalDate(TwoLocations, exceptions, LocationA, Warsaw, Date("2026-06-08"))));
        Assert.Empty(WorkingTime.ForLocalDate(TwoLocations, exceptions, LocationB, Warsaw, Date("2026-06-08")));
        Assert.Equal(
            "2026-06-09T07:00Z/2026-06-09T10:00Z",
            Show(WorkingTime.ForLocalDate(TwoLocations, exceptions, LocationA, Warsaw, Date("2026-06-09"))));
        Assert.Equal(
            "2026-06-09T07:00Z/2026-06-09T15:00Z",
            Show(WorkingTime.ForLocalDate(TwoLocations, exceptions, LocationB, Warsaw, Date("2026-06-09"))));
    }

    [Theory]
    [InlineData("A", "2026-06-08T08:00Z", "2026-06-08T09:00Z", true)]
    [InlineData("B", "2026-06-08T08:00Z", "2026-06-08T09:00Z", false)]
    [InlineData("B", "2026-06-08T12:00Z", "2026-06-08T13:00Z", true)]
    [InlineData("A", "2026-06-08T12:00Z", "2026-06-08T13:00Z", false)]
    public void Covers_looks_only_at_the_given_location(string location, string startUtc, string endUtc, bool expected)
    {
        var locationId = location == "A" ? LocationA : LocationB;

        Assert.Equal(expected, WorkingTime.Covers(TwoLocations, [], locationId, Warsaw, Range(startUtc, endUtc)));
    }

    // Monday 09:00–12:00 and 13:00–17:00, 20:00–00:00; Tuesday 00:00–02:00 and 09:00–17:00 with 12:00–13:00 off;
    // Wednesday 01:00–03:00 (not joined to Tuesday). Local = UTC+02.
    private static readonly WeeklyHours[] Shifts =
    [
        Weekly(DayOfWeek.Monday, "09:00", "12:00"),
        Weekly(DayOfWeek.Monday, "13:00", "17:00"),
        Weekly(DayOfWeek.Monday, "20:00", "00:00"),
        Weekly(DayOfWeek.Tuesday, "00:00", "02:00"),
        Weekly(DayOfWeek.Tuesday, "09:00", "17:00"),
        Weekly(DayOfWeek.Tuesday, "22:00", "00:00"),
        Weekly(DayOfWeek.Wednesday, "01:00", "03:00"),
    ];

    private static readonly ScheduleException[] ShiftExceptions = [TimeOff("2026-06-09", "12:00", "13:00")];

    [Theory]
    [InlineData("2026-06-08T07:00Z", "2026-06-08T08:00Z", true)] // first hour of the day
    [InlineData("2026-06-08T07:00Z", "2026-06-08T10:00Z", true)] // the whole morning, edges included
    [InlineData("2026-06-08T06:30Z", "2026-06-08T07:30Z", false)] // starts before the hours
    [InlineData("2026-06-08T09:30Z", "2026-06-08T10:30Z", false)] // runs into the lunch break
    [InlineData("2026-06-08T09:00Z", "2026-06-08T12:00Z", false)] // spans the lunch break
    [InlineData("2026-06-08T14:30Z", "2026-06-08T15:30Z", false)] // ends after the hours
    [InlineData("2026-06-08T21:00Z", "2026-06-08T23:00Z", true)] // crosses local midnight into Tuesday's 00:00 start
    [InlineData("2026-06-08T18:00Z", "2026-06-09T00:00Z", true)] // the whole night shift
    [InlineData("2026-06-08T23:30Z", "2026-06-09T00:30Z", false)] // runs past Tuesday 02:00
    [InlineData("2026-06-09T09:30Z", "2026-06-09T10:30Z", false)] // inside Tuesday's partial time off
    [InlineData("2026-06-09T21:00Z", "2026-06-09T23:30Z", false)] // Wednesday starts at 01:00, not at midnight
    [InlineData("2026-06-09T20:00Z", "2026-06-09T22:00Z", true)]
    [InlineData("2026-06-09T23:00Z", "2026-06-10T01:00Z", true)]
    [InlineData("2026-06-08T08:00Z", "2026-06-08T08:00Z", false)] // empty range
    [InlineData("2026-06-08T09:00Z", "2026-06-08T08:00Z", false)] // inverted range
    public void Covers_needs_the_whole_range_in_working_time(string startUtc, string endUtc, bool expected)
    {
        Assert.Equal(expected, WorkingTime.Covers(Shifts, ShiftExceptions, LocationA, Warsaw, Range(startUtc, endUtc)));
    }

    [Fact]
    public void Covers_accepts_a_range_given_in_any_offset()
    {
        var localOffset = TimeSpan.FromHours(2);
        var range = new TimeRange(
            new DateTimeOffset(2026, 6, 8, 9, 0, 0, localOffset),
            new DateTimeOffset(2026, 6, 8, 12, 0, 0, localOffset));

        Assert.True(WorkingTime.Covers(Shifts, [], LocationA, Warsaw, range));
    }

    [Theory]
    [InlineData("2026-06-08T00:00Z", "2026-06-10T00:00Z",
        "2026-06-08T07:00Z/2026-06-08T10:00Z; 2026-06-08T11:00Z/2026-06-08T15:00Z; 2026-06-08T18:00Z/2026-06-09T00:00Z; " +
        "2026-06-09T07:00Z/2026-06-09T10:00Z; 2026-06-09T11:00Z/2026-06-09T15:00Z; 2026-06-09T20:00Z/2026-06-09T22:00Z; " +
        "2026-06-09T23:00Z/2026-06-10T00:00Z")]
    [InlineData("2026-06-08T08:30Z", "2026-06-08T12:00Z", "2026-06-08T08:30Z/2026-06-08T10:00Z; 2026-06-08T11:00Z/2026-06-08T12:00Z")]
    [InlineData("2026-06-08T20:00Z", "2026-06-09T08:00Z", "2026-06-08T20:00Z/2026-06-09T00:00Z; 2026-06-09T07:00Z/2026-06-09T08:00Z")]
    [InlineData("2026-06-09T21:00Z", "2026-06-10T02:00Z", "2026-06-09T21:00Z/2026-06-09T22:00Z; 2026-06-09T23:00Z/2026-06-10T01:00Z")]
    [InlineData("2026-06-08T15:00Z", "2026-06-08T18:00Z", "")]
    [InlineData("2026-06-11T00:00Z", "2026-06-14T00:00Z", "")]
    [InlineData("2026-06-08T10:00Z", "2026-06-08T10:00Z", "")]
    public void Between_returns_working_time_clipped_to_the_window(string startUtc, string endUtc, string expected)
    {
        var working = WorkingTime.Between(Shifts, ShiftExceptions, LocationA, Warsaw, Range(startUtc, endUtc));

        Assert.Equal(expected, Show(working));
    }

    [Fact]
    public void Between_joins_days_that_meet_at_midnight()
    {
        var window = Range("2026-06-07T22:00Z", "2026-06-09T22:00Z"); // local Monday and Tuesday

        var between = WorkingTime.Between(Shifts, ShiftExceptions, LocationA, Warsaw, window);
        var days = WorkingTime.ForLocalDate(Shifts, ShiftExceptions, LocationA, Warsaw, Date("2026-06-08"))
            .Concat(WorkingTime.ForLocalDate(Shifts, ShiftExceptions, LocationA, Warsaw, Date("2026-06-09")));

        // Monday's 20:00–00:00 and Tuesday's 00:00–02:00 come back as one interval.
        Assert.Equal(
            "2026-06-08T07:00Z/2026-06-08T10:00Z; 2026-06-08T11:00Z/2026-06-08T15:00Z; 2026-06-08T18:00Z/2026-06-09T00:00Z; " +
            "2026-06-09T07:00Z/2026-06-09T10:00Z; 2026-06-09T11:00Z/2026-06-09T15:00Z; 2026-06-09T20:00Z/2026-06-09T22:00Z",
            Show(between));
        Assert.Equal(
            "2026-06-08T07:00Z/2026-06-08T10:00Z; 2026-06-08T11:00Z/2026-06-08T15:00Z; 2026-06-08T18:00Z/2026-06-08T22:00Z; " +
            "2026-06-08T22:00Z/2026-06-09T00:00Z; 2026-06-09T07:00Z/2026-06-09T10:00Z; 2026-06-09T11:00Z/2026-06-09T15:00Z; " +
            "2026-06-09T20:00Z/2026-06-09T22:00Z",
            Show(days));
    }
}
