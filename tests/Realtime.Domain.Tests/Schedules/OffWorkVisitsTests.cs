using Realtime.Grains.Domain.Schedules;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Resources;
using static Realtime.Domain.Tests.Schedules.ScheduleData;

namespace Realtime.Domain.Tests.Schedules;

public sealed class OffWorkVisitsTests
{
    private const string Warsaw = "Europe/Warsaw";
    private static readonly Guid Piotr = Guid.NewGuid();
    private static readonly Guid Room = Guid.NewGuid();

    // 2027-01-11 is a Monday; Warsaw is UTC+1 in winter, so 11:00 local is 10:00Z.
    private static AppointmentView Visit(
        string startUtc, int minutes = 60, AppointmentStatus status = AppointmentStatus.Booked, AppointmentKind kind = AppointmentKind.Appointment) => new(
        Guid.NewGuid(), 1, Guid.NewGuid(), LocationA, kind, status, [Piotr, Room], [], Guid.NewGuid(),
        Utc(startUtc), minutes, 15, 15, false, null, [], [], null, false, false, null, false, 0, null, [],
        DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, [], 1);

    private static Dictionary<Guid, ResourceView> Resources(params ScheduleException[] piotrsExceptions) => new()
    {
        [Piotr] = new ResourceView(Piotr, Guid.NewGuid(), "Piotr", ResourceKind.Staff, EveryDay("09:00", "17:00"), piotrsExceptions, 1),
        [Room] = new ResourceView(Room, Guid.NewGuid(), "Room 1", ResourceKind.Room, EveryDay("08:00", "20:00"), [], 1),
    };

    [Fact]
    public void A_visit_inside_everyones_hours_has_no_conflict() =>
        Assert.Empty(OffWorkVisits.Conflicts(Visit("2027-01-11T10:00Z"), Resources(), Warsaw));

    [Fact]
    public void A_whole_day_off_names_the_resource_and_the_note()
    {
        var sick = TimeOff("2027-01-11") with { Note = "sick all day" };
        var visit = Visit("2027-01-11T10:00Z");

        var conflict = Assert.Single(OffWorkVisits.Conflicts(visit, Resources(sick), Warsaw));

        Assert.Equal(new WorkingTimeConflict(visit.Id, Piotr, "Piotr", WorkingTimeConflictKind.TimeOff, "sick all day"), conflict);
    }

    [Theory]
    [InlineData("2027-01-11T12:00Z", true)] // 13:00-14:00 local, inside 12:00-16:00 off
    [InlineData("2027-01-11T10:30Z", true)] // 11:30-12:30 local, runs into it
    [InlineData("2027-01-11T09:00Z", false)] // 10:00-11:00 local, before it
    [InlineData("2027-01-11T15:00Z", false)] // 16:00-17:00 local, after it
    public void Part_day_time_off_catches_the_visits_it_overlaps(string startUtc, bool off)
    {
        var conflicts = OffWorkVisits.Conflicts(Visit(startUtc), Resources(TimeOff("2027-01-11", "12:00", "16:00")), Warsaw);

        Assert.Equal(off ? [WorkingTimeConflictKind.TimeOff] : [], conflicts.Select(c => c.Kind));
    }

    [Fact]
    public void Buffers_may_fall_outside_but_the_visit_may_not()
    {
        // 16:00-17:00 local: the buffer after runs past Piotr's 17:00, the visit does not.
        Assert.Empty(OffWorkVisits.Conflicts(Visit("2027-01-11T15:00Z"), Resources(), Warsaw));

        var late = OffWorkVisits.Conflicts(Visit("2027-01-11T15:30Z"), Resources(), Warsaw);

        Assert.Equal([(Piotr, WorkingTimeConflictKind.OutsideWorkingHours)], late.Select(c => (c.ResourceId, c.Kind)));
    }

    [Fact]
    public void Time_off_at_another_location_or_on_another_day_is_not_the_reason()
    {
        var elsewhere = TimeOff("2027-01-11", location: LocationB);
        var nextDay = TimeOff("2027-01-12");

        var early = OffWorkVisits.Conflicts(Visit("2027-01-11T07:00Z"), Resources(elsewhere, nextDay), Warsaw);

        Assert.Equal(WorkingTimeConflictKind.OutsideWorkingHours, Assert.Single(early).Kind);
        Assert.Empty(OffWorkVisits.Conflicts(Visit("2027-01-11T10:00Z"), Resources(elsewhere, nextDay), Warsaw));
    }

    [Theory]
    [InlineData(AppointmentStatus.Completed, AppointmentKind.Appointment)]
    [InlineData(AppointmentStatus.Cancelled, AppointmentKind.Appointment)]
    [InlineData(AppointmentStatus.NoShow, AppointmentKind.Appointment)]
    [InlineData(AppointmentStatus.Past, AppointmentKind.Appointment)]
    [InlineData(AppointmentStatus.Booked, AppointmentKind.Break)]
    public void Only_visits_still_to_happen_need_rebooking(AppointmentStatus status, AppointmentKind kind) =>
        Assert.Empty(OffWorkVisits.Conflicts(Visit("2027-01-11T10:00Z", status: status, kind: kind), Resources(TimeOff("2027-01-11")), Warsaw));

    [Fact]
    public void An_arrived_visit_still_counts_and_each_resource_away_is_named()
    {
        var visit = Visit("2027-01-11T06:00Z", status: AppointmentStatus.Arrived); // 07:00 local: before both open

        Assert.Equal([Piotr, Room], OffWorkVisits.Conflicts(visit, Resources(), Warsaw).Select(c => c.ResourceId));
    }
}
