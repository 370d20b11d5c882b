using NodaTime;
using Realtime.Grains.Domain.Appointments;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Common;
using static Realtime.Grains.Interfaces.Appointments.AppointmentAction;
using static Realtime.Grains.Interfaces.Appointments.AppointmentStatus;

namespace Realtime.Domain.Tests.Appointments;

public sealed class AppointmentTransitionsTests
{
    /// <summary>DESIGN.md section 2, row by row: (from, action, end passed?) -> to. Anything absent is refused.</summary>
    private static readonly Dictionary<(AppointmentStatus, AppointmentAction, bool), AppointmentStatus> Table = Build(
        (Booked, Confirm, (bool?)null, Booked),
        (Booked, Unconfirm, (bool?)null, Booked),
        (Booked, Arrive, (bool?)null, Arrived),
        (Booked, Complete, (bool?)null, Completed), (Arrived, Complete, (bool?)null, Completed), (Past, Complete, (bool?)null, Completed),
        (Booked, Cancel, (bool?)null, Cancelled), (Arrived, Cancel, (bool?)null, Cancelled), (Past, Cancel, (bool?)null, Cancelled),
        (Booked, AppointmentAction.NoShow, (bool?)null, AppointmentStatus.NoShow), (Arrived, AppointmentAction.NoShow, (bool?)null, AppointmentStatus.NoShow),
        (Past, AppointmentAction.NoShow, (bool?)null, AppointmentStatus.NoShow),
        (Booked, MarkPast, true, Past),
        (Completed, UndoCompletion, false, Booked), (Completed, UndoCompletion, true, Past),
        (Completed, Cancel, (bool?)null, Cancelled),
        (Cancelled, Restore, false, Booked), (Cancelled, Restore, true, Past),
        (AppointmentStatus.NoShow, Restore, false, Booked), (AppointmentStatus.NoShow, Restore, true, Past),
        (Cancelled, Complete, (bool?)null, Completed), (AppointmentStatus.NoShow, Complete, (bool?)null, Completed),
        (Cancelled, Reschedule, (bool?)null, Booked),
        (Booked, Reschedule, (bool?)null, Booked), (Arrived, Reschedule, (bool?)null, Arrived),
        (Booked, Update, (bool?)null, Booked), (Arrived, Update, (bool?)null, Arrived), (Past, Update, (bool?)null, Past),
        (Completed, Update, (bool?)null, Completed), (Cancelled, Update, (bool?)null, Cancelled), (AppointmentStatus.NoShow, Update, (bool?)null, AppointmentStatus.NoShow),
        (Booked, Delete, (bool?)null, Booked), (Arrived, Delete, (bool?)null, Arrived), (Past, Delete, (bool?)null, Past),
        (Completed, Delete, (bool?)null, Completed), (Cancelled, Delete, (bool?)null, Cancelled), (AppointmentStatus.NoShow, Delete, (bool?)null, AppointmentStatus.NoShow));

    public static TheoryData<AppointmentStatus, AppointmentAction, bool> EveryCombination()
    {
        var data = new TheoryData<AppointmentStatus, AppointmentAction, bool>();
        foreach (var from in Enum.GetValues<AppointmentStatus>())
        foreach (var action in Enum.GetValues<AppointmentAction>())
        foreach (var endHasPassed in new[] { false, true })
        {
            data.Add(from, action, endHasPassed);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryCombination))]
    public void Appointment_follows_the_status_table(AppointmentStatus from, AppointmentAction action, bool endHasPassed)
    {
        var result = AppointmentTransitions.Next(AppointmentKind.Appointment, from, action, endHasPassed);

        if (Table.TryGetValue((from, action, endHasPassed), out var expected))
        {
            Assert.Null(result.Error);
            Assert.Equal(expected, result.Value);
        }
        else
        {
            Assert.Equal(ErrorCodes.InvalidTransition, result.Error?.Code);
            Assert.False(string.IsNullOrWhiteSpace(result.Error!.Message));
        }
    }

    [Theory]
    [InlineData(Confirm)]
    [InlineData(Arrive)]
    [InlineData(Complete)]
    [InlineData(AppointmentAction.NoShow)]
    public void Break_refuses_client_actions(AppointmentAction action)
    {
        var result = AppointmentTransitions.Next(AppointmentKind.Break, Booked, action, endHasPassed: false);

        Assert.Equal(ErrorCodes.InvalidTransition, result.Error?.Code);
    }

    [Theory]
    [InlineData(Cancel, Cancelled)]
    [InlineData(Reschedule, Booked)]
    [InlineData(Delete, Booked)]
    public void Break_can_be_moved_cancelled_and_deleted(AppointmentAction action, AppointmentStatus expected)
    {
        Assert.Equal(expected, AppointmentTransitions.Next(AppointmentKind.Break, Booked, action, endHasPassed: false).Value);
    }

    [Fact]
    public void A_no_show_is_marked_once_the_visit_has_begun()
    {
        var start = new DateTimeOffset(2027, 1, 20, 10, 0, 0, TimeSpan.Zero);

        var early = AppointmentTransitions.CheckNoShowTime(start, start.AddMinutes(-1));
        Assert.Equal(ErrorCodes.VisitNotStarted, early?.Code);
        Assert.Equal(["start"], early?.Fields.Select(f => f.Field));
        Assert.Null(AppointmentTransitions.CheckNoShowTime(start, start));
        Assert.Null(AppointmentTransitions.CheckNoShowTime(start, start.AddDays(3)));
    }

    [Fact]
    public void A_visit_is_completed_from_its_local_day_on()
    {
        var warsaw = DateTimeZoneProviders.Tzdb["Europe/Warsaw"];
        var start = new DateTimeOffset(2027, 1, 20, 16, 0, 0, TimeSpan.FromHours(1));

        Assert.Null(AppointmentTransitions.CheckCompletionTime(Booked, start, new DateTimeOffset(2027, 1, 20, 0, 5, 0, TimeSpan.FromHours(1)), warsaw));
        Assert.Null(AppointmentTransitions.CheckCompletionTime(Past, start, start.AddDays(2), warsaw));
        var early = AppointmentTransitions.CheckCompletionTime(Booked, start, new DateTimeOffset(2027, 1, 19, 23, 55, 0, TimeSpan.FromHours(1)), warsaw);
        Assert.Equal(ErrorCodes.VisitNotStarted, early?.Code);
        Assert.Equal("start", Assert.Single(early!.Fields).Field);
        Assert.Equal(ErrorCodes.VisitNotStarted, AppointmentTransitions.CheckCompletionTime(Cancelled, start, start.AddDays(-7), warsaw)?.Code);
    }

    [Fact]
    public void A_client_is_checked_in_from_the_visits_local_day_on()
    {
        var warsaw = DateTimeZoneProviders.Tzdb["Europe/Warsaw"];
        var start = new DateTimeOffset(2027, 1, 20, 16, 0, 0, TimeSpan.FromHours(1));

        Assert.Null(AppointmentTransitions.CheckArrivalTime(start, new DateTimeOffset(2027, 1, 20, 0, 5, 0, TimeSpan.FromHours(1)), warsaw));
        Assert.Null(AppointmentTransitions.CheckArrivalTime(start, start.AddHours(1), warsaw));
        var early = AppointmentTransitions.CheckArrivalTime(start, new DateTimeOffset(2027, 1, 19, 23, 55, 0, TimeSpan.FromHours(1)), warsaw);
        Assert.Equal(ErrorCodes.VisitNotStarted, early?.Code);
        Assert.Equal("start", Assert.Single(early!.Fields).Field);
    }

    [Fact]
    public void An_arrived_client_is_completed_whenever()
    {
        var start = new DateTimeOffset(2027, 1, 21, 10, 0, 0, TimeSpan.FromHours(1));

        Assert.Null(AppointmentTransitions.CheckCompletionTime(Arrived, start, start.AddDays(-1), DateTimeZoneProviders.Tzdb["Europe/Warsaw"]));
    }

    [Fact]
    public void The_day_is_the_locations_even_on_a_clock_change_far_from_utc()
    {
        // Auckland moves to +13 at 02:00 on 26 September 2027: late that evening, a visit half past midnight the next
        // day is an hour away and on the same UTC date, yet tomorrow there.
        var auckland = DateTimeZoneProviders.Tzdb["Pacific/Auckland"];
        var lateOnTheChangeDay = new DateTimeOffset(2027, 9, 26, 23, 30, 0, TimeSpan.FromHours(13));
        var earlyTomorrow = new DateTimeOffset(2027, 9, 27, 0, 30, 0, TimeSpan.FromHours(13));
        Assert.Equal(lateOnTheChangeDay.UtcDateTime.Date, earlyTomorrow.UtcDateTime.Date);

        Assert.Equal(ErrorCodes.VisitNotStarted, AppointmentTransitions.CheckCompletionTime(Booked, earlyTomorrow, lateOnTheChangeDay, auckland)?.Code);
        // The same day there, right after the skipped hour, seen just after midnight (still at +12): allowed.
        var afterTheSkippedHour = new DateTimeOffset(2027, 9, 26, 3, 30, 0, TimeSpan.FromHours(13));
        Assert.Null(AppointmentTransitions.CheckCompletionTime(Booked, afterTheSkippedHour, new DateTimeOffset(2027, 9, 26, 0, 10, 0, TimeSpan.FromHours(12)), auckland));
        // Behind UTC, the local evening's visit falls on the next UTC date: still today's.
        var honolulu = DateTimeZoneProviders.Tzdb["Pacific/Honolulu"];
        Assert.Null(AppointmentTransitions.CheckCompletionTime(
            Booked, new DateTimeOffset(2027, 1, 20, 20, 0, 0, TimeSpan.FromHours(-10)), new DateTimeOffset(2027, 1, 20, 8, 0, 0, TimeSpan.FromHours(-10)), honolulu));
    }

    [Theory]
    [InlineData(Booked, true)]
    [InlineData(Arrived, true)]
    [InlineData(Completed, true)]
    [InlineData(Past, true)]
    [InlineData(Cancelled, false)]
    [InlineData(AppointmentStatus.NoShow, false)]
    public void Only_live_statuses_occupy_time(AppointmentStatus status, bool occupies) =>
        Assert.Equal(occupies, AppointmentTransitions.OccupiesTime(status));

    private static Dictionary<(AppointmentStatus, AppointmentAction, bool), AppointmentStatus> Build(
        params (AppointmentStatus From, AppointmentAction Action, bool? EndHasPassed, AppointmentStatus To)[] rows)
    {
        var table = new Dictionary<(AppointmentStatus, AppointmentAction, bool), AppointmentStatus>();
        foreach (var row in rows)
        {
            foreach (var endHasPassed in row.EndHasPassed is { } fixedValue ? [fixedValue] : new[] { false, true })
            {
                table.Add((row.From, row.Action, endHasPassed), row.To);
            }
        }

        return table;
    }
}
