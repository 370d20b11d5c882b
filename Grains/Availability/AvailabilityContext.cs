using Realtime.Grains.Caching;
using Realtime.Grains.Calendars;
using Realtime.Grains.Domain.Appointments;
using Realtime.Grains.Domain.Availability;
using Realtime.Grains.Domain.Schedules;
using Realtime.Grains.Interfaces.Availability;
using Realtime.Grains.Interfaces.Organizations;
using Realtime.Grains.Interfaces.Resources;

namespace Realtime.Grains.Availability;

/// <summary>What one search is answered from: the location, the service and the resources that might serve it.</summary>
internal sealed record AvailabilityContext(LocationView Location, ServiceView Service, ResourceView[] Resources)
{
    /// <summary>The timing booking will use for this service alone.</summary>
    public AppointmentTiming Timing => BookingRules.Timing([Service.Definition], null);

    /// <summary>The service's own client policy, else the location's.</summary>
    public ClientPolicy ClientPolicy => ClientPolicyRules.Effective([Service.Definition], Location.Definition.Policy.ClientPolicy);

    /// <summary>
    /// Loads everything in parallel. Without an asked resource the candidates are the organisation's resources of the
    /// kinds the service needs (any kind when it needs none) that have hours at the location; with one, that resource
    /// and those of the other kinds needed.
    /// </summary>
    public static async Task<Result<AvailabilityContext>> Load(IGrainFactory grains, DefinitionCache definitions, AvailabilityQuery query)
    {
        var location = definitions.Location(query.LocationId);
        var service = definitions.Service(query.ServiceId);
        var asked = query.ResourceId is { } askedId
            ? definitions.Resource(askedId)
            : Task.FromResult<ResourceView?>(null);
        var directory = grains.GetGrain<IOrganizationGrain>(query.OrganizationId).GetDirectory();
        await Task.WhenAll(location, service, asked, directory);

        var missing = new List<FieldError>();
        if (location.Result?.OrganizationId != query.OrganizationId) missing.Add(new("locationId", "Unknown location."));
        if (service.Result?.OrganizationId != query.OrganizationId) missing.Add(new("serviceId", "Unknown service."));
        if (query.ResourceId is not null && asked.Result?.OrganizationId != query.OrganizationId) missing.Add(new("resourceId", "Unknown resource."));
        if (missing.Count > 0) return new DomainError(ErrorCodes.NotFound, "Something the search refers to does not exist.", [.. missing]);

        var requiredKinds = service.Result!.Definition.RequiredResourceKinds;
        var othersNeeded = asked.Result is null || requiredKinds.Any(kind => kind != asked.Result.Kind);
        var others = othersNeeded
            ? await Task.WhenAll(directory.Result.ResourceIds
                .Where(id => id != query.ResourceId)
                .Select(definitions.Resource))
            : [];

        var resources = others
            .OfType<ResourceView>()
            .Where(r => r.OrganizationId == query.OrganizationId)
            .Where(r => requiredKinds.Length == 0 ? asked.Result is null : requiredKinds.Contains(r.Kind) && r.Kind != asked.Result?.Kind)
            .Concat(asked.Result is { } resource ? [resource] : [])
            .Where(r => HasHoursAt(r, query.LocationId))
            .OrderBy(r => r.Name, StringComparer.Ordinal)
            .ThenBy(r => r.Id)
            .ToArray();
        return new AvailabilityContext(location.Result!, service.Result, resources);
    }

    /// <summary>
    /// Each resource's working time for visits starting in <paramref name="allowedStarts"/>, and the reservations its
    /// calendar partitions hold around that time. Resources that do not work then are left out without reading their
    /// calendars; the partitions are read in parallel, read-only. The reservations of <paramref name="takenOver"/> (holds
    /// that give way to the search's booking) do not count.
    /// </summary>
    public async Task<SlotCandidate[]> Candidates(IGrainFactory grains, TimeRange allowedStarts, IReadOnlySet<Guid> takenOver)
    {
        var timing = Timing;
        var visits = new TimeRange(allowedStarts.Start, allowedStarts.End.AddMinutes(timing.DurationMinutes));
        var working = Resources
            .Select(r => (Resource: r, Working: WorkingTime.Between(r.WorkingHours, r.Exceptions, Location.Id, Location.Definition.TimeZone, visits)))
            .Where(x => x.Working.Count > 0)
            .ToArray();

        var reservations = await Task.WhenAll(working.Select(async x =>
            (await CalendarReads.Around(grains, x.Resource.Id, x.Working, timing))
                .Where(r => !takenOver.Contains(r.AppointmentId)).Select(r => r.Occupied).Distinct().ToArray()));

        return working
            .Select((x, i) => new SlotCandidate(x.Resource.Id, x.Resource.Kind, x.Working, reservations[i]))
            .ToArray();
    }

    private static bool HasHoursAt(ResourceView resource, Guid locationId) =>
        resource.WorkingHours.Any(h => h.LocationId == locationId)
        || resource.Exceptions.Any(e => e.LocationId == locationId && e.Kind == ScheduleExceptionKind.ExtraHours);
}
