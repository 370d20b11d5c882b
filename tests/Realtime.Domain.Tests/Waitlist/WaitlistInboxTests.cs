using Realtime.Grains.Domain.Waitlist;
using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Interfaces.Waitlist;

namespace Realtime.Domain.Tests.Waitlist;

public sealed class WaitlistInboxTests
{
    private static WaitlistNews News(Guid appointmentId, long version) => new(appointmentId, version, null, null);

    [Fact]
    public void News_is_taken_in_once_per_appointment_version_in_the_order_heard()
    {
        var inbox = new WaitlistInbox();
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());

        Assert.True(inbox.TakeIn(News(first, 1)));
        Assert.True(inbox.TakeIn(News(second, 1)));
        Assert.True(inbox.TakeIn(News(first, 2)));
        Assert.False(inbox.TakeIn(News(first, 1)));

        Assert.Equal([News(first, 1), News(second, 1), News(first, 2)], inbox.Pending);
    }

    [Fact]
    public void News_acted_on_is_dropped_by_its_version_and_still_recognised_when_it_comes_again()
    {
        var inbox = new WaitlistInbox();
        var appointmentId = Guid.NewGuid();
        var start = new DateTimeOffset(2026, 12, 10, 9, 0, 0, TimeSpan.Zero);
        FreedSlot Freed() => new(Guid.Empty, appointmentId, null, [Guid.Empty], start, TimeRange.FromMinutes(start, 30));
        inbox.TakeIn(new WaitlistNews(appointmentId, 3, Freed(), null));
        inbox.TakeIn(News(appointmentId, 4));

        // As stored and read back: equal values, other arrays.
        Assert.True(inbox.Done(new WaitlistNews(appointmentId, 3, Freed(), null)));
        Assert.False(inbox.Done(News(appointmentId, 3)));
        Assert.False(inbox.TakeIn(News(appointmentId, 3)));
        Assert.Equal([News(appointmentId, 4)], inbox.Pending);
    }

    [Fact]
    public void Only_the_latest_versions_are_remembered()
    {
        var inbox = new WaitlistInbox();
        var oldest = News(Guid.NewGuid(), 1);
        inbox.TakeIn(oldest);
        for (var i = 0; i < WaitlistInbox.HeardCapacity; i++) inbox.TakeIn(News(Guid.NewGuid(), 1));

        Assert.Equal(WaitlistInbox.HeardCapacity, inbox.Heard.Count);
        Assert.DoesNotContain(new HeardVersion(oldest.AppointmentId, 1), inbox.Heard);
        Assert.Equal(new HeardVersion(inbox.Pending[1].AppointmentId, 1), inbox.Heard[0]);
    }
}
