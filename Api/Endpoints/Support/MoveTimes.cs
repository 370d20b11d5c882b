using Realtime.Grains.Caching;
using Realtime.Grains.Calendars;
using Realtime.Grains.Domain.Appointments;
using Realtime.Grains.Domain.Availability;
using Realtime.Grains.Domain.Schedules;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Availability;
using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Interfaces.Organizations;
using Realtime.Grains.Interfaces.Resources;

namespace Realtime.Api.Endpoints.Support;

/// <summary>
/// The times a client may move one of their appointments to, as the move checks them: with its own resources, duration
/// and buffers (a client's move keeps them), inside each resource's working hours at its location, clear of every
/// reservation but its own, and within the booking notice and horizon of its services' client policy. Its current
/// start is not offered. Answered from the definition cache and the calendar grains, as the availability search is.
/// </summary>
internal static class MoveTimes
{
    public static async Task<Result<AvailableSlot[]>> Find(
        IGrainFactory grains, DefinitionCache definitions, AppointmentView appointment, TimeRange window, DateTimeOffset now)
    {
        var location = await definitions.Location(appointment.LocationId);
        var resources = await Task.WhenAll(appointment.ResourceIds.Select(definitions.Resource));
        if (location is null || resources.Length == 0 || resources.Any(r => r is null)) return DomainError.NotFound("The appointment's location or resources");

        var policy = await ClientPolicies.Effective(definitions, location, appointment.ServiceIds);
        var allowed = AvailabilityRules.AllowedStarts(window, now, policy);
        if (allowed.Start >= allowed.End) return Array.Empty<AvailableSlot>();

        var timing = new AppointmentTiming(appointment.DurationMinutes, appointment.BufferBeforeMinutes, appointment.BufferAfterMinutes);
        var timeZone = location.Definition.TimeZone;
        var visits = new TimeRange(allowed.Start, allowed.End.AddMinutes(timing.DurationMinutes));
        var candidates = await Task.WhenAll(resources.Select(r => Candidate(grains, r!, appointment, timeZone, visits, timing)));

        // Each resource searched alone (its own kind, no substitute); a time is offered when every one of them is free.
        var perResource = candidates
            .Select(c => SlotFinder.Find(new SlotSearch(timeZone, allowed, timing, [], c.ResourceId), [c]))
            .ToArray();
        var everyoneFree = perResource[0].Select(s => s.Start).ToHashSet();
        foreach (var slots in perResource.Skip(1)) everyoneFree.IntersectWith(slots.Select(s => s.Start));
        return perResource[0]
            .Where(s => everyoneFree.Contains(s.Start) && s.Start != appointment.Start)
            .Select(s => s with { ResourceIds = appointment.ResourceIds })
            .ToArray();
    }

    /// <summary>The resource's working time at the location around those visits, and the time its calendar holds for others.</summary>
    private static async Task<SlotCandidate> Candidate(
        IGrainFactory grains, ResourceView resource, AppointmentView appointment, string timeZone, TimeRange visits, AppointmentTiming timing)
    {
        var working = WorkingTime.Between(resource.WorkingHours, resource.Exceptions, appointment.LocationId, timeZone, visits);
        var others = (await CalendarReads.Around(grains, resource.Id, working, timing))
            .Where(r => r.AppointmentId != appointment.Id).Select(r => r.Occupied).Distinct().ToArray();
        return new SlotCandidate(resource.Id, resource.Kind, working, others);
    }
}

/// <summary>The client policy of an appointment's services at a location, as the appointment applies it.</summary>
internal static class ClientPolicies
{
    public static async Task<ClientPolicy> Effective(DefinitionCache definitions, LocationView? location, IEnumerable<Guid> serviceIds)
    {
        var services = await Task.WhenAll(serviceIds.Select(definitions.Service));
        return ClientPolicyRules.Effective(
            services.OfType<ServiceView>().Select(s => s.Definition), location?.Definition.Policy.ClientPolicy ?? ClientPolicy.Default);
    }

    /// <summary>
    /// The number a policy refusal rests on, for a client's page to word the refusal in the client's language: the notice
    /// in hours, the most moves allowed, the horizon in days. None for other refusals.
    /// </summary>
    public static IReadOnlyDictionary<string, object?> NumbersOf(string code, ClientPolicy policy) => code switch
    {
        ErrorCodes.PolicyCancelNotice => new Dictionary<string, object?> { ["noticeHours"] = policy.CancelNoticeHours },
        ErrorCodes.PolicyRescheduleNotice => new Dictionary<string, object?> { ["noticeHours"] = policy.RescheduleNoticeHours },
        ErrorCodes.PolicyBookingNotice => new Dictionary<string, object?> { ["noticeHours"] = policy.BookingNoticeHours },
        ErrorCodes.PolicyBookingHorizon => new Dictionary<string, object?> { ["horizonDays"] = policy.BookingHorizonDays },
        ErrorCodes.PolicyMaxReschedules => new Dictionary<string, object?> { ["maxReschedules"] = policy.MaxReschedules },
        _ => new Dictionary<string, object?>(),
    };
}
