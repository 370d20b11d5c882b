using NodaTime;
using Realtime.Grains.Domain.Appointments;
using Realtime.Grains.Domain.Organizations;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Interfaces.Organizations;
using Realtime.Grains.Interfaces.Resources;

namespace Realtime.Domain.Tests.Appointments;

public sealed class BookingRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly Actor Desk = Actor.Staff("desk", "Front desk");
    private static readonly DateTimeZone Warsaw = DateTimeZoneProviders.Tzdb["Europe/Warsaw"];

    private static BookAppointment Valid() => new(
        Guid.NewGuid(), Guid.NewGuid(), [Guid.NewGuid()], [], Guid.NewGuid(), Now.AddDays(1), 60, AppointmentKind.Appointment,
        false, false, "phone", null, null, [], false, false, Desk);

    private static ServiceDefinition Service(int minutes, int before, int after, decimal price = 10, params ResourceKind[] kinds) =>
        new("Cut", minutes, price, before, after, 1, kinds, null);

    public static TheoryData<string, Func<BookAppointment, BookAppointment>> InvalidBookings => new()
    {
        { "resourceIds", b => b with { ResourceIds = [] } },
        { "resourceIds", b => b with { ResourceIds = [b.ResourceIds[0], b.ResourceIds[0]] } },
        { "resourceIds", b => b with { ResourceIds = [Guid.Empty] } },
        { "durationMinutes", b => b with { DurationMinutes = 0 } },
        { "durationMinutes", b => b with { DurationMinutes = -30 } },
        { "durationMinutes", b => b with { DurationMinutes = 24 * 60 + 1 } },
        { "durationMinutes", b => b with { DurationMinutes = null } },
        { "start", b => b with { Start = Now.AddYears(30) } },
        { "start", b => b with { Start = DateTimeOffset.MinValue } },
        { "clientId", b => b with { Kind = AppointmentKind.Break } },
        { "labels", b => b with { Labels = [new string('x', 51)] } },
        { "labels", b => b with { Labels = [" "] } },
        { "notes", b => b with { Notes = new string('n', 4001) } },
        { "source", b => b with { Source = new string('s', 101) } },
        { "price", b => b with { Price = -1 } },
    };

    [Theory]
    [MemberData(nameof(InvalidBookings))]
    public void Invalid_booking_names_the_failing_field(string field, Func<BookAppointment, BookAppointment> spoil)
    {
        var errors = BookingRules.Validate(spoil(Valid()), Now);

        Assert.Contains(errors, e => e.Field == field);
    }

    [Fact]
    public void Valid_booking_has_no_errors() => Assert.Empty(BookingRules.Validate(Valid(), Now));

    [Fact]
    public void Break_without_client_is_valid() =>
        Assert.Empty(BookingRules.Validate(Valid() with { Kind = AppointmentKind.Break, ClientId = null }, Now));

    [Fact]
    public void A_break_has_none_of_a_visit_s_services_price_or_flags_when_booked()
    {
        var visitLike = Valid() with { Kind = AppointmentKind.Break, ClientId = null, ServiceIds = [Guid.NewGuid()], Price = 50, FirstConsultation = true, Asap = true };

        Assert.Equal(["asap", "firstConsultation", "price", "serviceIds"], BookingRules.Validate(visitLike, Now).Select(e => e.Field).Order());
        Assert.Empty(BookingRules.Validate(visitLike with { Kind = AppointmentKind.Appointment, ClientId = Guid.NewGuid() }, Now));
    }

    [Fact]
    public void A_break_is_given_none_of_a_visit_s_services_price_or_flags_later_either()
    {
        var visitLike = new UpdateAppointment(null, null, 50, null, [Guid.NewGuid()], null, true, true, true, Desk);
        var unset = new UpdateAppointment(null, null, null, null, [], null, false, false, false, Desk);

        Assert.Equal(["asap", "firstConsultation", "paymentDue", "price", "serviceIds"],
            BookingRules.Validate(visitLike, AppointmentKind.Break).Select(e => e.Field).Order());
        Assert.Empty(BookingRules.Validate(visitLike, AppointmentKind.Appointment));
        Assert.Empty(BookingRules.Validate(unset, AppointmentKind.Break));
    }

    [Fact]
    public void Timing_sums_services_and_takes_outer_buffers()
    {
        var timing = BookingRules.Timing([Service(30, 5, 10), Service(45, 15, 20)], durationMinutes: null);

        Assert.Equal(new AppointmentTiming(75, 5, 20), timing);
    }

    [Fact]
    public void Custom_duration_wins_over_services() =>
        Assert.Equal(90, BookingRules.Timing([Service(30, 0, 0)], durationMinutes: 90).DurationMinutes);

    [Fact]
    public void Required_resource_kinds_must_be_booked()
    {
        var massage = Service(60, 0, 0, 10, ResourceKind.Staff, ResourceKind.Room);

        Assert.Single(BookingRules.CheckRequiredKinds([massage], [ResourceKind.Staff]));
        Assert.Empty(BookingRules.CheckRequiredKinds([massage], [ResourceKind.Room, ResourceKind.Staff]));
    }

    [Fact]
    public void Next_visit_by_default_is_a_week_later_with_the_same_parameters_and_booked_at_once()
    {
        var current = View();

        var (booking, atOnce) = NextVisits.Plan(current, new NextVisitRequest(null, null, null, null), Warsaw, Desk);

        Assert.True(atOnce);
        Assert.Equal(current.Start.AddDays(7), booking.Start);
        Assert.Equal(current.ResourceIds, booking.ResourceIds);
        Assert.Equal(current.DurationMinutes, booking.DurationMinutes);
        Assert.Equal(current.ClientId, booking.ClientId);
    }

    [Theory]
    [InlineData("Europe/Warsaw", "2027-03-24T10:00:00+01:00", "2027-03-31T10:00:00+02:00")] // the clocks go forward in between
    [InlineData("Europe/Warsaw", "2027-10-27T10:00:00+02:00", "2027-11-03T10:00:00+01:00")] // and back
    [InlineData("America/Santiago", "2027-03-30T10:00:00-03:00", "2027-04-06T10:00:00-04:00")]
    [InlineData("Europe/Warsaw", "2027-03-21T02:30:00+01:00", "2027-03-28T03:30:00+02:00")] // 02:30 does not exist that day
    [InlineData("Europe/Warsaw", "2027-10-24T02:30:00+02:00", "2027-10-31T02:30:00+02:00")] // 02:30 happens twice: the first
    public void Next_visit_by_default_is_at_the_same_time_on_the_location_s_clock_a_week_later(string zone, string start, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected), NextVisits.AWeekLater(DateTimeOffset.Parse(start), DateTimeZoneProviders.Tzdb[zone]));

    [Fact]
    public void Next_visit_at_an_agreed_time_is_still_booked_at_once()
    {
        var agreed = Now.AddDays(10);

        var (booking, atOnce) = NextVisits.Plan(View(), new NextVisitRequest(agreed, null, null, null), Warsaw, Desk);

        Assert.True(atOnce);
        Assert.Equal(agreed, booking.Start);
    }

    [Fact]
    public void Next_visit_with_other_services_takes_their_length_unless_one_is_given()
    {
        var other = new[] { Guid.NewGuid() };

        Assert.Null(NextVisits.Plan(View(), new NextVisitRequest(null, null, other, null), Warsaw, Desk).Booking.DurationMinutes);
        Assert.Equal(60, NextVisits.Plan(View(), new NextVisitRequest(null, null, other, 60), Warsaw, Desk).Booking.DurationMinutes);
        var same = View();
        var (booking, atOnce) = NextVisits.Plan(same, new NextVisitRequest(null, null, same.ServiceIds, null), Warsaw, Desk);
        Assert.Equal((same.DurationMinutes, true), (booking.DurationMinutes!.Value, atOnce));
    }

    [Theory]
    [InlineData("12.345", false)]
    [InlineData("0.001", false)]
    [InlineData("12.34", true)]
    [InlineData("12.340", true)] // the same amount, written with a trailing zero
    [InlineData("80", true)]
    public void A_price_is_in_whole_cents_when_booked_changed_or_completed(string price, bool valid)
    {
        var amount = decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture);
        var expected = valid ? [] : new[] { "price" };

        Assert.Equal(expected, BookingRules.Validate(Valid() with { Price = amount }, Now).Select(e => e.Field));
        Assert.Equal(expected, BookingRules.Validate(
            new UpdateAppointment(null, null, amount, null, null, null, null, null, null, Desk), AppointmentKind.Appointment).Select(e => e.Field));
        Assert.Equal(valid ? [] : ["totalPrice"], BookingRules.Validate(
            new CompleteAppointment(null, null, amount, null, null, null, Desk)).Select(e => e.Field));
        Assert.Equal(expected, ConfigurationRules.Validate(Service(30, 0, 0, amount)).Select(e => e.Field));
    }

    [Fact]
    public void A_next_visit_of_no_length_is_refused_with_its_field()
    {
        var complete = new CompleteAppointment(null, null, null, null, null, new NextVisitRequest(null, null, null, 0), Desk);

        Assert.Equal(["nextVisit.durationMinutes"], BookingRules.Validate(complete).Select(e => e.Field));
    }

    [Fact]
    public void Next_visit_with_other_staff_is_a_draft()
    {
        var (booking, atOnce) = NextVisits.Plan(View(), new NextVisitRequest(null, [Guid.NewGuid()], null, null), Warsaw, Desk);

        Assert.False(atOnce);
        Assert.Single(booking.ResourceIds);
    }

    [Fact]
    public void A_next_visit_whose_time_has_passed_is_refused_with_the_field()
    {
        Assert.Null(NextVisits.CheckTime(Now.AddMinutes(1), Now));
        var passed = NextVisits.CheckTime(Now.AddDays(-30), Now);

        Assert.Equal(ErrorCodes.ValidationFailed, passed!.Code);
        Assert.Equal(["nextVisit.start"], passed.Fields.Select(f => f.Field));
    }

    private static AppointmentView View() => new(
        Guid.NewGuid(), 3, Guid.NewGuid(), Guid.NewGuid(), AppointmentKind.Appointment, AppointmentStatus.Completed,
        [Guid.NewGuid()], [Guid.NewGuid()], Guid.NewGuid(), Now, 45, 0, 10, true, 50m, [], [], null, false, false, "phone",
        false, 0, null, [], Now.AddDays(-3), Now, [], 1);
}
