using Realtime.Faults;
using Realtime.Grains.Interfaces.Appointments;

namespace Realtime.Faults.Tests;

/// <summary>The campaign's invariants catch what they are for (negative controls), and do not count what is allowed.</summary>
public sealed class InvariantsTests
{
    private static readonly DateTimeOffset Nine = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Resource = Guid.Parse("00000000-0000-0000-0000-0000000000aa");
    private static readonly Guid Other = Guid.Parse("00000000-0000-0000-0000-0000000000bb");

    private long sequence;

    [Fact]
    public void A_booking_acknowledged_but_not_stored_or_stored_at_an_older_version_is_missing()
    {
        var kept = Booked(version: 1);
        var lost = Booked(version: 1);
        var behind = Booked(version: 2);
        Operation[] log = [Booking(kept), Booking(lost), Booking(behind)];

        Assert.Equal(2, Invariants.MissingBookings(log, Stored(kept, behind with { Version = 1 })));
        Assert.Equal(0, Invariants.MissingBookings(log, Stored(kept, lost, behind with { Version = 3 })));
    }

    [Fact]
    public void An_acknowledged_change_the_stored_appointment_has_not_reached_is_lost()
    {
        var booked = Booked(version: 1);
        var moved = booked with { Version = 2, Start = Nine.AddHours(1) };
        Operation[] log = [Booking(booked), Acknowledged(OperationKind.Move, moved)];

        Assert.Equal(1, Invariants.LostChanges(log, Stored(booked)));
        Assert.Equal(0, Invariants.LostChanges(log, Stored(moved)));
    }

    [Fact]
    public void One_booking_stored_twice_is_a_duplicate_whatever_its_attempts()
    {
        var marker = $"{Invariants.MarkerPrefix}1";
        StoredAppointment[] once = [new(Booked(1), marker), new(Booked(1), $"{Invariants.MarkerPrefix}2"), new(Booked(1), "probe-1")];
        StoredAppointment[] twice = [.. once, new(Booked(1), marker)];

        Assert.Equal(0, Invariants.DuplicateBookings(once));
        Assert.Equal(1, Invariants.DuplicateBookings(twice));
    }

    [Fact]
    public void The_last_acknowledged_state_must_be_stored_when_only_rejections_followed_it()
    {
        var booked = Booked(version: 1);
        var cancelled = booked with { Version = 2, Status = AppointmentStatus.Cancelled };
        Operation[] log = [Booking(booked), Acknowledged(OperationKind.Cancel, cancelled), Unacknowledged(OperationKind.Restore, booked.Id, Outcome.Rejected)];

        Assert.Equal((1, 0), Invariants.LastAcknowledged(log, Stored(cancelled)));
        Assert.Equal((1, 1), Invariants.LastAcknowledged(log, Stored(booked)));
        Assert.Equal((1, 1), Invariants.LastAcknowledged(log, Stored(cancelled with { ResourceIds = [Other] })));
    }

    [Fact]
    public void An_appointment_whose_last_operation_was_abandoned_is_not_compared()
    {
        var booked = Booked(version: 1);
        Operation[] log = [Booking(booked), Unacknowledged(OperationKind.Move, booked.Id, Outcome.Abandoned)];

        Assert.Equal((0, 0), Invariants.LastAcknowledged(log, Stored(booked with { Version = 2, Start = Nine.AddHours(2) })));
    }

    [Fact]
    public void Two_readings_differ_by_a_missing_appointment_on_either_side_or_any_compared_field()
    {
        var a = Booked(1);
        var b = Booked(1);
        var expected = new Dictionary<Guid, Appointment> { [a.Id] = a, [b.Id] = b };

        Assert.Equal(0, Invariants.Differences(expected, new Dictionary<Guid, Appointment>
        {
            [a.Id] = a with { Start = a.Start.ToOffset(TimeSpan.FromHours(1)) }, [b.Id] = b,
        }));
        Assert.Equal(1, Invariants.Differences(expected, new Dictionary<Guid, Appointment> { [a.Id] = a }));
        Assert.Equal(3, Invariants.Differences(expected, new Dictionary<Guid, Appointment> { [a.Id] = a with { Version = 2 }, [Guid.NewGuid()] = b }));
        Assert.Equal(1, Invariants.Differences(expected, new Dictionary<Guid, Appointment> { [a.Id] = a, [b.Id] = b with { Status = AppointmentStatus.Cancelled } }));
    }

    [Fact]
    public void A_retry_refused_for_what_its_own_earlier_attempt_did_was_not_answered_as_that_attempt_was_even_after_a_server_error()
    {
        var booked = Booked(version: 1);
        var cancelled = booked with { Version = 2, Status = AppointmentStatus.Cancelled };
        var marker = $"{Invariants.MarkerPrefix}1";
        StoredAppointment[] stored = [new(cancelled, marker)];
        var cancelFoundDone = Acknowledged(OperationKind.Cancel, cancelled) with { Attempts = 2, LastAnswer = "409 invalid_transition", FoundDone = true };
        var bookingRejectedThoughStored = Unacknowledged(OperationKind.Book, booked.Id, Outcome.Rejected) with { Marker = marker };

        Assert.Equal(2, Invariants.RetriesAnsweredOtherwise([cancelFoundDone, bookingRejectedThoughStored], stored));
        // After a server error the server kept no answer and ran the retry again, but it must recognise the attempt that landed.
        Assert.Equal(2, Invariants.RetriesAnsweredOtherwise(
            [cancelFoundDone with { AfterServerError = true }, bookingRejectedThoughStored with { AfterServerError = true }], stored));
        // A booking rejected on its retry and stored nowhere was rejected from the start.
        Assert.Equal(0, Invariants.RetriesAnsweredOtherwise([bookingRejectedThoughStored with { Marker = $"{Invariants.MarkerPrefix}2" }], stored));
    }

    [Fact]
    public void A_replayed_acknowledgement_must_show_the_operation_done_and_a_replayed_refusal_is_the_first_answer_itself()
    {
        var booked = Booked(version: 1);
        var cancelled = booked with { Version = 2, Status = AppointmentStatus.Cancelled };
        var replayedCancel = Acknowledged(OperationKind.Cancel, cancelled) with { Attempts = 3, Replayed = true };

        Assert.Equal(0, Invariants.RetriesAnsweredOtherwise([replayedCancel, Acknowledged(OperationKind.Book, booked) with { Attempts = 2, Replayed = true }], []));
        Assert.Equal(1, Invariants.RetriesAnsweredOtherwise([replayedCancel with { Result = booked }], []));
        Assert.Equal(0, Invariants.RetriesAnsweredOtherwise([Unacknowledged(OperationKind.Move, booked.Id, Outcome.Rejected) with { Replayed = true }], []));
        // A single attempt was not retried: nothing to compare it with.
        Assert.Equal(0, Invariants.RetriesAnsweredOtherwise([replayedCancel with { Attempts = 1, Result = booked }], []));
    }

    private static Appointment Booked(long version) => new(Guid.NewGuid(), version, AppointmentStatus.Booked, Nine, [Resource]);

    private static Dictionary<Guid, StoredAppointment> Stored(params Appointment[] appointments) =>
        appointments.ToDictionary(a => a.Id, a => new StoredAppointment(a, null));

    private Operation Booking(Appointment result) => Acknowledged(OperationKind.Book, result);

    private Operation Acknowledged(OperationKind kind, Appointment result) =>
        new(++sequence, 1, kind, result.Id, null, Outcome.Acknowledged, 1, "200", result, Nine, Nine);

    private Operation Unacknowledged(OperationKind kind, Guid appointmentId, Outcome outcome) =>
        new(++sequence, 1, kind, appointmentId, null, outcome, 3, outcome == Outcome.Rejected ? "409 slot_taken" : "timeout", null, Nine, Nine);
}
