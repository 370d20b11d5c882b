using NodaTime;
using Realtime.Grains.Domain.Appointments;
using Realtime.Grains.Domain.Schedules;
using Realtime.Grains.Interfaces.Availability;
using Realtime.Grains.Interfaces.Organizations;

namespace Realtime.Grains.Domain.Availability;

/// <summary>The limits of an availability search and the starts it may offer.</summary>
public static class AvailabilityRules
{
    /// <summary>Slots start on the location's local clock at multiples of this (09:00, 09:15, ...).</summary>
    public const int StepMinutes = 15;

    /// <summary>At most this many slots are returned, the earliest first.</summary>
    public const int MaxSlots = 1000;

    /// <summary>A search covers at most this many days.</summary>
    public const int MaxWindowDays = 31;

    /// <summary>
    /// The longest window in elapsed time: <see cref="MaxWindowDays"/> days, plus an allowance for a DST change so that
    /// 31 whole local days that include a 25-hour day (or a 2-hour shift) still pass.
    /// </summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(MaxWindowDays) + TimeSpan.FromHours(2);

    /// <summary>Field names are those of the query: <c>locationId</c>, <c>serviceId</c>, <c>resourceId</c>, <c>from</c>, <c>to</c>.</summary>
    public static FieldError[] Validate(AvailabilityQuery query, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = new List<FieldError>();
        if (query.OrganizationId == Guid.Empty) errors.Add(new("organizationId", "An organization is required."));
        if (query.LocationId == Guid.Empty) errors.Add(new("locationId", "A location is required."));
        if (query.ServiceId == Guid.Empty) errors.Add(new("serviceId", "A service is required."));
        if (query.ResourceId == Guid.Empty) errors.Add(new("resourceId", "A resource id cannot be empty."));

        var fromInRange = (query.From - now).Duration() <= BookingRules.MaxDistanceFromNow;
        var toInRange = (query.To - now).Duration() <= BookingRules.MaxDistanceFromNow;
        if (!fromInRange) errors.Add(new("from", "The start must lie within five years of today."));
        if (!toInRange) errors.Add(new("to", "The end must lie within five years of today."));
        if (fromInRange && toInRange && CheckWidth(query.From, query.To) is { } width) errors.Add(width);
        return [.. errors];
    }

    /// <summary>A window that ends after it starts and is at most <see cref="MaxWindow"/> wide; the error on <c>to</c> otherwise.</summary>
    public static FieldError? CheckWidth(DateTimeOffset from, DateTimeOffset to) =>
        to <= from ? new("to", "The end must be after the start.")
        : to - from > MaxWindow ? new("to", $"Search at most {MaxWindowDays} days at a time.")
        : null;

    /// <summary>
    /// The starts a search may offer: inside the asked window, not in the past and, under a client policy, at least its
    /// booking notice from now and less than its horizon away. Empty (Start == End) when none.
    /// </summary>
    public static TimeRange AllowedStarts(TimeRange window, DateTimeOffset now, ClientPolicy? clientPolicy)
    {
        var earliest = now;
        var end = window.End;
        if (clientPolicy is not null)
        {
            earliest = now.AddHours(clientPolicy.BookingNoticeHours);
            var horizon = now.AddDays(clientPolicy.BookingHorizonDays);
            if (horizon < end) end = horizon;
        }

        var start = window.Start > earliest ? window.Start : earliest;
        return new TimeRange(start, end > start ? end : start);
    }

    /// <summary>The first instant of a local date at a location (not always 00:00, e.g. when DST starts at midnight).</summary>
    public static DateTimeOffset StartOfLocalDay(string timeZoneId, DateOnly localDate) =>
        TimeZones.Get(timeZoneId).AtStartOfDay(LocalDate.FromDateOnly(localDate)).ToDateTimeOffset();

    /// <summary>The whole local days from <paramref name="firstDate"/> to <paramref name="lastDate"/>, both included.</summary>
    public static TimeRange LocalDays(string timeZoneId, DateOnly firstDate, DateOnly lastDate) =>
        new(StartOfLocalDay(timeZoneId, firstDate), StartOfLocalDay(timeZoneId, lastDate.AddDays(1)));
}
