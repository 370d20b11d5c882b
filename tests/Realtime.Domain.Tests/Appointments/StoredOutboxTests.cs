using Realtime.Grains.Appointments;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Common;

namespace Realtime.Domain.Tests.Appointments;

public class StoredOutboxTests
{
    private static readonly Actor Desk = Actor.Staff("key-1", "Desk");

    private static AppointmentState Stored(params long[] outbox) => new()
    {
        Version = outbox.Length > 0 ? outbox[^1] : 1,
        Outbox = [.. outbox.Select(version => new OutboxEntry(version, AppointmentChangeKind.Updated, false, false, false))],
    };

    [Theory]
    [InlineData(3L, true)]
    [InlineData(4L, true)]
    [InlineData(2L, false)]
    [InlineData(null, false)]
    public void One_stored_change_was_handed_on_once_the_list_holds_its_version(long? listed, bool handedOn) =>
        Assert.Equal(handedOn, Stored(3).OutboxHandedOn(listed));

    [Fact]
    public void Two_stored_changes_are_never_taken_for_handed_on_by_the_list()
    {
        Assert.False(Stored(2, 3).OutboxHandedOn(3));
        Assert.False(Stored(2, 3).OutboxHandedOn(4));
    }

    [Fact]
    public void An_empty_outbox_has_nothing_handed_on() => Assert.False(Stored().OutboxHandedOn(1));
}
