using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Projections.Clients;

namespace Realtime.Domain.Tests.Clients;

public class ClientListRulesTests
{
    private static readonly DateTimeOffset Monday = new(2026, 6, 8, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(AppointmentStatus.Booked, true)]
    [InlineData(AppointmentStatus.Arrived, true)]
    [InlineData(AppointmentStatus.Completed, true)]
    [InlineData(AppointmentStatus.Past, true)]
    [InlineData(AppointmentStatus.NoShow, true)]
    [InlineData(AppointmentStatus.Cancelled, false)]
    public void Every_appointment_but_a_cancelled_one_counts_for_the_last_appointment(AppointmentStatus status, bool counts)
    {
        Assert.Equal(counts, ClientListRules.CountsAsAppointment(status));
        Assert.Equal(counts, ClientListRules.CountingStatuses.Contains(status));
    }

    [Fact]
    public void The_last_appointment_is_the_latest_counting_start_in_utc()
    {
        Assert.Null(ClientListRules.LastAppointmentAt([]));
        Assert.Null(ClientListRules.LastAppointmentAt([(AppointmentStatus.Cancelled, Monday)]));

        var last = ClientListRules.LastAppointmentAt(
        [
            (AppointmentStatus.Completed, Monday.AddDays(-7)),
            (AppointmentStatus.Booked, Monday.AddDays(3).ToOffset(TimeSpan.FromHours(3))),
            (AppointmentStatus.Cancelled, Monday.AddDays(9)),
            (AppointmentStatus.NoShow, Monday),
        ]);

        Assert.Equal(Monday.AddDays(3), last);
        Assert.Equal(TimeSpan.Zero, last!.Value.Offset);
    }

    [Theory]
    [InlineData(1, false, 2, false, true)]
    [InlineData(2, false, 1, false, false)]
    [InlineData(2, false, 2, false, false)]
    [InlineData(2, false, 2, true, true)]
    [InlineData(2, true, 2, true, false)]
    [InlineData(3, true, 2, false, false)]
    [InlineData(3, true, 4, false, true)]
    public void Only_a_newer_version_or_a_deletion_of_the_same_one_replaces_a_row(
        long storedVersion, bool storedDeleted, long incomingVersion, bool incomingDeleted, bool replaces)
    {
        Assert.Equal(replaces, ClientListRules.Replaces(storedVersion, storedDeleted, incomingVersion, incomingDeleted));
    }

    [Fact]
    public void The_list_order_is_folded_last_name_then_first_name_then_id_and_reverses_as_a_whole()
    {
        var low = Guid.Parse("00000000-0000-0000-0000-000000000001");
        var high = Guid.Parse("ffffffff-0000-0000-0000-000000000000");
        (string First, string Last, Guid Id)[] people =
        [
            ("Ewa", "Nowak", high), ("Ewa", "Nowak", low), ("Adam", "Nowak", high), ("Zofia", "Ábel", low), ("Łucja", "Łaska", low),
            ("Jan", "kowal", low),
        ];

        var ascending = ClientListRules.InListOrder(people, p => ClientListSortKey.Of(p.Id, p.First, p.Last), ClientListSort.NameAscending)
            .Select(p => (p.First, p.Id)).ToArray();
        var descending = ClientListRules.InListOrder(people, p => ClientListSortKey.Of(p.Id, p.First, p.Last), ClientListSort.NameDescending)
            .Select(p => (p.First, p.Id)).ToArray();

        Assert.Equal([("Zofia", low), ("Jan", low), ("Łucja", low), ("Adam", high), ("Ewa", low), ("Ewa", high)], ascending);
        Assert.Equal(ascending.Reverse(), descending);
    }

    [Fact]
    public void A_tombstone_keeps_no_personal_data_and_a_live_entry_needs_its_profile()
    {
        var tombstone = ClientListEntry.Tombstone(Guid.NewGuid(), Guid.NewGuid(), 4);
        Assert.Equal((true, null, false, 4L), (tombstone.Deleted, tombstone.Profile, tombstone.Blacklisted, tombstone.Version));
        ClientListRules.ThrowIfInvalid(tombstone);

        Assert.Throws<ArgumentException>(() => ClientListRules.ThrowIfInvalid(tombstone with { Deleted = false }));
        Assert.Throws<ArgumentException>(() => ClientListRules.ThrowIfInvalid(tombstone with { Version = 0 }));
    }
}
