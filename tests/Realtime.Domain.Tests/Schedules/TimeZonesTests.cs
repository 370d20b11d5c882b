using NodaTime.TimeZones;
using Realtime.Grains.Domain.Schedules;

namespace Realtime.Domain.Tests.Schedules;

public class TimeZonesTests
{
    [Theory]
    [InlineData("Europe/Warsaw", true)]
    [InlineData("America/Santiago", true)]
    [InlineData("Europe/Vilnius", true)]
    [InlineData("Etc/UTC", true)]
    [InlineData("europe/warsaw", false)] // tzdb ids are case-sensitive
    [InlineData("Europe/Atlantis", false)]
    [InlineData("CET ", false)]
    [InlineData("", false)]
    [InlineData(" ", false)]
    public void IsKnown_accepts_only_tzdb_ids(string ianaId, bool known)
    {
        Assert.Equal(known, TimeZones.IsKnown(ianaId));
    }

    [Fact]
    public void Get_returns_the_zone_and_throws_for_an_unknown_id()
    {
        Assert.Equal("America/Santiago", TimeZones.Get("America/Santiago").Id);
        Assert.Throws<DateTimeZoneNotFoundException>(() => TimeZones.Get("Europe/Atlantis"));
    }
}
