using Realtime.Grains.Domain.Appointments;
using Realtime.Grains.Domain.Organizations;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Feeds;
using Realtime.Grains.Interfaces.Resources;

namespace Realtime.Grains.Domain.Schedules;

/// <summary>
/// A resource is one calendar across the chain: a desk shows, in the column of a resource it shows, the time that
/// resource is taken at other locations (<see cref="BusyElsewhere"/>). Pure functions.
/// </summary>
public static class BusyElsewhereRules
{
    /// <summary>Whether the location's desk shows the resource by its working hours (the desk's columns; DESIGN.md §2).</summary>
    public static bool WorksAt(ResourceView resource, Guid locationId) => resource.WorkingHours.Any(w => w.LocationId == locationId);

    /// <summary>
    /// The desk's resources at a location on a day: those working there, and those of the visits there that occupy time
    /// (a booking that overrode the hours brings its resource onto the desk).
    /// </summary>
    public static HashSet<Guid> ShownAt(Guid locationId, IEnumerable<ResourceView> resources, IEnumerable<AppointmentView> visitsThere) =>
    [
        .. resources.Where(r => WorksAt(r, locationId)).Select(r => r.Id),
        .. visitsThere.Where(v => AppointmentTransitions.OccupiesTime(v.Status)).SelectMany(v => v.ResourceIds),
    ];

    /// <summary>
    /// The block a visit makes on <paramref name="locationId"/>'s desk for the <paramref name="shown"/> resources it
    /// occupies, or null: none of them, a visit of that location itself, one that frees its time (cancelled, no-show) or
    /// a deleted one. <paramref name="visitLocationName"/> names the visit's own location.
    /// </summary>
    public static BusyElsewhere? Block(AppointmentView visit, bool deleted, Guid locationId, IReadOnlySet<Guid> shown, string visitLocationName)
    {
        if (deleted || visit.LocationId == locationId || !AppointmentTransitions.OccupiesTime(visit.Status)) return null;
        Guid[] concerned = [.. visit.ResourceIds.Where(shown.Contains)];
        return concerned.Length == 0
            ? null
            : new BusyElsewhere(visit.Id, concerned, visit.Occupied.Start, visit.Occupied.End, visit.LocationId, visitLocationName, visit.Kind);
    }

    /// <summary>
    /// The span to list visits by their start and end so as to find every one whose occupied time, buffers included,
    /// overlaps <paramref name="day"/>: a visit's buffers are its services', at most
    /// <see cref="ConfigurationRules.MaxBufferMinutes"/> either side. Those found are then kept by their occupied time.
    /// </summary>
    public static TimeRange VisitsReaching(TimeRange day) =>
        new(day.Start.AddMinutes(-ConfigurationRules.MaxBufferMinutes), day.End.AddMinutes(ConfigurationRules.MaxBufferMinutes));

    /// <summary>
    /// The other locations whose desks a change of the visit concerns: where the given resources (those it occupies now
    /// and those the change freed) work. None for a chain of one location, or resources working only at the visit's.
    /// </summary>
    public static Guid[] LocationsToTell(AppointmentView visit, IEnumerable<ResourceView> resources) =>
        [.. resources.SelectMany(r => r.WorkingHours).Select(w => w.LocationId).Where(l => l != visit.LocationId).Distinct()];
}
