using Realtime.Grains.Domain.Appointments;
using Realtime.Grains.Domain.Clients;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Common;

namespace Realtime.Domain.Tests.Clients;

/// <summary>What becomes of an appointment that a client, deleted before it became theirs, refuses.</summary>
public sealed class ClientDeletionTests
{
    private static readonly Guid Ann = Guid.NewGuid();
    private static readonly Guid Bea = Guid.NewGuid();

    private static readonly AppointmentView Visit = new(
        Guid.NewGuid(), 1, Guid.NewGuid(), Guid.NewGuid(), AppointmentKind.Appointment, AppointmentStatus.Booked, [], [], Ann,
        DateTimeOffset.UnixEpoch, 60, 0, 0, false, null, [], [], null, false, false, null, false, 0, null, [],
        DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, [Ann], 1);

    [Fact]
    public void A_visit_of_the_deleted_client_is_given_up_whole_and_a_class_they_hold_alone_too()
    {
        Assert.Equal(DeletedClientPlace.Appointment, ClientDeletion.PlaceToGiveUp(Visit, Ann));
        Assert.Equal(DeletedClientPlace.Appointment, ClientDeletion.PlaceToGiveUp(Visit with { Capacity = 4 }, Ann));
    }

    [Fact]
    public void In_a_class_others_hold_only_the_deleted_client_s_seat_is_given_up()
    {
        var yoga = Visit with { Capacity = 4, Seats = [Ann, Bea] };

        Assert.Equal(DeletedClientPlace.Seat, ClientDeletion.PlaceToGiveUp(yoga, Bea));
        Assert.Equal(DeletedClientPlace.Seat, ClientDeletion.PlaceToGiveUp(yoga, Ann));
    }

    [Theory]
    [InlineData(AppointmentStatus.Arrived)]
    [InlineData(AppointmentStatus.Completed)]
    [InlineData(AppointmentStatus.Past)]
    [InlineData(AppointmentStatus.Cancelled)]
    [InlineData(AppointmentStatus.NoShow)]
    public void An_appointment_no_longer_only_booked_stays_as_a_record_of_what_happened(AppointmentStatus status) =>
        Assert.Equal(DeletedClientPlace.None, ClientDeletion.PlaceToGiveUp(Visit with { Status = status }, Ann));

    [Fact]
    public void A_client_with_no_place_in_the_appointment_takes_nothing_from_it()
    {
        Assert.Equal(DeletedClientPlace.None, ClientDeletion.PlaceToGiveUp(Visit, Bea));
        Assert.Equal(DeletedClientPlace.None, ClientDeletion.PlaceToGiveUp(Visit with { Capacity = 4, Seats = [Ann] }, Bea));
    }

    [Fact]
    public void Nobody_cancels_for_a_deleted_client_the_appointment_does_it_itself()
    {
        var cancel = new CancelAppointment(CancellationReason.ClientDeleted, null, false, false, null, Actor.Staff("desk", "Desk"));

        Assert.Equal(["reason"], BookingRules.Validate(cancel).Select(e => e.Field));
        Assert.Empty(BookingRules.Validate(cancel with { Reason = CancellationReason.Business }));
        Assert.Equal("the client was deleted", AppointmentChanges.CancelledDetails(CancellationReason.ClientDeleted));
    }
}
