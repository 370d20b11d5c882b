using System.Globalization;

namespace Realtime.Faults;

/// <summary>
/// The organisation the load works in: one location in UTC, resources working 07:00-21:00 every day and one 30-minute
/// service. Bookings go on the days from <see cref="FirstDay"/> on, far enough ahead that no reminder or after-end job
/// changes them during the run.
/// </summary>
public sealed record FaultTenant(Guid LocationId, Guid ServiceId, Guid[] ResourceIds)
{
    public const int VisitMinutes = 30;
    private const int OpensHour = 7;
    private const int ClosesHour = 21;
    public const int SlotsPerDay = (ClosesHour - OpensHour) * 60 / VisitMinutes;

    private static readonly string[] Week = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    private static readonly DateTimeOffset FirstDay = new(DateTime.UtcNow.Date.AddDays(2), TimeSpan.Zero);

    /// <summary>The start of visit <paramref name="slot"/> of day <paramref name="day"/> (0 is the first booking day).</summary>
    public static DateTimeOffset Slot(int day, int slot) =>
        FirstDay.AddDays(day).AddHours(OpensHour).AddMinutes(slot * VisitMinutes);

    public static async Task<FaultTenant> CreateAsync(HttpClient owner, int resources)
    {
        var locationId = (await Requests.SetUpAsync(owner, "/api/locations", new { name = "Faults", timeZone = "Etc/UTC" })).GetProperty("id").GetGuid();
        var service = await Requests.SetUpAsync(owner, "/api/services", new { name = "Visit", durationMinutes = VisitMinutes, price = 50 });
        var resourceIds = new Guid[resources];
        for (var i = 0; i < resources; i++)
        {
            var resource = await Requests.SetUpAsync(owner, "/api/resources", new
            {
                name = $"Staff {i + 1}",
                kind = "staff",
                workingHours = Week.Select(day => new { locationId, dayOfWeek = day, start = Hour(OpensHour), end = Hour(ClosesHour) }),
            });
            resourceIds[i] = resource.GetProperty("id").GetGuid();
        }
        return new FaultTenant(locationId, service.GetProperty("id").GetGuid(), resourceIds);
    }

    /// <summary>The body of a booking of this tenant's service.</summary>
    public object Booking(Guid resourceId, DateTimeOffset start, string notes) =>
        new { locationId = LocationId, resourceIds = new[] { resourceId }, serviceIds = new[] { ServiceId }, start, notes, source = "phone" };

    private static string Hour(int hour) => new TimeOnly(hour, 0).ToString("HH:mm", CultureInfo.InvariantCulture);
}
