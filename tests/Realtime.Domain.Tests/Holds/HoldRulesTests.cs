using Realtime.Grains.Domain.Holds;
using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Interfaces.Holds;

namespace Realtime.Domain.Tests.Holds;

public class HoldRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private static readonly Guid Ewa = Guid.NewGuid();
    private static readonly Actor EwaActor = new(ActorKind.Client, Ewa.ToString(), "client");

    private static HoldSlot Slot(DateTimeOffset start, TimeSpan? lifetime = null, Guid[]? resources = null, Guid[]? services = null) =>
        new(Guid.NewGuid(), Guid.NewGuid(), resources ?? [Guid.NewGuid()], services ?? [Guid.NewGuid()], start, Ewa,
            lifetime ?? HoldRules.DefaultLifetime, EwaActor);

    private static HoldView Hold(Guid? holder, DateTimeOffset expiresAt) =>
        new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), holder, [Guid.NewGuid()], [Guid.NewGuid()], Now.AddHours(2), Now.AddHours(3),
            new TimeRange(Now.AddHours(2), Now.AddHours(3)), expiresAt);

    [Fact]
    public void A_client_may_hold_one_more_slot_while_fewer_than_the_limit_of_their_others_still_live()
    {
        DateTimeOffset[] live = [.. Enumerable.Repeat(Now.AddMinutes(1), HoldRules.MaxPerClient - 1)];

        Assert.True(HoldRules.AdmitsAnother([], Now));
        Assert.True(HoldRules.AdmitsAnother(live, Now));
        Assert.False(HoldRules.AdmitsAnother([.. live, Now.AddSeconds(1)], Now));
        Assert.True(HoldRules.AdmitsAnother([.. live, Now], Now)); // expired at this instant
        Assert.Equal(ErrorCodes.TooManyHolds, HoldRules.TooMany().Code);
    }

    [Fact]
    public void A_future_slot_of_services_on_resources_for_a_sensible_while_is_valid() =>
        Assert.Empty(HoldRules.Validate(Slot(Now.AddHours(1)), Now));

    [Fact]
    public void Each_wrong_part_of_a_hold_is_named()
    {
        var fields = HoldRules.Validate(Slot(Now, TimeSpan.FromHours(2), resources: [], services: []), Now).Select(f => f.Field);

        Assert.Equal(["lifetime", "resourceIds", "serviceIds", "start"], fields.Order());
    }

    [Theory]
    [InlineData(0.5, false)]
    [InlineData(1, true)]
    [InlineData(3600, true)]
    [InlineData(3601, false)]
    public void A_hold_lasts_from_a_second_to_an_hour(double seconds, bool valid) =>
        Assert.Equal(valid, HoldRules.Validate(Slot(Now.AddDays(1), TimeSpan.FromSeconds(seconds)), Now).Length == 0);

    [Fact]
    public void A_hold_keeps_its_slot_until_the_instant_it_expires()
    {
        var hold = Hold(Ewa, Now.AddMinutes(5));

        Assert.True(HoldRules.IsLive(hold, Now));
        Assert.True(HoldRules.IsLive(hold, Now.AddMinutes(5).AddTicks(-1)));
        Assert.False(HoldRules.IsLive(hold, Now.AddMinutes(5)));
    }

    [Fact]
    public void A_client_hold_is_booked_by_its_holder_or_staff_and_a_business_hold_by_anyone()
    {
        var other = Guid.NewGuid();
        var staff = Actor.Staff("desk", "Desk");

        Assert.True(HoldRules.MayBook(Hold(Ewa, Now), EwaActor, Ewa));
        Assert.False(HoldRules.MayBook(Hold(Ewa, Now), new Actor(ActorKind.Client, other.ToString(), "client"), other));
        Assert.True(HoldRules.MayBook(Hold(Ewa, Now), staff, other));
        Assert.True(HoldRules.MayBook(Hold(null, Now), EwaActor, Ewa));
    }

    [Fact]
    public void Only_staff_take_the_time_of_a_waitlist_offer_s_hold_the_business_s_hold_without_a_client()
    {
        Assert.True(HoldRules.IsOffer(null));
        Assert.False(HoldRules.IsOffer(Ewa));
        Assert.True(HoldRules.TakesOfferHolds(Actor.Staff("desk", "Desk")));
        Assert.False(HoldRules.TakesOfferHolds(EwaActor));
        Assert.False(HoldRules.TakesOfferHolds(Actor.Scheduler));
    }

    [Fact]
    public void The_same_request_repeats_a_live_hold_whatever_its_lifetime_and_actor_but_another_slot_or_holder_does_not()
    {
        var command = Slot(Now.AddHours(2), resources: [Guid.NewGuid(), Guid.NewGuid()]);
        var hold = new HoldView(
            Guid.NewGuid(), command.OrganizationId, command.LocationId, Ewa, [.. command.ResourceIds], [.. command.ServiceIds], command.Start,
            command.Start.AddHours(1), new TimeRange(command.Start, command.Start.AddHours(1)), Now.AddMinutes(5));

        Assert.True(HoldRules.Repeats(hold, command with { Lifetime = TimeSpan.FromMinutes(1), Actor = Actor.Staff("key-1", "Desk") }));
        Assert.False(HoldRules.Repeats(hold, command with { ClientId = Guid.NewGuid() }));
        Assert.False(HoldRules.Repeats(hold, command with { ClientId = null }));
        Assert.False(HoldRules.Repeats(hold, command with { Start = command.Start.AddMinutes(15) }));
        Assert.False(HoldRules.Repeats(hold, command with { ServiceIds = [Guid.NewGuid()] }));
        Assert.False(HoldRules.Repeats(hold, command with { LocationId = Guid.NewGuid() }));
    }
}
