using Realtime.Grains.Domain.Availability;
using Realtime.Grains.Interfaces.Availability;
using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Interfaces.Organizations;
using static Realtime.Domain.Tests.Schedules.ScheduleData;

namespace Realtime.Domain.Tests.Availability;

public sealed class AvailabilityRulesTests
{
    private static readonly DateTimeOffset Now = Utc("2026-06-01T08:07Z");

    private static AvailabilityQuery Query(DateTimeOffset from, DateTimeOffset to) =>
        new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), null, from, to, ApplyClientPolicy: false);

    private static ClientPolicy Policy(int noticeHours, int horizonDays) =>
        ClientPolicy.Default with { BookingNoticeHours = noticeHours, BookingHorizonDays = horizonDays };

    [Fact]
    public void A_window_of_up_to_31_days_is_valid()
    {
        Assert.Empty(AvailabilityRules.Validate(Query(Now, Now.AddDays(31)), Now));
        Assert.Empty(AvailabilityRules.Validate(Query(Now.AddDays(-3), Now.AddMinutes(1)), Now));
    }

    [Fact]
    public void Thirty_one_local_days_across_the_autumn_change_are_valid()
    {
        var october = AvailabilityRules.LocalDays("Europe/Warsaw", Date("2026-10-01"), Date("2026-10-31"));

        Assert.Equal(TimeSpan.FromDays(31) + TimeSpan.FromHours(1), october.Length);
        Assert.Empty(AvailabilityRules.Validate(Query(october.Start, october.End), Now));
    }

    public static TheoryData<string, Func<AvailabilityQuery, AvailabilityQuery>> InvalidQueries => new()
    {
        { "to", q => q with { To = q.From } },
        { "to", q => q with { To = q.From.AddHours(-1) } },
        { "to", q => q with { To = q.From.AddDays(32) } },
        { "from", q => q with { From = Now.AddYears(-6) } },
        { "to", q => q with { To = Now.AddYears(6) } },
        { "serviceId", q => q with { ServiceId = Guid.Empty } },
        { "locationId", q => q with { LocationId = Guid.Empty } },
        { "resourceId", q => q with { ResourceId = Guid.Empty } },
    };

    [Theory]
    [MemberData(nameof(InvalidQueries))]
    public void Invalid_queries_name_the_field(string field, Func<AvailabilityQuery, AvailabilityQuery> change)
    {
        var errors = AvailabilityRules.Validate(change(Query(Now, Now.AddDays(1))), Now);

        Assert.Contains(errors, e => e.Field == field);
    }

    [Fact]
    public void Staff_see_from_now_on_without_notice_or_horizon()
    {
        var allowed = AvailabilityRules.AllowedStarts(new TimeRange(Now.AddDays(-1), Now.AddDays(200)), Now, clientPolicy: null);

        Assert.Equal(new TimeRange(Now, Now.AddDays(200)), allowed);
    }

    [Fact]
    public void Clients_see_from_the_notice_on_and_up_to_the_horizon()
    {
        var allowed = AvailabilityRules.AllowedStarts(new TimeRange(Now.AddDays(-1), Now.AddDays(200)), Now, Policy(2, 90));

        Assert.Equal(new TimeRange(Now.AddHours(2), Now.AddDays(90)), allowed);
    }

    [Fact]
    public void A_window_inside_the_allowed_range_is_kept()
    {
        var window = new TimeRange(Now.AddDays(1), Now.AddDays(2));

        Assert.Equal(window, AvailabilityRules.AllowedStarts(window, Now, Policy(2, 90)));
    }

    [Theory]
    [InlineData(-2, -1)] // in the past
    [InlineData(0, 1)] // inside the notice only
    [InlineData(100, 101)] // beyond the horizon
    public void A_window_outside_the_allowed_range_allows_nothing(int fromHours, int toHours)
    {
        var allowed = AvailabilityRules.AllowedStarts(new TimeRange(Now.AddHours(fromHours), Now.AddHours(toHours)), Now, Policy(2, 4));

        Assert.Equal(TimeSpan.Zero, allowed.Length);
    }

    [Fact]
    public void Notice_and_horizon_bound_the_slots_found()
    {
        var working = new[] { new TimeRange(Utc("2026-06-01T00:00Z"), Utc("2026-06-10T00:00Z")) };
        var allowed = AvailabilityRules.AllowedStarts(new TimeRange(Now, Now.AddDays(7)), Now, Policy(2, 1));
        var search = new SlotSearch("Etc/UTC", allowed, new(60, 0, 0), [Realtime.Grains.Interfaces.Resources.ResourceKind.Staff]);

        var slots = SlotFinder.Find(search, [new SlotCandidate(Guid.NewGuid(), Realtime.Grains.Interfaces.Resources.ResourceKind.Staff, working, [])]);

        Assert.Equal(Utc("2026-06-01T10:15Z"), slots[0].Start); // 08:07 + 2 h, next quarter-hour
        Assert.Equal(Utc("2026-06-02T08:00Z"), slots[^1].Start); // last quarter-hour before 08:07 the next day
    }

    [Theory]
    [InlineData("Europe/Warsaw", "2026-10-25", "2026-10-24T22:00Z", "2026-10-25T23:00Z")]
    [InlineData("Europe/Warsaw", "2026-03-29", "2026-03-28T23:00Z", "2026-03-29T22:00Z")]
    [InlineData("America/Santiago", "2026-09-06", "2026-09-06T04:00Z", "2026-09-07T03:00Z")] // starts at 01:00, midnight is skipped
    public void A_local_day_runs_from_its_first_instant_to_the_next_day_s(string zone, string date, string start, string end)
    {
        Assert.Equal(Range(start, end), AvailabilityRules.LocalDays(zone, Date(date), Date(date)));
    }
}
