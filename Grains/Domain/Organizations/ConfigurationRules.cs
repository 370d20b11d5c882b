using Realtime.Grains.Domain.Schedules;
using Realtime.Grains.Interfaces.Organizations;
using Realtime.Grains.Interfaces.Resources;

namespace Realtime.Grains.Domain.Organizations;

public static class ConfigurationRules
{
    public const int MaxNameLength = 200;

    /// <summary>The longest buffer a service may keep before or after its visits.</summary>
    public const int MaxBufferMinutes = 240;

    public static FieldError[] ValidateName(string? name, string field = "name") =>
        string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength
            ? [new(field, $"A name of 1 to {MaxNameLength} characters is required.")]
            : [];

    public static FieldError[] Validate(LocationDefinition location)
    {
        var errors = new List<FieldError>(ValidateName(location.Name));
        if (location.Address is { Length: > 500 }) errors.Add(new("address", "At most 500 characters."));
        if (string.IsNullOrWhiteSpace(location.TimeZone) || !TimeZones.IsKnown(location.TimeZone))
        {
            errors.Add(new("timeZone", $"'{location.TimeZone}' is not an IANA time zone such as Europe/Warsaw."));
        }

        var policy = location.Policy;
        if (policy.ReminderLeadMinutes is < 0 or > 30 * 24 * 60) errors.Add(new("policies.reminderLeadMinutes", "Between 0 and 43200 minutes."));
        if (policy.AfterEndGraceMinutes is < 0 or > 7 * 24 * 60) errors.Add(new("policies.afterEndGraceMinutes", "Between 0 and 10080 minutes."));
        errors.AddRange(Validate(policy.ClientPolicy, "policies.clientPolicy"));
        return [.. errors];
    }

    public static FieldError[] Validate(ServiceDefinition service)
    {
        var errors = new List<FieldError>(ValidateName(service.Name));
        if (service.DurationMinutes is <= 0 or > 24 * 60) errors.Add(new("durationMinutes", "Between 1 and 1440 minutes."));
        if (Prices.Check(service.Price, "price") is { } price) errors.Add(price);
        if (service.BufferBeforeMinutes is < 0 or > MaxBufferMinutes) errors.Add(new("bufferBeforeMinutes", $"Between 0 and {MaxBufferMinutes} minutes."));
        if (service.BufferAfterMinutes is < 0 or > MaxBufferMinutes) errors.Add(new("bufferAfterMinutes", $"Between 0 and {MaxBufferMinutes} minutes."));
        if (service.Capacity is < 1 or > 500) errors.Add(new("capacity", "Between 1 and 500 seats."));
        if (service.RequiredResourceKinds.Any(k => !Enum.IsDefined(k))) errors.Add(new("requiredResourceKinds", "Unknown resource kind."));
        if (service.Policy is { } policy) errors.AddRange(Validate(policy, "policy"));
        return [.. errors];
    }

    public static FieldError[] Validate(ResourceDefinition resource)
    {
        var errors = new List<FieldError>(ValidateName(resource.Name));
        if (!Enum.IsDefined(resource.Kind)) errors.Add(new("kind", "Kind must be staff, room or equipment."));
        errors.AddRange(WorkingHoursRules.Validate(resource.WorkingHours));
        return [.. errors];
    }

    private static IEnumerable<FieldError> Validate(ClientPolicy policy, string prefix)
    {
        if (policy.CancelNoticeHours is < 0 or > 24 * 90) yield return new($"{prefix}.cancelNoticeHours", "Between 0 and 2160 hours.");
        if (policy.RescheduleNoticeHours is < 0 or > 24 * 90) yield return new($"{prefix}.rescheduleNoticeHours", "Between 0 and 2160 hours.");
        if (policy.MaxReschedules is < 0 or > 100) yield return new($"{prefix}.maxReschedules", "Between 0 and 100.");
        if (policy.BookingNoticeHours is < 0 or > 24 * 90) yield return new($"{prefix}.bookingNoticeHours", "Between 0 and 2160 hours.");
        if (policy.BookingHorizonDays is < 1 or > 5 * 365) yield return new($"{prefix}.bookingHorizonDays", "Between 1 and 1825 days.");
    }
}
