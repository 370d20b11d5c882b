using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Projections;
using static Realtime.Domain.Tests.Schedules.ScheduleData;

namespace Realtime.Domain.Tests.Reports;

public class ReportDateRangeTests
{
    [Fact]
    public void Two_local_dates_make_a_range_that_includes_both()
    {
        var range = ReportDateRange.Parse("2026-06-01", "2026-06-30");

        Assert.True(range.IsSuccess);
        Assert.Equal(new ReportDateRange(Date("2026-06-01"), Date("2026-06-30")), range.Value);
        Assert.Equal(30, range.Value!.Days);
    }

    [Fact]
    public void One_day_is_a_range()
    {
        Assert.Equal(1, ReportDateRange.Parse("2026-06-01", "2026-06-01").Value!.Days);
    }

    [Theory]
    [InlineData(null, "2026-06-01", "from")]
    [InlineData("", "2026-06-01", "from")]
    [InlineData("2026-06-01", "  ", "to")]
    [InlineData("01.06.2026", "2026-06-01", "from")]
    [InlineData("2026-06-01T00:00:00Z", "2026-06-02", "from")]
    [InlineData("2026-02-30", "2026-03-02", "from")]
    [InlineData("2026-06-01", "2026-6-2", "to")]
    [InlineData("2026-06-02", "2026-06-01", "to")] // before the first date
    [InlineData("2026-01-01", "2027-01-02", "to")] // 367 days
    [InlineData("1899-12-31", "1900-01-01", "from")]
    [InlineData("2999-12-31", "3000-01-01", "to")]
    public void Missing_malformed_reversed_too_long_or_absurd_dates_are_field_errors(string? from, string? to, string field)
    {
        var range = ReportDateRange.Parse(from, to);

        Assert.False(range.IsSuccess);
        Assert.Equal(ErrorCodes.ValidationFailed, range.Error!.Code);
        Assert.Equal([field], range.Error.Fields.Select(f => f.Field).Distinct());
    }

    [Fact]
    public void Both_dates_are_reported_when_both_are_wrong()
    {
        var range = ReportDateRange.Parse(null, "tomorrow");

        Assert.Equal(["from", "to"], range.Error!.Fields.Select(f => f.Field));
    }

    [Fact]
    public void At_most_366_days()
    {
        Assert.Equal(366, ReportDateRange.Parse("2028-01-01", "2028-12-31").Value!.Days); // a leap year
        Assert.True(ReportDateRange.Parse("2027-01-01", "2028-01-01").IsSuccess);
        Assert.False(ReportDateRange.Parse("2027-01-01", "2028-01-02").IsSuccess);
    }

    [Theory]
    // Warsaw in summer is UTC+02.
    [InlineData("Europe/Warsaw", "2026-06-01", "2026-06-01", "2026-05-31T22:00Z", "2026-06-01T22:00Z")]
    // Spring forward on 2026-03-29: the day lasts 23 hours.
    [InlineData("Europe/Warsaw", "2026-03-29", "2026-03-29", "2026-03-28T23:00Z", "2026-03-29T22:00Z")]
    // Fall back on 2026-10-25: the day lasts 25 hours.
    [InlineData("Europe/Warsaw", "2026-10-25", "2026-10-25", "2026-10-24T22:00Z", "2026-10-25T23:00Z")]
    // Santiago in January is UTC-03; a whole month.
    [InlineData("America/Santiago", "2026-01-01", "2026-01-31", "2026-01-01T03:00Z", "2026-02-01T03:00Z")]
    public void The_dates_become_instants_from_local_midnight_to_local_midnight_after_the_last_date(
        string timeZone, string from, string to, string startUtc, string endUtc)
    {
        var period = ReportDateRange.Parse(from, to).Value!.ToInstants(timeZone);

        Assert.Equal(Range(startUtc, endUtc), period);
    }

    [Fact]
    public void A_day_that_starts_inside_a_daylight_saving_gap_starts_when_the_gap_ends()
    {
        // America/Santiago springs forward at local midnight: 2026-09-06 00:00 does not exist, the day starts at 01:00 (-03).
        var period = ReportDateRange.Parse("2026-09-06", "2026-09-06").Value!.ToInstants("America/Santiago");

        Assert.Equal(Utc("2026-09-06T04:00Z"), period.Start);
        Assert.Equal(Utc("2026-09-07T03:00Z"), period.End);
    }
}
