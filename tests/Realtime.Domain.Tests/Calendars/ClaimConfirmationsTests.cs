using Realtime.Grains.Domain.Calendars;
using Realtime.Grains.Interfaces.Calendars;
using Realtime.Grains.Interfaces.Common;

namespace Realtime.Domain.Tests.Calendars;

public sealed class ClaimConfirmationsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly Reservation Held = new(Guid.NewGuid(), TimeRange.FromMinutes(Now.AddDays(1), 30));
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public void A_claim_until_changed_is_trusted_for_the_trust_period_only()
    {
        var confirmations = new ClaimConfirmations(Second);

        confirmations.Confirm(Held, DateTimeOffset.MaxValue, Now);

        Assert.True(confirmations.Confirmed(Held, Now.AddMilliseconds(999)));
        Assert.False(confirmations.Confirmed(Held, Now.AddSeconds(1)));
    }

    [Fact]
    public void A_hold_is_trusted_no_longer_than_it_lasts()
    {
        var confirmations = new ClaimConfirmations(Second);

        confirmations.Confirm(Held, Now.AddMilliseconds(300), Now);

        Assert.True(confirmations.Confirmed(Held, Now.AddMilliseconds(299)));
        Assert.False(confirmations.Confirmed(Held, Now.AddMilliseconds(300)));
    }

    [Fact]
    public void Nothing_is_trusted_unasked_for_another_reservation_or_once_forgotten()
    {
        var confirmations = new ClaimConfirmations(Second);
        Assert.False(confirmations.Confirmed(Held, Now));

        confirmations.Confirm(Held, DateTimeOffset.MaxValue, Now);
        Assert.False(confirmations.Confirmed(Held with { Occupied = TimeRange.FromMinutes(Now.AddDays(1), 45) }, Now));
        Assert.False(confirmations.Confirmed(Held with { AppointmentId = Guid.NewGuid() }, Now));

        confirmations.Forget(Held);
        Assert.False(confirmations.Confirmed(Held, Now));
    }

    [Fact]
    public void A_new_answer_replaces_the_old()
    {
        var confirmations = new ClaimConfirmations(Second);
        confirmations.Confirm(Held, DateTimeOffset.MaxValue, Now);

        confirmations.Confirm(Held, DateTimeOffset.MaxValue, Now.AddSeconds(5));

        Assert.True(confirmations.Confirmed(Held, Now.AddSeconds(5.5)));
    }
}
