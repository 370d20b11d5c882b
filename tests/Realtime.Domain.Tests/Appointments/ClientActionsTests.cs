using Realtime.Grains.Domain.Appointments;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Interfaces.Organizations;

namespace Realtime.Domain.Tests.Appointments;

public sealed class ClientActionsTests
{
    private static readonly Guid Ann = Guid.NewGuid();
    private static readonly Guid Bea = Guid.NewGuid();
    private static readonly DateTimeOffset Now = new(2026, 6, 8, 12, 0, 0, TimeSpan.FromHours(2));
    private static readonly ClientPolicy Policy = ClientPolicy.Default with { CancelNoticeHours = 24, RescheduleNoticeHours = 48, MaxReschedules = 2 };

    /// <summary>Ann's visit; with <paramref name="seats"/>, a class whose first seat holder booked it.</summary>
    private static AppointmentView Visit(
        int startsInHours, AppointmentStatus status = AppointmentStatus.Booked, int reschedules = 0, Guid[]? seats = null, int capacity = 1)
    {
        Guid[] holders = seats ?? [Ann];
        return new(
            Guid.NewGuid(), 1, Guid.NewGuid(), Guid.NewGuid(), AppointmentKind.Appointment, status, [], [], holders[0],
            Now.AddHours(startsInHours), 60, 0, 0, false, null, [], [], null, false, false, null, false, reschedules, null, [],
            Now, Now, holders, capacity);
    }

    private static (string? Confirm, string? Cancel, string? Reschedule) Refusals(AppointmentView visit, ClientPolicy? policy = null, bool blacklisted = false) => (
        ClientActions.CheckConfirm(visit, Ann, Now)?.Code,
        ClientActions.CheckCancel(visit, Ann, policy ?? Policy, Now)?.Code,
        ClientActions.CheckReschedule(visit, Ann, policy ?? Policy, blacklisted, Now)?.Code);

    [Fact]
    public void A_visit_well_ahead_may_be_confirmed_cancelled_and_moved()
    {
        Assert.Equal((null, null, null), Refusals(Visit(72)));
    }

    [Fact]
    public void Inside_a_notice_the_client_hears_the_notice_that_refuses_them()
    {
        Assert.Equal((null, null, ErrorCodes.PolicyRescheduleNotice), Refusals(Visit(36)));
        Assert.Equal((null, ErrorCodes.PolicyCancelNotice, ErrorCodes.PolicyRescheduleNotice), Refusals(Visit(12)));
    }

    [Fact]
    public void The_policy_may_forbid_cancelling_and_count_the_moves()
    {
        Assert.Equal((null, ErrorCodes.PolicyCancelNotAllowed, null), Refusals(Visit(72), Policy with { ClientMayCancel = false }));
        Assert.Equal((null, null, ErrorCodes.PolicyMaxReschedules), Refusals(Visit(72, reschedules: 2)));
    }

    [Fact]
    public void A_blacklisted_client_may_confirm_and_cancel_but_not_move()
    {
        Assert.Equal((null, null, ErrorCodes.ClientBlacklisted), Refusals(Visit(72), blacklisted: true));
    }

    [Fact]
    public void In_a_class_others_hold_the_client_may_give_their_seat_up_but_not_move_it()
    {
        Assert.Equal((null, null, ErrorCodes.PolicyGroupReschedule), Refusals(Visit(72, seats: [Bea, Ann], capacity: 8)));
        Assert.Equal((null, null, null), Refusals(Visit(72, seats: [Ann], capacity: 8)));
    }

    [Fact]
    public void A_class_the_client_left_is_theirs_to_read_only()
    {
        var left = Visit(72, seats: [Bea], capacity: 8);

        Assert.Equal((ErrorCodes.InvalidTransition, ErrorCodes.InvalidTransition, ErrorCodes.InvalidTransition), Refusals(left));
    }

    [Fact]
    public void What_is_over_is_not_changed_online()
    {
        Assert.Equal((ErrorCodes.InvalidTransition, ErrorCodes.InvalidTransition, ErrorCodes.InvalidTransition), Refusals(Visit(72, AppointmentStatus.Cancelled)));
        Assert.Equal((ErrorCodes.InvalidTransition, ErrorCodes.PolicyCancelNotice, ErrorCodes.InvalidTransition), Refusals(Visit(-24, AppointmentStatus.Completed)));
        Assert.Equal((ErrorCodes.InvalidTransition, ErrorCodes.PolicyCancelNotice, ErrorCodes.InvalidTransition), Refusals(Visit(0, AppointmentStatus.Arrived)));
    }
}
