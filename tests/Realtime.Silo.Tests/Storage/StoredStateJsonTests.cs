using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;
using Realtime.Grains.Appointments;
using Realtime.Grains.Calendars;
using Realtime.Grains.Domain.Appointments;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Calendars;
using Realtime.Grains.Interfaces.Common;
using Realtime.Silo.Storage;

namespace Realtime.Silo.Tests.Storage;

public sealed class StoredStateJsonTests
{
    private static readonly SystemTextJsonGrainStorageSerializer Serializer = new(
        new ServiceCollection().UseCompactStoredStateJson().BuildServiceProvider()
            .GetRequiredService<IOptions<SystemTextJsonGrainStorageSerializerOptions>>());

    [Fact]
    public void An_appointment_is_stored_without_its_computed_members_and_reads_back_whole()
    {
        var start = new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var booked = new AppointmentState
        {
            Id = Guid.NewGuid(),
            Version = 1,
            ResourceIds = [Guid.NewGuid()],
            Start = start,
            Timing = new AppointmentTiming(30, 5, 10),
            History = [new HistoryEntry(1, start.AddDays(-1), Actor.Staff("key-1", "Desk"), "booked", null)],
        };

        var stored = Serializer.Serialize(booked).ToString();
        var read = Serializer.Deserialize<AppointmentState>(BinaryData.FromString(stored))!;

        foreach (var computed in new[] { "\"Exists\"", "\"End\"", "\"Occupancy\"", "\"Length\"" }) Assert.DoesNotContain(computed, stored);
        Assert.DoesNotContain("RequestId", stored); // a change without an Idempotency-Key costs nothing for it
        Assert.Equal(booked.Timing, read.Timing);
        Assert.Equal(booked.History.Single(), read.History.Single());
        Assert.Equal(booked.Occupancy!.Occupied, read.Occupancy!.Occupied);
        Assert.Equal(booked.ResourceIds, read.ResourceIds);
        Assert.Equal(start.AddMinutes(30), read.End);
    }

    [Fact]
    public void A_change_made_under_an_idempotency_key_reads_back_with_its_request_id()
    {
        var at = new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var cancelled = new HistoryEntry(2, at, Actor.Staff("key-1", "Desk"), "cancelled", null, RequestId: Guid.NewGuid());
        var appointment = new AppointmentState { Id = Guid.NewGuid(), Version = 2, Status = AppointmentStatus.Cancelled, History = [cancelled] };

        var read = Serializer.Deserialize<AppointmentState>(Serializer.Serialize(appointment))!;

        Assert.Equal(cancelled, read.History.Single());
    }

    [Fact]
    public void A_calendar_stores_each_reservation_as_its_id_its_start_in_utc_and_its_minutes_and_reads_back_the_same_instants()
    {
        var (appointment, odd) = (Guid.NewGuid(), Guid.NewGuid());
        var start = new DateTimeOffset(2027, 3, 1, 10, 0, 0, TimeSpan.FromHours(1));
        var calendar = new ResourceCalendarState
        {
            Reservations = [new Reservation(appointment, TimeRange.FromMinutes(start, 45)), new Reservation(odd, new TimeRange(start, start.AddSeconds(90)))],
        };

        var stored = Serializer.Serialize(calendar).ToString();
        var read = Serializer.Deserialize<ResourceCalendarState>(BinaryData.FromString(stored))!;

        Assert.Equal(
            $$"""{"Reservations":[["{{appointment}}","2027-03-01T09:00:00Z",45],["{{odd}}","2027-03-01T09:00:00Z","2027-03-01T09:01:30Z"]]}""", stored);
        Assert.Equal(calendar.Reservations, read.Reservations);
    }

    [Fact]
    public void A_calendar_stored_with_the_end_instant_in_third_place_is_still_read()
    {
        var appointment = Guid.NewGuid();
        var earlier = $$"""{"Reservations":[["{{appointment}}","2027-03-01T09:00:00Z","2027-03-01T09:45:00Z"]]}""";

        var read = Serializer.Deserialize<ResourceCalendarState>(BinaryData.FromString(earlier))!;

        Assert.Equal([new Reservation(appointment, TimeRange.FromMinutes(new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.Zero), 45))], read.Reservations);
    }

    [Fact]
    public void A_calendar_stored_with_reservations_as_objects_is_still_read()
    {
        var appointment = Guid.NewGuid();
        var earlier = $$$"""
            {"Reservations":[{"AppointmentId":"{{{appointment}}}","Occupied":{"Start":"2027-03-01T10:00:00+01:00","End":"2027-03-01T10:45:00+01:00"}}]}
            """;

        var read = Serializer.Deserialize<ResourceCalendarState>(BinaryData.FromString(earlier))!;

        var start = new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal([new Reservation(appointment, TimeRange.FromMinutes(start, 45))], read.Reservations);
    }

    [Theory]
    [InlineData("""{"Reservations":[["not an id","2027-03-01T09:00:00Z","2027-03-01T09:45:00Z"]]}""")]
    [InlineData("""{"Reservations":[["6f1c1b9e-4c1a-4a57-9a34-0d3f2b8f8e11","2027-03-01T09:00:00Z"]]}""")]
    [InlineData("""{"Reservations":[["6f1c1b9e-4c1a-4a57-9a34-0d3f2b8f8e11","2027-03-01T09:00:00Z","2027-03-01T09:45:00Z","x"]]}""")]
    [InlineData("""{"Reservations":[["6f1c1b9e-4c1a-4a57-9a34-0d3f2b8f8e11","2027-03-01T09:00:00Z",true]]}""")]
    [InlineData("""{"Reservations":[["6f1c1b9e-4c1a-4a57-9a34-0d3f2b8f8e11",30,"2027-03-01T09:00:00Z"]]}""")]
    [InlineData("""{"Reservations":[42]}""")]
    public void A_reservation_in_neither_form_is_refused(string stored) =>
        Assert.ThrowsAny<Exception>(() => Serializer.Deserialize<ResourceCalendarState>(BinaryData.FromString(stored)));

    [Fact]
    public void A_member_set_only_through_the_constructor_is_kept()
    {
        var stored = Serializer.Serialize(new Stamp("desk")).ToString();

        Assert.Equal("""{"By":"desk"}""", stored);
        Assert.Equal("desk", Serializer.Deserialize<Stamp>(BinaryData.FromString(stored))!.By);
    }

    [Fact]
    public void A_member_holding_what_reading_restores_in_its_absence_is_left_out_and_read_back_the_same()
    {
        var at = new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var plain = new AppointmentState
        {
            Id = Guid.NewGuid(),
            Version = 1,
            ResourceIds = [Guid.NewGuid()],
            Start = at,
            Timing = new AppointmentTiming(30, 0, 0),
            History = [new HistoryEntry(1, at, Actor.Staff("key-1", "Desk"), "booked", null)],
            Outbox = [new OutboxEntry(1, AppointmentChangeKind.Booked, false, false, false)],
        };

        var stored = Serializer.Serialize(plain).ToString();
        var read = Serializer.Deserialize<AppointmentState>(BinaryData.FromString(stored))!;

        foreach (var absent in new[] { "Deleted", "Status", "ServiceIds", "ClientId", "Labels", "Capacity", "BufferBeforeMinutes", "Freed", "NotifyClient" })
        {
            Assert.DoesNotContain($"\"{absent}\"", stored);
        }

        Assert.Equal(Serializer.Serialize(read).ToString(), stored);
        Assert.Equal((plain.Status, plain.Capacity, plain.ServiceIds, plain.Timing, plain.Outbox.Single()), (read.Status, read.Capacity, read.ServiceIds, read.Timing, read.Outbox.Single()));
    }

    [Fact]
    public void An_appointments_times_and_the_actors_of_its_outbox_come_from_its_history_and_are_not_stored_again()
    {
        var (at, desk) = (new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.Zero), Actor.Staff("key-1", "Desk"));
        var confirmed = new AppointmentState
        {
            Id = Guid.NewGuid(),
            Version = 2,
            ResourceIds = [Guid.NewGuid()],
            Start = at.AddDays(2),
            Timing = new AppointmentTiming(30, 0, 0),
            History = [new HistoryEntry(1, at, desk, "booked", null), new HistoryEntry(2, at.AddHours(1), Actor.Scheduler, "confirmed", null)],
            Outbox = [new OutboxEntry(1, AppointmentChangeKind.Booked, false, false, false), new OutboxEntry(2, AppointmentChangeKind.Confirmed, false, false, false)],
        };

        var stored = Serializer.Serialize(confirmed).ToString();
        var read = Serializer.Deserialize<AppointmentState>(BinaryData.FromString(stored))!;

        Assert.DoesNotContain("\"CreatedAt\"", stored);
        Assert.DoesNotContain("\"UpdatedAt\"", stored);
        Assert.Contains("\"Outbox\":[{\"Version\":1},{\"Version\":2,\"Change\":", stored);
        Assert.Equal((at, at.AddHours(1), desk, Actor.Scheduler), (read.CreatedAt, read.UpdatedAt, read.ActorOf(1), read.ActorOf(2)));

        // As servers before this stored it: read the same, written back without them.
        var earlier = stored.Replace(
            "\"Outbox\":[{\"Version\":1}",
            "\"CreatedAt\":\"2027-03-01T08:59:59.9+00:00\",\"UpdatedAt\":\"2027-03-01T10:00:00+00:00\",\"Outbox\":[{\"Version\":1,\"Actor\":{\"Id\":\"key-1\",\"Name\":\"Desk\"}}",
            StringComparison.Ordinal);
        Assert.NotEqual(stored, earlier);
        Assert.Equal(stored, Serializer.Serialize(Serializer.Deserialize<AppointmentState>(BinaryData.FromString(earlier))!).ToString());
    }

    [Fact]
    public void A_default_that_reading_would_not_restore_is_kept()
    {
        var at = new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var classOfNone = new AppointmentState { Id = Guid.NewGuid(), Version = 2, Start = at, Capacity = 0, Status = AppointmentStatus.Cancelled };

        var stored = Serializer.Serialize(classOfNone).ToString();
        var read = Serializer.Deserialize<AppointmentState>(BinaryData.FromString(stored))!;

        Assert.Contains("\"Capacity\":0", stored);
        Assert.Equal((0, AppointmentStatus.Cancelled), (read.Capacity, read.Status));
    }

    [Fact]
    public void A_member_whose_new_value_differs_each_time_is_always_kept()
    {
        var stamped = new Minted();

        var stored = Serializer.Serialize(stamped).ToString();

        Assert.Equal($$"""{"Id":"{{stamped.Id}}"}""", stored);
        Assert.Equal(stamped.Id, Serializer.Deserialize<Minted>(BinaryData.FromString(stored))!.Id);
    }

    public sealed class Minted
    {
        public Guid Id { get; set; } = Guid.NewGuid();
    }

    public sealed class Stamp(string by)
    {
        public string By { get; } = by;

        public int Length => By.Length;
    }
}
