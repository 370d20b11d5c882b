using Realtime.Grains.Domain.Clients;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Clients;
using Realtime.Grains.Interfaces.Common;

namespace Realtime.Domain.Tests.Clients;

public sealed class NoShowRecordTests
{
    private static readonly Actor Desk = Actor.Staff("desk", "Desk");
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-06-10T10:00Z", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly NoShowRecord Clean = new(new HashSet<Guid>(), null, null);
    private static readonly Guid First = Guid.NewGuid();
    private static readonly Guid Second = Guid.NewGuid();

    [Fact]
    public void A_no_show_counts_once_however_often_it_is_told()
    {
        var counted = Clean.Count(First, blacklist: false, Now, Desk)!;

        Assert.Equal([First], counted.Counted);
        Assert.Null(counted.Count(First, blacklist: true, Now, Desk));
    }

    [Fact]
    public void Taking_a_no_show_back_uncounts_it_once_and_one_never_counted_changes_nothing()
    {
        var counted = Clean.Count(First, blacklist: false, Now, Desk)!.Count(Second, blacklist: false, Now, Desk)!;

        var takenBack = counted.TakeBack(First)!;

        Assert.Equal([Second], takenBack.Counted);
        Assert.Null(takenBack.TakeBack(First));
        Assert.Null(Clean.TakeBack(First));
    }

    [Fact]
    public void Taking_back_the_no_show_that_blacklisted_the_client_lifts_the_blacklisting_and_no_other_does()
    {
        var blacklisted = Clean.Count(First, blacklist: true, Now, Desk)!.Count(Second, blacklist: true, Now, Desk)!;
        Assert.Equal((new BlacklistEntry(NoShowRecord.BlacklistReason, Now, Desk), First), (blacklisted.Blacklist, blacklisted.BlacklistedBy));

        Assert.Equal(blacklisted.Blacklist, blacklisted.TakeBack(Second)!.Blacklist);
        Assert.Equal((null, null), (blacklisted.TakeBack(First)!.Blacklist, blacklisted.TakeBack(First)!.BlacklistedBy));
    }

    [Fact]
    public void A_blacklisting_the_staff_set_by_hand_stays_when_a_no_show_is_taken_back()
    {
        var byHand = Clean with { Blacklist = new BlacklistEntry("Rude to staff", Now, Desk) };

        var takenBack = byHand.Count(First, blacklist: true, Now, Desk)!.TakeBack(First)!;

        Assert.Equal((byHand.Blacklist, 0), (takenBack.Blacklist, takenBack.Counted.Count));
    }

    [Theory]
    [InlineData(AppointmentChangeKind.NoShow, true)]
    [InlineData(AppointmentChangeKind.Restored, false)]
    [InlineData(AppointmentChangeKind.Completed, false)]
    [InlineData(AppointmentChangeKind.Deleted, false)]
    [InlineData(AppointmentChangeKind.Booked, null)]
    [InlineData(AppointmentChangeKind.Cancelled, null)]
    public void The_changes_that_make_or_take_back_a_no_show(AppointmentChangeKind change, bool? tells) =>
        Assert.Equal(tells, NoShowRecord.Tells(change, History("booked", "no-show")));

    [Theory]
    [InlineData(AppointmentChangeKind.Restored)]
    [InlineData(AppointmentChangeKind.Completed)]
    [InlineData(AppointmentChangeKind.Deleted)]
    public void An_appointment_that_never_was_a_no_show_takes_none_back(AppointmentChangeKind change) =>
        Assert.Null(NoShowRecord.Tells(change, History("booked", "cancelled")));

    private static HistoryEntry[] History(params string[] actions) =>
        [.. actions.Select((action, i) => new HistoryEntry(i + 1, Now.AddMinutes(i), Desk, action, null))];
}
