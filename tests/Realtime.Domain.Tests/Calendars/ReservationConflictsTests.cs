using Realtime.Grains.Domain.Calendars;
using Realtime.Grains.Interfaces.Calendars;
using Realtime.Grains.Interfaces.Common;

namespace Realtime.Domain.Tests.Calendars;

public sealed class ReservationConflictsTests
{
    private static readonly DateTimeOffset TenUtc = new(2026, 12, 10, 10, 0, 0, TimeSpan.Zero); // 11:00 in Warsaw
    private static readonly Reservation Reserved = new(Guid.NewGuid(), TimeRange.FromMinutes(TenUtc.AddMinutes(-15), 75));

    private static FieldError Field(ReservationClaim claim) =>
        Assert.Single(ReservationConflicts.Taken("Piotr Wiśniewski", new ClaimedTime(Reserved, claim), "Europe/Warsaw").Fields);

    [Fact]
    public void A_booking_in_the_way_is_told_by_the_resources_name_and_the_time_it_takes_in_the_locations_time_never_by_its_id()
    {
        var field = Field(new ReservationClaim(DateTimeOffset.MaxValue, false));

        Assert.Equal(("resourceIds", "Piotr Wiśniewski is busy at that time: booked 10:45–12:00."), (field.Field, field.Message));
        Assert.DoesNotContain(Reserved.AppointmentId.ToString(), field.Message);
    }

    [Fact]
    public void A_hold_in_the_way_is_told_by_whose_kind_it_is_and_its_expiry_in_the_locations_time()
    {
        Assert.Equal("Piotr Wiśniewski is busy at that time: held online by a client until 21:45.",
            Field(new ReservationClaim(new DateTimeOffset(2026, 12, 7, 20, 45, 0, TimeSpan.Zero), false)).Message);
        Assert.Equal("Piotr Wiśniewski is busy at that time: held for a waitlist offer until 21:45.",
            Field(new ReservationClaim(new DateTimeOffset(2026, 12, 7, 20, 45, 0, TimeSpan.Zero), true)).Message);
    }

    [Fact]
    public void The_refusal_keeps_its_stable_code() =>
        Assert.Equal(ErrorCodes.SlotTaken, ReservationConflicts.Taken("Anna", new ClaimedTime(Reserved, new(DateTimeOffset.MaxValue, false)), "UTC").Code);
}
