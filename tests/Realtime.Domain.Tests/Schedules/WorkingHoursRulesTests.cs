using Realtime.Grains.Domain.Schedules;
using Realtime.Grains.Interfaces.Resources;
using static Realtime.Domain.Tests.Schedules.ScheduleData;

namespace Realtime.Domain.Tests.Schedules;

public class WorkingHoursRulesTests
{
    private static readonly DateOnly Today = Date("2026-06-01");

    [Theory]
    [InlineData("09:00", "17:00", true)]
    [InlineData("00:00", "00:01", true)]
    [InlineData("20:00", "00:00", true)] // until midnight
    [InlineData("00:00", "00:00", true)] // the whole day
    [InlineData("23:59", "00:00", true)]
    [InlineData("09:00", "09:00", false)]
    [InlineData("17:00", "09:00", false)]
    [InlineData("00:01", "00:00", true)]
    public void Weekly_hours_need_start_before_end(string start, string end, bool valid)
    {
        var errors = WorkingHoursRules.Validate([Weekly(DayOfWeek.Monday, start, end)]);

        if (valid)
        {
            Assert.Empty(errors);
        }
        else
        {
            Assert.Equal("workingHours[0].end", Assert.Single(errors).Field);
        }
    }

    [Fact]
    public void Weekly_errors_name_the_entry_by_index()
    {
        WeeklyHours[] hours =
        [
            Weekly(DayOfWeek.Monday, "09:00", "17:00"),
            Weekly(DayOfWeek.Tuesday, "09:00", "17:00"),
            Weekly(DayOfWeek.Wednesday, "17:00", "09:00"),
            Weekly(DayOfWeek.Thursday, "09:00", "17:00") with { LocationId = Guid.Empty },
            Weekly(DayOfWeek.Friday, "09:00", "17:00") with { DayOfWeek = (DayOfWeek)7 },
        ];

        var errors = WorkingHoursRules.Validate(hours);

        Assert.Equal(
            ["workingHours[2].end", "workingHours[3].locationId", "workingHours[4].dayOfWeek"],
            errors.Select(e => e.Field));
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
    }

    [Fact]
    public void Overlapping_and_touching_weekly_hours_are_allowed()
    {
        WeeklyHours[] hours =
        [
            Weekly(DayOfWeek.Monday, "09:00", "13:00"),
            Weekly(DayOfWeek.Monday, "12:00", "17:00"),
            Weekly(DayOfWeek.Monday, "17:00", "19:00"),
            Weekly(DayOfWeek.Monday, "09:00", "13:00", LocationB),
        ];

        Assert.Empty(WorkingHoursRules.Validate(hours));
    }

    [Fact]
    public void No_weekly_hours_is_valid()
    {
        Assert.Empty(WorkingHoursRules.Validate([]));
    }

    [Theory]
    [InlineData(ScheduleExceptionKind.TimeOff, null, null, "")] // the whole day off
    [InlineData(ScheduleExceptionKind.TimeOff, "12:00", "13:00", "")]
    [InlineData(ScheduleExceptionKind.TimeOff, "00:00", "00:00", "")]
    [InlineData(ScheduleExceptionKind.TimeOff, "12:00", null, "end")]
    [InlineData(ScheduleExceptionKind.TimeOff, null, "13:00", "start")]
    [InlineData(ScheduleExceptionKind.TimeOff, "13:00", "12:00", "end")]
    [InlineData(ScheduleExceptionKind.TimeOff, "12:00", "12:00", "end")]
    [InlineData(ScheduleExceptionKind.ExtraHours, "18:00", "20:00", "")]
    [InlineData(ScheduleExceptionKind.ExtraHours, "18:00", "00:00", "")]
    [InlineData(ScheduleExceptionKind.ExtraHours, null, null, "start,end")]
    [InlineData(ScheduleExceptionKind.ExtraHours, "18:00", null, "end")]
    [InlineData(ScheduleExceptionKind.ExtraHours, null, "20:00", "start")]
    [InlineData(ScheduleExceptionKind.ExtraHours, "20:00", "18:00", "end")]
    [InlineData((ScheduleExceptionKind)9, "10:00", "12:00", "kind")]
    public void Exceptions_need_both_times_or_neither_in_order(
        ScheduleExceptionKind kind, string? start, string? end, string expectedFields)
    {
        var exception = new ScheduleException(
            Guid.NewGuid(), LocationA, Date("2026-06-08"), kind,
            start is null ? null : Time(start), end is null ? null : Time(end), "note");

        var errors = WorkingHoursRules.Validate(exception, Today);

        Assert.Equal(expectedFields, string.Join(",", errors.Select(e => e.Field)));
    }

    [Fact]
    public void Exceptions_need_a_location_and_a_date()
    {
        var exception = TimeOff("2026-06-08") with { LocationId = Guid.Empty, Date = default };

        var errors = WorkingHoursRules.Validate(exception, Today);

        Assert.Equal(["locationId", "date"], errors.Select(e => e.Field));
    }

    [Fact]
    public void An_exception_s_note_is_short()
    {
        Assert.Empty(WorkingHoursRules.Validate(TimeOff("2026-06-08") with { Note = new string('n', WorkingHoursRules.MaxNoteLength) }, Today));
        Assert.Equal(["note"], WorkingHoursRules.Validate(TimeOff("2026-06-08") with { Note = new string('n', 200_000) }, Today).Select(e => e.Field));
    }

    [Theory]
    [InlineData("2000-01-01", true)]
    [InlineData("1999-12-31", false)]
    [InlineData("2031-06-01", true)]
    [InlineData("2031-06-02", false)]
    [InlineData("9999-12-31", false)]
    public void An_exception_is_dated_from_2000_to_five_years_ahead(string date, bool valid)
    {
        var errors = WorkingHoursRules.Validate(TimeOff(date), Today);

        Assert.Equal(valid ? [] : ["date"], errors.Select(e => e.Field));
    }
}
