using Realtime.Grains.Domain.Schedules;
using Realtime.Grains.Interfaces.Resources;
using static Realtime.Domain.Tests.Schedules.ScheduleData;

namespace Realtime.Domain.Tests.Schedules;

/// <summary>
/// Working time around the 2026 DST changes (tzdb as bundled with NodaTime 3.3.4):
/// Europe/Warsaw   2026-03-29 02:00 +01 → 03:00 +02 (01:00Z);  2026-10-25 03:00 +02 → 02:00 +01 (01:00Z).
/// Europe/Vilnius  2026-03-29 03:00 +02 → 04:00 +03 (01:00Z);  2026-10-25 04:00 +03 → 03:00 +02 (01:00Z).
/// America/Santiago 2026-04-05 00:00 −03 → 2026-04-04 23:00 −04 (03:00Z), so local 2026-04-04 has 25 hours;
///                  2026-09-06 00:00 −04 → 01:00 −03 (04:00Z), so local 2026-09-06 has 23 hours.
/// </summary>
public class WorkingTimeDstTests
{
    private const string Warsaw = "Europe/Warsaw";
    private const string Vilnius = "Europe/Vilnius";
    private const string Santiago = "America/Santiago";

    [Theory]
    [InlineData(Warsaw, "2026-03-28", "2026-03-28T08:00Z/2026-03-28T16:00Z")]
    [InlineData(Warsaw, "2026-03-29", "2026-03-29T07:00Z/2026-03-29T15:00Z")]
    [InlineData(Warsaw, "2026-03-30", "2026-03-30T07:00Z/2026-03-30T15:00Z")]
    [InlineData(Warsaw, "2026-10-24", "2026-10-24T07:00Z/2026-10-24T15:00Z")]
    [InlineData(Warsaw, "2026-10-25", "2026-10-25T08:00Z/2026-10-25T16:00Z")]
    [InlineData(Warsaw, "2026-10-26", "2026-10-26T08:00Z/2026-10-26T16:00Z")]
    [InlineData(Vilnius, "2026-03-28", "2026-03-28T07:00Z/2026-03-28T15:00Z")]
    [InlineData(Vilnius, "2026-03-29", "2026-03-29T06:00Z/2026-03-29T14:00Z")]
    [InlineData(Vilnius, "2026-03-30", "2026-03-30T06:00Z/2026-03-30T14:00Z")]
    [InlineData(Vilnius, "2026-10-24", "2026-10-24T06:00Z/2026-10-24T14:00Z")]
    [InlineData(Vilnius, "2026-10-25", "2026-10-25T07:00Z/2026-10-25T15:00Z")]
    [InlineData(Vilnius, "2026-10-26", "2026-10-26T07:00Z/2026-10-26T15:00Z")]
    [InlineData(Santiago, "2026-04-03", "2026-04-03T12:00Z/2026-04-03T20:00Z")]
    [InlineData(Santiago, "2026-04-04", "2026-04-04T12:00Z/2026-04-04T20:00Z")]
    [InlineData(Santiago, "2026-04-05", "2026-04-05T13:00Z/2026-04-05T21:00Z")]
    [InlineData(Santiago, "2026-04-06", "2026-04-06T13:00Z/2026-04-06T21:00Z")]
    [InlineData(Santiago, "2026-09-05", "2026-09-05T13:00Z/2026-09-05T21:00Z")]
    [InlineData(Santiago, "2026-09-06", "2026-09-06T12:00Z/2026-09-06T20:00Z")]
    [InlineData(Santiago, "2026-09-07", "2026-09-07T12:00Z/2026-09-07T20:00Z")]
    public void A_nine_to_five_day_uses_the_offset_of_that_date(string zone, string localDate, string expected)
    {
        var working = WorkingTime.ForLocalDate(EveryDay("09:00", "17:00"), [], LocationA, zone, Date(localDate));

        Assert.Equal(expected, Show(working));
    }

    [Theory]
    // Spring forward: a start or end inside the gap moves to the first instant after it.
    [InlineData(Warsaw, "2026-03-29", "00:00", "06:00", "2026-03-28T23:00Z/2026-03-29T04:00Z")] // 5 h
    [InlineData(Warsaw, "2026-03-29", "02:30", "06:00", "2026-03-29T01:00Z/2026-03-29T04:00Z")]
    [InlineData(Warsaw, "2026-03-29", "01:00", "02:30", "2026-03-29T00:00Z/2026-03-29T01:00Z")]
    [InlineData(Warsaw, "2026-03-29", "02:00", "03:00", "")] // wholly inside the gap
    [InlineData(Vilnius, "2026-03-29", "00:00", "06:00", "2026-03-28T22:00Z/2026-03-29T03:00Z")]
    [InlineData(Vilnius, "2026-03-29", "03:30", "10:00", "2026-03-29T01:00Z/2026-03-29T07:00Z")]
    // Fall back: a start in the repeated hour takes its earlier occurrence, an end its later one.
    [InlineData(Warsaw, "2026-10-25", "00:00", "06:00", "2026-10-24T22:00Z/2026-10-25T05:00Z")] // 7 h
    [InlineData(Warsaw, "2026-10-25", "01:00", "05:00", "2026-10-24T23:00Z/2026-10-25T04:00Z")] // 5 h
    [InlineData(Warsaw, "2026-10-25", "02:30", "08:00", "2026-10-25T00:30Z/2026-10-25T07:00Z")]
    [InlineData(Warsaw, "2026-10-25", "00:00", "02:30", "2026-10-24T22:00Z/2026-10-25T01:30Z")]
    [InlineData(Warsaw, "2026-10-25", "02:15", "02:45", "2026-10-25T00:15Z/2026-10-25T01:45Z")]
    [InlineData(Vilnius, "2026-10-25", "01:00", "05:00", "2026-10-24T22:00Z/2026-10-25T03:00Z")] // 5 h
    [InlineData(Vilnius, "2026-10-25", "03:30", "09:00", "2026-10-25T00:30Z/2026-10-25T07:00Z")]
    // Santiago changes at local midnight: spring forward skips 2026-09-06 00:00–01:00 ...
    [InlineData(Santiago, "2026-09-06", "00:00", "08:00", "2026-09-06T04:00Z/2026-09-06T11:00Z")] // 7 h
    [InlineData(Santiago, "2026-09-06", "00:30", "01:00", "")]
    [InlineData(Santiago, "2026-09-05", "20:00", "00:00", "2026-09-06T00:00Z/2026-09-06T04:00Z")]
    [InlineData(Santiago, "2026-09-07", "00:00", "08:00", "2026-09-07T03:00Z/2026-09-07T11:00Z")]
    // ... and fall back repeats 2026-04-04 23:00–24:00, so 2026-04-05 00:00 happens once, at 04:00Z.
    [InlineData(Santiago, "2026-04-04", "20:00", "00:00", "2026-04-04T23:00Z/2026-04-05T04:00Z")] // 5 h
    [InlineData(Santiago, "2026-04-04", "23:30", "00:00", "2026-04-05T02:30Z/2026-04-05T04:00Z")]
    [InlineData(Santiago, "2026-04-04", "22:00", "23:30", "2026-04-05T01:00Z/2026-04-05T03:30Z")]
    [InlineData(Santiago, "2026-04-05", "00:00", "08:00", "2026-04-05T04:00Z/2026-04-05T12:00Z")]
    [InlineData(Santiago, "2026-04-03", "00:00", "08:00", "2026-04-03T03:00Z/2026-04-03T11:00Z")]
    public void Spans_across_a_change_are_widened_never_shortened(
        string zone, string localDate, string start, string end, string expected)
    {
        var working = WorkingTime.ForLocalDate(EveryDay(start, end), [], LocationA, zone, Date(localDate));

        Assert.Equal(expected, Show(working));
    }

    [Theory]
    [InlineData(Warsaw, "2026-03-28", 24)]
    [InlineData(Warsaw, "2026-03-29", 23)]
    [InlineData(Warsaw, "2026-10-25", 25)]
    [InlineData(Vilnius, "2026-03-29", 23)]
    [InlineData(Vilnius, "2026-10-25", 25)]
    [InlineData(Vilnius, "2026-10-26", 24)]
    [InlineData(Santiago, "2026-04-04", 25)]
    [InlineData(Santiago, "2026-04-05", 24)]
    [InlineData(Santiago, "2026-09-05", 24)]
    [InlineData(Santiago, "2026-09-06", 23)]
    public void A_whole_working_day_lasts_as_long_as_the_local_day(string zone, string localDate, int hours)
    {
        var working = WorkingTime.ForLocalDate(EveryDay("00:00", "00:00"), [], LocationA, zone, Date(localDate));

        var day = Assert.Single(working);
        Assert.Equal(TimeSpan.FromHours(hours), day.Length);
    }

    [Theory]
    // Working 00:00–06:00 every day.
    [InlineData(Warsaw, "2026-10-25", "off", "")]
    [InlineData(Warsaw, "2026-10-25", "off 02:10-02:20", // both occurrences of 02:10–02:20 and the time between them
        "2026-10-24T22:00Z/2026-10-25T00:10Z; 2026-10-25T01:20Z/2026-10-25T05:00Z")]
    [InlineData(Warsaw, "2026-10-25", "off 00:00-02:30", "2026-10-25T01:30Z/2026-10-25T05:00Z")]
    [InlineData(Warsaw, "2026-03-29", "off 02:30-03:30", "2026-03-28T23:00Z/2026-03-29T01:00Z; 2026-03-29T01:30Z/2026-03-29T04:00Z")]
    [InlineData(Warsaw, "2026-10-25", "extra 06:00-07:00", "2026-10-24T22:00Z/2026-10-25T06:00Z")]
    [InlineData(Santiago, "2026-09-06", "off 00:00-02:00", "2026-09-06T05:00Z/2026-09-06T09:00Z")]
    [InlineData(Santiago, "2026-04-04", "extra 23:00-00:00", "2026-04-04T03:00Z/2026-04-04T09:00Z; 2026-04-05T02:00Z/2026-04-05T04:00Z")]
    public void Exceptions_on_a_change_day(string zone, string localDate, string exceptions, string expected)
    {
        var working = WorkingTime.ForLocalDate(
            EveryDay("00:00", "06:00"), Exceptions(localDate, exceptions), LocationA, zone, Date(localDate));

        Assert.Equal(expected, Show(working));
    }

    [Theory]
    // Working 00:00–06:00 every day: the changes of Warsaw fall inside it.
    [InlineData(Warsaw, "2026-10-25T00:30Z", "2026-10-25T01:30Z", true)] // 02:30 +02 to 02:30 +01
    [InlineData(Warsaw, "2026-10-24T22:00Z", "2026-10-25T05:00Z", true)] // the whole 7-hour span
    [InlineData(Warsaw, "2026-10-25T04:30Z", "2026-10-25T05:30Z", false)]
    [InlineData(Warsaw, "2026-03-29T00:30Z", "2026-03-29T01:30Z", true)] // 01:30 +01 to 03:30 +02
    [InlineData(Warsaw, "2026-03-28T23:00Z", "2026-03-29T04:00Z", true)]
    [InlineData(Warsaw, "2026-03-29T03:30Z", "2026-03-29T04:30Z", false)]
    public void Covers_a_range_straddling_the_change(string zone, string startUtc, string endUtc, bool expected)
    {
        Assert.Equal(expected, WorkingTime.Covers(EveryDay("00:00", "06:00"), [], LocationA, zone, Range(startUtc, endUtc)));
    }

    [Theory]
    // Night shifts 20:00–00:00 then 00:00–06:00, the change between them.
    [InlineData(Warsaw, "2026-10-24T18:00Z", "2026-10-25T05:00Z", true)] // 20:00 +02 to 06:00 +01: 11 h
    [InlineData(Warsaw, "2026-10-24T18:00Z", "2026-10-25T05:01Z", false)]
    [InlineData(Warsaw, "2026-03-28T19:00Z", "2026-03-29T04:00Z", true)] // 20:00 +01 to 06:00 +02: 9 h
    [InlineData(Vilnius, "2026-10-24T17:00Z", "2026-10-25T04:00Z", true)]
    [InlineData(Vilnius, "2026-03-28T18:00Z", "2026-03-29T03:00Z", true)]
    [InlineData(Vilnius, "2026-03-28T17:59Z", "2026-03-29T03:00Z", false)]
    public void Covers_a_night_shift_across_midnight_and_the_change(string zone, string startUtc, string endUtc, bool expected)
    {
        WeeklyHours[] nights = [.. EveryDay("20:00", "00:00"), .. EveryDay("00:00", "06:00")];

        Assert.Equal(expected, WorkingTime.Covers(nights, [], LocationA, zone, Range(startUtc, endUtc)));
    }

    [Theory]
    // Extra hours only: the evening before the change until midnight, then the morning after it from 00:00 (or 01:00).
    [InlineData("2026-04-04", "2026-04-05", "00:00", "2026-04-05T02:00Z", "2026-04-05T06:00Z", true)] // spans the repeated hour
    [InlineData("2026-04-04", "2026-04-05", "01:00", "2026-04-05T02:00Z", "2026-04-05T06:00Z", false)]
    [InlineData("2026-04-04", "2026-04-05", "00:00", "2026-04-04T23:00Z", "2026-04-05T12:00Z", true)] // 20:00 −03 to 08:00 −04
    [InlineData("2026-09-05", "2026-09-06", "00:00", "2026-09-06T02:00Z", "2026-09-06T06:00Z", true)] // spans the skipped hour
    [InlineData("2026-09-05", "2026-09-06", "01:00", "2026-09-06T02:00Z", "2026-09-06T06:00Z", true)] // 01:00 is the first instant after the gap
    [InlineData("2026-09-05", "2026-09-06", "02:00", "2026-09-06T02:00Z", "2026-09-06T06:00Z", false)]
    public void Covers_in_Santiago_across_midnight_on_a_change(
        string evening, string morning, string morningStart, string startUtc, string endUtc, bool expected)
    {
        ScheduleException[] exceptions = [Extra(evening, "20:00", "00:00"), Extra(morning, morningStart, "08:00")];

        Assert.Equal(expected, WorkingTime.Covers([], exceptions, LocationA, Santiago, Range(startUtc, endUtc)));
    }

    [Theory]
    [InlineData(Warsaw, "2026-10-24T00:00Z", "2026-10-27T00:00Z",
        "2026-10-24T07:00Z/2026-10-24T15:00Z; 2026-10-25T08:00Z/2026-10-25T16:00Z; 2026-10-26T08:00Z/2026-10-26T16:00Z")]
    [InlineData(Vilnius, "2026-03-28T00:00Z", "2026-03-31T00:00Z",
        "2026-03-28T07:00Z/2026-03-28T15:00Z; 2026-03-29T06:00Z/2026-03-29T14:00Z; 2026-03-30T06:00Z/2026-03-30T14:00Z")]
    [InlineData(Santiago, "2026-04-04T00:00Z", "2026-04-06T00:00Z",
        "2026-04-04T12:00Z/2026-04-04T20:00Z; 2026-04-05T13:00Z/2026-04-05T21:00Z")]
    public void Between_over_a_change_uses_each_dates_offset(string zone, string startUtc, string endUtc, string expected)
    {
        var working = WorkingTime.Between(EveryDay("09:00", "17:00"), [], LocationA, zone, Range(startUtc, endUtc));

        Assert.Equal(expected, Show(working));
    }

    [Theory]
    [InlineData(Warsaw, "2026-10-23T22:00Z", "2026-10-26T23:00Z")]
    [InlineData(Vilnius, "2026-03-27T22:00Z", "2026-03-30T21:00Z")]
    [InlineData(Santiago, "2026-04-03T03:00Z", "2026-04-06T04:00Z")]
    [InlineData(Santiago, "2026-09-05T04:00Z", "2026-09-08T03:00Z")]
    public void Round_the_clock_days_join_into_one_interval_across_a_change(string zone, string startUtc, string endUtc)
    {
        var window = Range(startUtc, endUtc);

        var working = WorkingTime.Between(EveryDay("00:00", "00:00"), [], LocationA, zone, window);

        Assert.Equal(window, Assert.Single(working));
        Assert.True(WorkingTime.Covers(EveryDay("00:00", "00:00"), [], LocationA, zone, window));
    }
}
