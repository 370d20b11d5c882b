using Realtime.Grains.Domain.Appointments;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Interfaces.Organizations;
using Realtime.Grains.Interfaces.Resources;

namespace Realtime.Domain.Tests.Appointments;

public sealed class ClientPolicyRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan JustUnder = TimeSpan.FromMinutes(1);

    /// <summary>24 h cancel and reschedule notice, 3 moves, 2 h booking notice, 90 days ahead.</summary>
    private static readonly ClientPolicy Policy = ClientPolicy.Default;

    public enum Rule
    {
        MayCancel, CancelNotice, RescheduleNotice, MaxReschedules, BookingNotice, BookingHorizon,
        RescheduleTargetNotice, RescheduleTargetHorizon, GroupReschedule, Blacklist, RescheduleCancelled,
    }

    public static TheoryData<Rule, ActorKind, bool> Matrix()
    {
        var data = new TheoryData<Rule, ActorKind, bool>();
        foreach (var rule in Enum.GetValues<Rule>())
        foreach (var actor in new[] { ActorKind.Client, ActorKind.Staff, ActorKind.System })
        foreach (var outside in new[] { false, true })
        {
            data.Add(rule, actor, outside);
        }

        return data;
    }

    /// <summary>Each rule, just inside and just outside its limit: only a client outside it is refused, with the rule's own code.</summary>
    [Theory]
    [MemberData(nameof(Matrix))]
    public void Each_rule_binds_clients_only_and_only_beyond_its_limit(Rule rule, ActorKind actor, bool outside)
    {
        var refusal = Check(rule, actor, outside);

        if (actor == ActorKind.Client && outside)
        {
            Assert.NotNull(refusal);
            Assert.Equal(CodeOf(rule), refusal.Code);
            Assert.False(string.IsNullOrWhiteSpace(refusal.Message));
        }
        else
        {
            Assert.Null(refusal);
        }
    }

    [Fact]
    public void Refusals_say_why_in_words()
    {
        Assert.Equal(
            "Cancellations must be made at least 1 day before the visit; it starts in 5 hours.",
            ClientPolicyRules.CheckCancel(ActorKind.Client, Policy, Now.AddHours(5), Now)!.Message);
        Assert.Equal(
            "Changes of time must be made at least 1 day before the visit; it starts in 23 hours and 59 minutes.",
            ClientPolicyRules.CheckReschedule(ActorKind.Client, Policy, new(Now.AddDays(1) - JustUnder, Now.AddDays(3), 0, 0), Now)!.Message);
        Assert.Equal(
            "Bookings must be made at least 2 hours ahead; this time is in 1 hour and 30 minutes.",
            ClientPolicyRules.CheckBooking(ActorKind.Client, Policy, Now.AddMinutes(90), Now)!.Message);
        Assert.Equal(
            "Bookings can be made at most 90 days ahead; this time is 100 days away.",
            ClientPolicyRules.CheckBooking(ActorKind.Client, Policy, Now.AddDays(100), Now)!.Message);
        Assert.Equal(
            "This appointment has been moved 3 times already, the most allowed online.",
            ClientPolicyRules.CheckReschedule(ActorKind.Client, Policy, new(Now.AddDays(5), Now.AddDays(6), 3, 0), Now)!.Message);
        Assert.Equal(
            "Cancellations must be made at least 1 day before the visit; it has already begun.",
            ClientPolicyRules.CheckCancel(ActorKind.Client, Policy, Now.AddMinutes(-10), Now)!.Message);
    }

    [Theory]
    [InlineData(AppointmentStatus.Cancelled)]
    [InlineData(AppointmentStatus.NoShow)]
    [InlineData(AppointmentStatus.Arrived)]
    public void A_client_moves_only_a_booked_appointment(AppointmentStatus status)
    {
        var refusal = ClientPolicyRules.CheckReschedule(
            ActorKind.Client, Policy, new(Now.AddDays(5), Now.AddDays(6), 0, 0, status), Now);

        Assert.Equal(ErrorCodes.InvalidTransition, refusal!.Code);
        Assert.Equal("Only a booked appointment can be moved online; please book a new time or contact the business.", refusal.Message);
    }

    [Fact]
    public void The_group_rule_comes_first_and_points_to_leaving()
    {
        var refusal = ClientPolicyRules.CheckReschedule(ActorKind.Client, Policy, new(Now.AddHours(1), Now.AddDays(200), 9, 2), Now);

        Assert.Equal(ErrorCodes.PolicyGroupReschedule, refusal!.Code);
        Assert.Contains("leave", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_services_are_held_to_the_strictest_of_each_rule()
    {
        var location = new ClientPolicy(true, 12, 12, 5, 1, 60);
        var lenient = Service(new ClientPolicy(true, 2, 48, 10, 0, 365));
        var strict = Service(new ClientPolicy(false, 6, 3, 1, 4, 200));
        var usesLocation = Service(null);

        Assert.Equal(new ClientPolicy(false, 12, 48, 1, 4, 60), ClientPolicyRules.Effective([lenient, strict, usesLocation], location));
        Assert.Equal(new ClientPolicy(true, 2, 48, 10, 0, 365), ClientPolicyRules.Effective([lenient], location));
        Assert.Equal(location, ClientPolicyRules.Effective([usesLocation], location));
        Assert.Equal(location, ClientPolicyRules.Effective([], location));
    }

    [Fact]
    public void Clients_cannot_use_staff_only_options()
    {
        var clientId = Guid.NewGuid();
        var client = new Actor(ActorKind.Client, clientId.ToString(), "client");
        var plain = Booking(clientId, client);

        Assert.Empty(ClientPolicyRules.CheckClientOptions(plain));
        Assert.Equal(
            ["clientId", "kind", "durationMinutes", "price", "labels", "overrideWorkingHours", "firstConsultation"],
            ClientPolicyRules.CheckClientOptions(plain with
            {
                ClientId = Guid.NewGuid(), Kind = AppointmentKind.Break, DurationMinutes = 10, Price = 1m, Labels = ["vip"],
                OverrideWorkingHours = true, FirstConsultation = true, Asap = true,
            }).Select(e => e.Field));
        Assert.Empty(ClientPolicyRules.CheckClientOptions(plain with { Asap = true }));
        Assert.Empty(ClientPolicyRules.CheckClientOptions(plain with
        {
            Actor = Actor.Staff("desk", "Desk"), ClientId = Guid.NewGuid(), DurationMinutes = 10, Price = 1m, Labels = ["vip"], OverrideWorkingHours = true,
        }));
        Assert.Equal(
            ["resourceIds", "overrideWorkingHours"],
            ClientPolicyRules.CheckClientOptions(new RescheduleAppointment(Now, [Guid.NewGuid()], true, false, client)).Select(e => e.Field));
        Assert.Empty(ClientPolicyRules.CheckClientOptions(new RescheduleAppointment(Now, [Guid.NewGuid()], true, false, Actor.Staff("desk", "Desk"))));
    }

    [Fact]
    public void The_client_of_an_actor_is_only_read_from_client_actors()
    {
        var id = Guid.NewGuid();
        Assert.Equal(id, ClientPolicyRules.ClientOf(new Actor(ActorKind.Client, id.ToString(), "client")));
        Assert.Null(ClientPolicyRules.ClientOf(Actor.Staff(id.ToString(), "Desk")));
        Assert.Null(ClientPolicyRules.ClientOf(new Actor(ActorKind.Client, "not an id", "client")));
    }

    private static DomainError? Check(Rule rule, ActorKind actor, bool outside)
    {
        var beyond = outside ? JustUnder : TimeSpan.Zero;
        var farEnough = Now.AddDays(5);
        return rule switch
        {
            Rule.MayCancel => ClientPolicyRules.CheckCancel(actor, Policy with { ClientMayCancel = !outside }, farEnough, Now),
            Rule.CancelNotice => ClientPolicyRules.CheckCancel(actor, Policy, Now.AddHours(24) - beyond, Now),
            Rule.RescheduleNotice => ClientPolicyRules.CheckReschedule(actor, Policy, new(Now.AddHours(24) - beyond, farEnough, 0, 0), Now),
            Rule.MaxReschedules => ClientPolicyRules.CheckReschedule(actor, Policy, new(farEnough, farEnough.AddDays(1), outside ? 3 : 2, 0), Now),
            Rule.BookingNotice => ClientPolicyRules.CheckBooking(actor, Policy, Now.AddHours(2) - beyond, Now),
            Rule.BookingHorizon => ClientPolicyRules.CheckBooking(actor, Policy, Now.AddDays(90) - JustUnder + beyond, Now),
            Rule.RescheduleTargetNotice => ClientPolicyRules.CheckReschedule(actor, Policy, new(farEnough, Now.AddHours(2) - beyond, 0, 0), Now),
            Rule.RescheduleTargetHorizon =>
                ClientPolicyRules.CheckReschedule(actor, Policy, new(farEnough, Now.AddDays(90) - JustUnder + beyond, 0, 0), Now),
            Rule.GroupReschedule => ClientPolicyRules.CheckReschedule(actor, Policy, new(farEnough, farEnough.AddDays(1), 0, outside ? 1 : 0), Now),
            Rule.Blacklist => ClientPolicyRules.CheckBlacklist(actor, blacklisted: outside),
            Rule.RescheduleCancelled => ClientPolicyRules.CheckReschedule(
                actor, Policy, new(farEnough, farEnough.AddDays(1), 0, 0, outside ? AppointmentStatus.Cancelled : AppointmentStatus.Booked), Now),
            _ => throw new ArgumentOutOfRangeException(nameof(rule)),
        };
    }

    private static string CodeOf(Rule rule) => rule switch
    {
        Rule.MayCancel => ErrorCodes.PolicyCancelNotAllowed,
        Rule.CancelNotice => ErrorCodes.PolicyCancelNotice,
        Rule.RescheduleNotice => ErrorCodes.PolicyRescheduleNotice,
        Rule.MaxReschedules => ErrorCodes.PolicyMaxReschedules,
        Rule.BookingNotice or Rule.RescheduleTargetNotice => ErrorCodes.PolicyBookingNotice,
        Rule.BookingHorizon or Rule.RescheduleTargetHorizon => ErrorCodes.PolicyBookingHorizon,
        Rule.GroupReschedule => ErrorCodes.PolicyGroupReschedule,
        Rule.Blacklist => ErrorCodes.ClientBlacklisted,
        Rule.RescheduleCancelled => ErrorCodes.InvalidTransition,
        _ => throw new ArgumentOutOfRangeException(nameof(rule)),
    };

    private static ServiceDefinition Service(ClientPolicy? policy) => new("Yoga", 60, 40m, 0, 0, 1, [], policy);

    private static BookAppointment Booking(Guid clientId, Actor actor) => new(
        Guid.NewGuid(), Guid.NewGuid(), [Guid.NewGuid()], [Guid.NewGuid()], clientId, Now.AddDays(2), null, AppointmentKind.Appointment,
        false, false, "online", null, null, [], false, false, actor);

    [Fact]
    public void A_client_takes_one_resource_of_each_kind_the_services_need_and_staff_any_number()
    {
        ServiceDefinition Needing(params ResourceKind[] kinds) => new("Massage", 60, 100m, 0, 0, 1, kinds, null);

        Assert.Empty(ClientPolicyRules.CheckClientResources(ActorKind.Client, [Needing()], 1));
        Assert.Equal(["resourceIds"], ClientPolicyRules.CheckClientResources(ActorKind.Client, [Needing()], 4).Select(e => e.Field));
        Assert.Empty(ClientPolicyRules.CheckClientResources(ActorKind.Client, [Needing(ResourceKind.Staff), Needing(ResourceKind.Room, ResourceKind.Staff)], 2));
        Assert.NotEmpty(ClientPolicyRules.CheckClientResources(ActorKind.Client, [Needing(ResourceKind.Staff, ResourceKind.Room)], 3));
        Assert.Empty(ClientPolicyRules.CheckClientResources(ActorKind.Staff, [Needing()], 4));
    }
}
