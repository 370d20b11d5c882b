using Realtime.Grains.Domain.Appointments;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Common;

namespace Realtime.Domain.Tests.Appointments;

public sealed class ClientOverlapsTests
{
    private static readonly Guid Ann = Guid.NewGuid();
    private static readonly Guid Bea = Guid.NewGuid();
    private static readonly DateTimeOffset Eleven = new(2026, 12, 10, 10, 0, 0, TimeSpan.Zero); // 11:00 in Warsaw

    private static AppointmentView Visit(
        int startsAfterMinutes, AppointmentStatus status = AppointmentStatus.Booked, Guid? client = null, Guid[]? seats = null) => new(
        Guid.NewGuid(), 1, Guid.NewGuid(), Guid.NewGuid(), AppointmentKind.Appointment, status, [], [], client ?? Ann,
        Eleven.AddMinutes(startsAfterMinutes), 45, 15, 15, false, null, [], [], null, false, false, null, false, 0, null, [],
        Eleven, Eleven, seats ?? [client ?? Ann], seats is null ? 1 : 8);

    private static AppointmentView? InTheWay(AppointmentView visit, int wantedFromMinutes, Guid? appointmentId = null) =>
        ClientOverlaps.InTheWay([visit], appointmentId ?? Guid.NewGuid(), Ann, TimeRange.FromMinutes(Eleven.AddMinutes(wantedFromMinutes), 60));

    [Fact]
    public void A_live_visit_of_the_clients_whose_time_overlaps_is_in_the_way_its_buffers_are_not()
    {
        Assert.NotNull(InTheWay(Visit(0), 0));
        Assert.NotNull(InTheWay(Visit(0, AppointmentStatus.Arrived), -30));
        Assert.NotNull(InTheWay(Visit(30, seats: [Bea, Ann], client: Bea), 0)); // her seat in a class
        Assert.Null(InTheWay(Visit(60), 0)); // 12:00 after a visit ending then; the buffers are the business's
        Assert.Null(InTheWay(Visit(-45), 0));
        Assert.Null(InTheWay(Visit(0, AppointmentStatus.Cancelled), 0));
        Assert.Null(InTheWay(Visit(0, client: Bea), 0));
        Assert.Null(InTheWay(Visit(30, seats: [Bea], client: Bea), 0)); // a class she left
    }

    [Fact]
    public void The_appointment_being_moved_is_not_in_its_own_way_and_the_earliest_visit_in_the_way_is_named()
    {
        var moved = Visit(0);
        Assert.Null(InTheWay(moved, 30, moved.Id));

        var (later, earlier) = (Visit(40), Visit(-30));
        Assert.Equal(earlier, ClientOverlaps.InTheWay([later, earlier], Guid.NewGuid(), Ann, TimeRange.FromMinutes(Eleven, 60)));
    }

    [Fact]
    public void The_refusal_names_the_visit_by_its_time_at_its_location_and_gives_it_to_pages_as_facts()
    {
        var busy = ClientOverlaps.Busy(Visit(0), "Europe/Warsaw", "start");

        Assert.Equal(ErrorCodes.ClientBusy, busy.Code);
        Assert.Equal("Overlaps your visit 2026-12-10 11:00–11:45.", Assert.Single(busy.Fields, f => f.Field == "start").Message);
        Assert.Equal("2026-12-10T10:00:00+00:00", busy.Facts!["visitStart"]); // as the API writes instants
        Assert.Equal("2026-12-10T10:45:00+00:00", busy.Facts["visitEnd"]);
        Assert.Equal("Europe/Warsaw", busy.Facts["timeZone"]);
    }

    [Fact]
    public void A_refused_request_that_names_no_time_has_no_field_at_fault()
    {
        var busy = ClientOverlaps.Busy(Visit(0), "Europe/Warsaw", field: null);

        Assert.Equal(ErrorCodes.ClientBusy, busy.Code);
        Assert.Empty(busy.Fields);
        Assert.Contains("2026-12-10 11:00–11:45", busy.Message, StringComparison.Ordinal);
    }
}
