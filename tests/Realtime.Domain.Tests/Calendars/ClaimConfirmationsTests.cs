using Realtime.Grains.Domain.Calendars;
using Realtime.Grains.Interfaces.Calendars;
using Realtime.Grains.Interfaces.Common;

namespace Realtime.Domain.Tests.Calendars;

public sealed class ClaimConfirmationsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly Reservation Held = new(Guid.NewGuid(), TimeRange.FromMinutes(Now.AddDays(1), 30));
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly ReservationClaim UntilChanged = new(DateTimeOffset.MaxValue, GivesWayToStaff: false);

    [Fact]
    public void A_claim_until_changed_is_trusted_for_the_trust_period_only_and_told_as_the_holder_gave_it()
    {
        var confirmations = new ClaimConfirmations(Second);

        confirmations.Confirm(Held, UntilChanged, Now);

        Assert.Equal(UntilChanged, confirmations.Trusted(Held, Now.AddMilliseconds(999)));
        Assert.Null(confirmations.Trusted(Held, Now.AddSeconds(1)));
    }

    [Fact]
    public void A_hold_is_trusted_no_longer_than_it_lasts_and_keeps_whether_it_gives_way_to_staff()
    {
        var confirmations = new ClaimConfirmations(Second);

        confirmations.Confirm(Held, new ReservationClaim(Now.AddMilliseconds(300), GivesWayToStaff: true), Now);

        Assert.Equal(new ReservationClaim(Now.AddMilliseconds(300), true), confirmations.Trusted(Held, Now.AddMilliseconds(299)));
        Assert.Null(confirmations.Trusted(Held, Now.AddMilliseconds(300)));
    }

    [Fact]
    public void Nothing_is_trusted_unasked_for_another_reservation_or_once_forgotten()
    {
        var confirmations = new ClaimConfirmations(Second);
        Assert.Null(confirmations.Trusted(Held, Now));

        confirmations.Confirm(Held, UntilChanged, Now);
        Assert.Null(confirmations.Trusted(Held with { Occupied = TimeRange.FromMinutes(Now.AddDays(1), 45) }, Now));
        Assert.Null(confirmations.Trusted(Held with { AppointmentId = Guid.NewGuid() }, Now));

        confirmations.Forget(Held);
        Assert.Null(confirmations.Trusted(Held, Now));
    }

    [Fact]
    public void A_new_answer_replaces_the_old()
    {
        var confirmations = new ClaimConfirmations(Second);
        confirmations.Confirm(Held, UntilChanged, Now);

        confirmations.Confirm(Held, UntilChanged, Now.AddSeconds(5));

        Assert.NotNull(confirmations.Trusted(Held, Now.AddSeconds(5.5)));
    }

    [Theory]
    [InlineData(false, false, true)]
    [InlineData(false, true, true)]
    [InlineData(true, false, true)]
    [InlineData(true, true, false)]
    public void Only_an_offer_hold_lets_staff_through(bool givesWayToStaff, bool takesOfferHolds, bool refuses) =>
        Assert.Equal(refuses, new ReservationClaim(Now, givesWayToStaff).Refuses(takesOfferHolds));
}
