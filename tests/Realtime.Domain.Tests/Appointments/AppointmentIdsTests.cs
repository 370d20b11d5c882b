using Realtime.Grains.Domain.Appointments;

namespace Realtime.Domain.Tests.Appointments;

public sealed class AppointmentIdsTests
{
    [Fact]
    public void Ids_follow_the_time_they_are_made_in_the_order_postgresql_sorts_uuids()
    {
        var first = new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var ids = Enumerable.Range(0, 50).Select(i => AppointmentIds.New(first.AddMilliseconds(i))).ToArray();

        Assert.All(ids, id => Assert.Equal(7, id.Version));
        Assert.Equal(50, ids.Distinct().Count());
        // PostgreSQL compares uuids byte by byte in their written order, which is the order of their text.
        Assert.Equal(ids, ids.OrderBy(id => id.ToString(), StringComparer.Ordinal));
    }
}
