using Realtime.Grains.Domain.Organizations;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Organizations;
using Realtime.Grains.Interfaces.Resources;

namespace Realtime.Grains.Domain.Appointments;

/// <summary>How long an appointment lasts and how much time around it its services keep free.</summary>
public readonly record struct AppointmentTiming(int DurationMinutes, int BufferBeforeMinutes, int BufferAfterMinutes)
{
    public TimeRange Occupied(DateTimeOffset start) =>
        new(start.AddMinutes(-BufferBeforeMinutes), start.AddMinutes(DurationMinutes + BufferAfterMinutes));
}

public static class BookingRules
{
    public const int MaxDurationMinutes = 24 * 60;
    public const int MaxResources = 10;
    public const int MaxServices = 20;
    public const int MaxLabels = 20;
    public const int MaxLabelLength = 50;
    public const int MaxTextLength = 4000;
    public const int MaxSourceLength = 100;
    public static readonly TimeSpan MaxDistanceFromNow = TimeSpan.FromDays(5 * 366);

    public static FieldError[] Validate(BookAppointment command, DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        ValidateResources(command.ResourceIds, "resourceIds", errors);
        ValidateStart(command.Start, now, errors);
        if (command.DurationMinutes is { } minutes)
        {
            ValidateDuration(minutes, "durationMinutes", errors);
        }
        else if (command.ServiceIds.Length == 0)
        {
            errors.Add(new("durationMinutes", "A duration is required when no service is given."));
        }

        if (command.ServiceIds.Length > MaxServices || command.ServiceIds.Distinct().Count() != command.ServiceIds.Length)
        {
            errors.Add(new("serviceIds", $"Give at most {MaxServices} distinct services."));
        }

        if (command.Kind == AppointmentKind.Break)
        {
            if (command.ClientId is not null) errors.Add(new("clientId", "A break has no client."));
            RefuseVisitFields(command.ServiceIds, command.Price, paymentDue: false, command.FirstConsultation, command.Asap, errors);
        }

        ValidateLabels(command.Labels, errors);
        ValidateText(command.Notes, "notes", MaxTextLength, errors);
        ValidateText(command.Source, "source", MaxSourceLength, errors);
        ValidatePrice(command.Price, "price", errors);
        return [.. errors];
    }

    public static FieldError[] Validate(RescheduleAppointment command, DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        ValidateStart(command.Start, now, errors);
        if (command.ResourceIds is { } resourceIds) ValidateResources(resourceIds, "resourceIds", errors);
        return [.. errors];
    }

    public static FieldError[] Validate(UpdateAppointment command, AppointmentKind kind)
    {
        var errors = new List<FieldError>();
        if (command.Labels is { } labels) ValidateLabels(labels, errors);
        if (command.DurationMinutes is { } minutes) ValidateDuration(minutes, "durationMinutes", errors);
        if (command.ServiceIds is { } services && (services.Length > MaxServices || services.Distinct().Count() != services.Length))
        {
            errors.Add(new("serviceIds", $"Give at most {MaxServices} distinct services."));
        }

        if (kind == AppointmentKind.Break)
        {
            RefuseVisitFields(command.ServiceIds, command.Price, command.PaymentDue == true, command.FirstConsultation == true, command.Asap == true, errors);
        }

        ValidateText(command.Comment, "comment", MaxTextLength, errors);
        ValidateText(command.Notes, "notes", MaxTextLength, errors);
        ValidatePrice(command.Price, "price", errors);
        return [.. errors];
    }

    /// <summary>A break is time off for its resources: it has none of a visit's services, price or flags, when booked or later.</summary>
    private static void RefuseVisitFields(Guid[]? serviceIds, decimal? price, bool paymentDue, bool firstConsultation, bool asap, List<FieldError> errors)
    {
        if (serviceIds is { Length: > 0 }) errors.Add(new("serviceIds", "A break has no services."));
        if (price is not null) errors.Add(new("price", "A break has no price."));
        if (paymentDue) errors.Add(new("paymentDue", "A break has nothing to pay."));
        if (firstConsultation) errors.Add(new("firstConsultation", "A break is not a consultation."));
        if (asap) errors.Add(new("asap", "A break does not wait for an earlier slot."));
    }

    public static FieldError[] Validate(CompleteAppointment command)
    {
        var errors = new List<FieldError>();
        if (command.DurationMinutes is { } minutes) ValidateDuration(minutes, "durationMinutes", errors);
        ValidateNextVisit(command.NextVisit, errors);
        ValidatePrice(command.TotalPrice, "totalPrice", errors);
        ValidateText(command.Label, "label", MaxLabelLength, errors);
        ValidateText(command.Comment, "comment", MaxTextLength, errors);
        return [.. errors];
    }

    public static FieldError[] Validate(CancelAppointment command)
    {
        var errors = new List<FieldError>();
        // The appointment gives itself up for a deleted client; nobody cancels for that reason.
        if (command.Reason == CancellationReason.ClientDeleted) errors.Add(new("reason", "business or client."));
        ValidateText(command.Message, "message", MaxTextLength, errors);
        ValidateNextVisit(command.NextVisit, errors);
        return [.. errors];
    }

    /// <summary>
    /// Duration is the given one or the services' total; the first service's buffer comes before, the last one's after.
    /// </summary>
    public static AppointmentTiming Timing(IReadOnlyList<ServiceDefinition> services, int? durationMinutes) =>
        new(
            durationMinutes ?? services.Sum(s => s.DurationMinutes),
            services.Count > 0 ? services[0].BufferBeforeMinutes : 0,
            services.Count > 0 ? services[^1].BufferAfterMinutes : 0);

    /// <summary>Each kind of resource the services need must be among the booked resources.</summary>
    public static FieldError[] CheckRequiredKinds(IEnumerable<ServiceDefinition> services, IEnumerable<ResourceKind> bookedKinds)
    {
        var booked = bookedKinds.ToHashSet();
        return services
            .SelectMany(s => s.RequiredResourceKinds.Where(kind => !booked.Contains(kind)).Select(kind => (s.Name, kind)))
            .Select(missing => new FieldError("resourceIds", $"Service '{missing.Name}' needs a resource of kind {missing.kind.ToString().ToLowerInvariant()}."))
            .ToArray();
    }

    internal static void ValidateResources(Guid[] resourceIds, string field, List<FieldError> errors)
    {
        if (resourceIds.Length == 0) errors.Add(new(field, "At least one resource is required."));
        else if (resourceIds.Length > MaxResources) errors.Add(new(field, $"At most {MaxResources} resources."));
        else if (resourceIds.Distinct().Count() != resourceIds.Length) errors.Add(new(field, "Resources must be distinct."));
        else if (resourceIds.Contains(Guid.Empty)) errors.Add(new(field, "A resource id cannot be empty."));
    }

    private static void ValidateNextVisit(NextVisitRequest? nextVisit, List<FieldError> errors)
    {
        if (nextVisit?.DurationMinutes is { } minutes) ValidateDuration(minutes, "nextVisit.durationMinutes", errors);
        if (nextVisit?.ResourceIds is { } resourceIds) ValidateResources(resourceIds, "nextVisit.resourceIds", errors);
    }

    private static void ValidateStart(DateTimeOffset start, DateTimeOffset now, List<FieldError> errors)
    {
        if ((start - now).Duration() > MaxDistanceFromNow)
        {
            errors.Add(new("start", "The start must lie within five years of today."));
        }
    }

    private static void ValidateDuration(int minutes, string field, List<FieldError> errors)
    {
        if (minutes is <= 0 or > MaxDurationMinutes)
        {
            errors.Add(new(field, $"The duration must be between 1 and {MaxDurationMinutes} minutes."));
        }
    }

    private static void ValidateLabels(string[] labels, List<FieldError> errors)
    {
        if (labels.Length > MaxLabels) errors.Add(new("labels", $"At most {MaxLabels} labels."));
        if (labels.Any(l => string.IsNullOrWhiteSpace(l) || l.Length > MaxLabelLength))
        {
            errors.Add(new("labels", $"Labels must be non-empty and at most {MaxLabelLength} characters."));
        }
    }

    private static void ValidateText(string? text, string field, int maxLength, List<FieldError> errors)
    {
        if (text is { Length: var length } && length > maxLength)
        {
            errors.Add(new(field, $"At most {maxLength} characters."));
        }
    }

    private static void ValidatePrice(decimal? price, string field, List<FieldError> errors)
    {
        if (Prices.Check(price, field) is { } invalid) errors.Add(invalid);
    }
}
