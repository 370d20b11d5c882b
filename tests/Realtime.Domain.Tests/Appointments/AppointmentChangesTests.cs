using Realtime.Grains.Domain.Appointments;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Common;

namespace Realtime.Domain.Tests.Appointments;

public sealed class AppointmentChangesTests
{
    private static readonly DateTimeOffset Start = new(2027, 1, 20, 10, 0, 0, TimeSpan.FromHours(1));
    private static readonly Guid Anna = Guid.Parse("aaaaaaaa-0000-4000-8000-000000000001");
    private static readonly Guid Room = Guid.Parse("bbbbbbbb-0000-4000-8000-000000000002");

    [Fact]
    public void An_edit_is_described_field_by_field()
    {
        var before = View();
        var after = before with
        {
            DurationMinutes = 45, Price = 123.5m, Labels = ["vip", "colour"], Notes = "Allergic to latex", PaymentDue = true,
            Comments = [new AppointmentComment("Likes tea", Actor.Staff("desk", "Desk"), Start)],
        };

        Assert.Equal(
            "duration 30 -> 45 min; price 100.00 -> 123.50; labels +colour -old; comment added; notes changed; payment due on",
            AppointmentChanges.Describe(before, after));
    }

    [Fact]
    public void A_change_asked_on_another_version_is_refused_naming_the_current_one()
    {
        var changed = AppointmentChanges.CheckUnchangedSince(4, 6);

        Assert.Equal(ErrorCodes.AppointmentChanged, changed?.Code);
        Assert.Equal("6", changed!.Facts![AppointmentChanges.CurrentVersionFact]);
        Assert.Contains("Someone else changed", changed.Message, StringComparison.Ordinal);
        Assert.Null(AppointmentChanges.CheckUnchangedSince(6, 6));
        Assert.Null(AppointmentChanges.CheckUnchangedSince(null, 6));
    }

    [Fact]
    public void A_request_seen_again_made_a_change_only_if_an_entry_carries_its_id()
    {
        var (made, other) = (Guid.NewGuid(), Guid.NewGuid());
        var desk = Actor.Staff("desk", "Desk");
        HistoryEntry[] history = [new(1, Start, desk, "booked", null), new(2, Start, desk, "cancelled", null, RequestId: made), new(3, Start, desk, "restored", null)];

        Assert.True(AppointmentChanges.MadeUnder(history, made));
        Assert.False(AppointmentChanges.MadeUnder(history, other));
        Assert.False(AppointmentChanges.MadeUnder(history, null)); // without a key, nothing is a repeat
        Assert.False(AppointmentChanges.MadeUnder([], made));
        Assert.False(AppointmentChanges.LastMadeUnder(history, made)); // restored since
        Assert.True(AppointmentChanges.LastMadeUnder(history[..2], made));
        Assert.False(AppointmentChanges.LastMadeUnder([], made));
    }

    [Fact]
    public void An_edit_that_changes_nothing_has_no_description()
    {
        Assert.Null(AppointmentChanges.Describe(View(), View()));
        Assert.Null(AppointmentChanges.Describe(View(), View() with { Notes = "" })); // an empty notes field is no notes
    }

    [Fact]
    public void A_move_names_its_times_and_other_resources_only_when_they_change()
    {
        Assert.Equal(
            "2027-01-20T10:00:00.0000000+01:00 -> 2027-01-20T12:00:00.0000000+01:00",
            AppointmentChanges.DescribeMove(Start, [Anna, Room], Start.AddHours(2), [Room, Anna]));
        Assert.Equal(
            $"2027-01-20T10:00:00.0000000+01:00 -> 2027-01-20T10:00:00.0000000+01:00; resources {Anna} -> {Room}",
            AppointmentChanges.DescribeMove(Start, [Anna], Start, [Room]));
    }

    [Fact]
    public void A_cancellation_and_a_no_show_say_in_words_for_whom_and_what_else_they_did()
    {
        Assert.Equal("the client cancelled", AppointmentChanges.CancelledDetails(CancellationReason.Client));
        Assert.Equal("the business cancelled", AppointmentChanges.CancelledDetails(CancellationReason.Business));
        Assert.Equal("the client was put on the blacklist", AppointmentChanges.NoShowDetails(blacklisted: true));
        Assert.Null(AppointmentChanges.NoShowDetails(blacklisted: false));
    }

    private static AppointmentView View() => new(
        Guid.NewGuid(), 3, Guid.NewGuid(), Guid.NewGuid(), AppointmentKind.Appointment, AppointmentStatus.Booked, [Anna], [], null, Start,
        DurationMinutes: 30, BufferBeforeMinutes: 0, BufferAfterMinutes: 0, Confirmed: false, Price: 100m, Labels: ["vip", "old"], Comments: [],
        Notes: null, FirstConsultation: false, Asap: false, Source: null, PaymentDue: false, ClientReschedules: 0, Cancellation: null, History: [],
        CreatedAt: Start, UpdatedAt: Start, Seats: [], Capacity: 1);
}
