using Realtime.Grains.Caching;
using Realtime.Grains.Domain.Calendars;
using Realtime.Grains.Interfaces.Calendars;

namespace Realtime.Grains.Calendars;

/// <summary>
/// A look at the calendars before a new booking: time that a live appointment claims is refused there and then,
/// without activating an appointment for an attempt that cannot succeed (under contention, most attempts). It only
/// refuses; taking the time, and freeing orphans, stays with the booking.
/// </summary>
public static class TakenTime
{
    /// <summary>
    /// The refusal, if a live appointment claims time overlapping <paramref name="within"/> on one of the resources. Ids
    /// not of <paramref name="organizationId"/> get no answer here: the booking itself answers for them. They are checked
    /// only once a holder is found, so a booking of free time pays nothing for the check. A waitlist offer's hold does
    /// not count when the booking <paramref name="takesOfferHolds"/>.
    /// </summary>
    public static async Task<DomainError?> Find(
        IGrainFactory grains, DefinitionCache definitions, Guid organizationId, Guid locationId, Guid[] resourceIds, TimeRange within,
        bool takesOfferHolds)
    {
        var candidate = new Reservation(Guid.Empty, within);
        foreach (var (resourceId, key) in CalendarPartitions.For(resourceIds, within))
        {
            if (await grains.GetGrain<IResourceCalendarGrain>(key).ClaimedConflict(candidate, takesOfferHolds) is { } holder)
            {
                return await AllBelongTo(definitions, organizationId, locationId, resourceIds)
                    ? await Refusal(definitions, resourceId, locationId, holder)
                    : null;
            }
        }

        return null;
    }

    /// <summary>The refusal of the time <paramref name="holder"/> claims on the resource, worded with its name and the location's time.</summary>
    public static async Task<DomainError> Refusal(DefinitionCache definitions, Guid resourceId, Guid locationId, ClaimedTime holder)
    {
        var (resource, location) = (await definitions.Resource(resourceId), await definitions.Location(locationId));
        return ReservationConflicts.Taken(resource?.Name ?? "One of the resources", holder, location?.Definition.TimeZone ?? "UTC");
    }

    private static async Task<bool> AllBelongTo(DefinitionCache definitions, Guid organizationId, Guid locationId, Guid[] resourceIds)
    {
        var resources = await Task.WhenAll(resourceIds.Select(definitions.Resource));
        return resources.All(resource => resource?.OrganizationId == organizationId)
            && (await definitions.Location(locationId))?.OrganizationId == organizationId;
    }
}
