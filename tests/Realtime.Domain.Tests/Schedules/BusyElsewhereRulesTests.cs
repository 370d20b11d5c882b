using Realtime.Grains.Domain.Organizations;
using Realtime.Grains.Domain.Schedules;
using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Resources;
using static Realtime.Domain.Tests.Schedules.ScheduleData;

namespace Realtime.Domain.Tests.Schedules;

public sealed class BusyElsewhereRulesTests
{
    private static readonly Guid Marta = Guid.NewGuid();
    private static readonly Guid RoomB = Guid.NewGuid();
    private static readonly Guid Olga = Guid.NewGuid();

    /// <summary>Marta works at A in the mornings and at B in the afternoons; Room B and Olga only at B.</summary>
    private static readonly ResourceView[] Resources =
    [
        new(Marta, Guid.NewGuid(), "Marta", ResourceKind.Staff, [.. EveryDay("08:00", "12:00"), .. EveryDay("13:00", "18:00", LocationB)], [], 1),
        new(RoomB, Guid.NewGuid(), "Room B", ResourceKind.Room, EveryDay("08:00", "20:00", LocationB), [], 1),
        new(Olga, Guid.NewGuid(), "Olga", ResourceKind.Staff, EveryDay("08:00", "20:00", LocationB), [], 1),
    ];

    private static AppointmentView VisitAtB(Guid[] resourceIds, AppointmentStatus status = AppointmentStatus.Booked) => new(
        Guid.NewGuid(), 3, Guid.NewGuid(), LocationB, AppointmentKind.Appointment, status, resourceIds, [], Guid.NewGuid(),
        Utc("2027-01-11T13:00Z"), 60, 10, 15, false, 120m, [], [], "allergic", false, false, null, false, 0, null, [],
        DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, [], 1);

    [Fact]
    public void A_visit_elsewhere_blocks_only_the_shown_resources_for_its_occupied_time_buffers_included()
    {
        var visit = VisitAtB([Marta, RoomB]);

        var block = BusyElsewhereRules.Block(visit, deleted: false, LocationA, new HashSet<Guid> { Marta }, "Old town");

        Assert.NotNull(block);
        Assert.Equal([Marta], block.ResourceIds);
        Assert.Equal((visit.Id, Utc("2027-01-11T12:50Z"), Utc("2027-01-11T14:15Z"), LocationB, "Old town", AppointmentKind.Appointment),
            (block.AppointmentId, block.Start, block.End, block.LocationId, block.LocationName, block.Kind));
    }

    [Theory]
    [InlineData(AppointmentStatus.Cancelled, false)]
    [InlineData(AppointmentStatus.NoShow, false)]
    [InlineData(AppointmentStatus.Booked, true)]
    public void A_visit_that_frees_its_time_or_is_deleted_blocks_nothing(AppointmentStatus status, bool deleted) =>
        Assert.Null(BusyElsewhereRules.Block(VisitAtB([Marta], status), deleted, LocationA, new HashSet<Guid> { Marta }, "Old town"));

    [Fact]
    public void Neither_a_visit_of_the_desks_own_location_nor_one_of_resources_not_shown_blocks_anything()
    {
        Assert.Null(BusyElsewhereRules.Block(VisitAtB([Marta]), false, LocationB, new HashSet<Guid> { Marta }, "Old town"));
        Assert.Null(BusyElsewhereRules.Block(VisitAtB([Olga, RoomB]), false, LocationA, new HashSet<Guid> { Marta }, "Old town"));
    }

    [Fact]
    public void The_desk_shows_its_working_resources_and_those_of_its_visits_that_occupy_time()
    {
        var visitingA = VisitAtB([Olga]) with { LocationId = LocationA };
        var cancelledAtA = VisitAtB([RoomB], AppointmentStatus.Cancelled) with { LocationId = LocationA };

        Assert.Equal(new HashSet<Guid> { Marta, Olga }, BusyElsewhereRules.ShownAt(LocationA, Resources, [visitingA, cancelledAtA]));
    }

    [Fact]
    public void A_change_tells_the_other_locations_where_its_resources_work_and_none_when_they_work_only_at_its_own()
    {
        Assert.Equal([LocationA], BusyElsewhereRules.LocationsToTell(VisitAtB([Marta, RoomB]), Resources));
        Assert.Empty(BusyElsewhereRules.LocationsToTell(VisitAtB([Olga, RoomB]), Resources.Skip(1)));
    }

    [Fact]
    public void The_visits_of_a_day_are_looked_for_as_far_either_side_as_the_longest_buffer_a_service_may_keep()
    {
        var day = new TimeRange(Utc("2027-01-10T23:00Z"), Utc("2027-01-11T23:00Z"));

        var reaching = BusyElsewhereRules.VisitsReaching(day);

        Assert.Equal(new TimeRange(Utc("2027-01-10T19:00Z"), Utc("2027-01-12T03:00Z")), reaching);
        Assert.Equal(TimeSpan.FromMinutes(ConfigurationRules.MaxBufferMinutes), day.Start - reaching.Start);
    }
}
