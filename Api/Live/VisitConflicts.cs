using Realtime.Grains.Caching;
using Realtime.Grains.Domain.Schedules;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Resources;

namespace Realtime.Api.Live;

internal static class VisitConflicts
{
    /// <summary>
    /// <see cref="OffWorkVisits.Conflicts"/> of these visits at a location on <paramref name="timeZoneId"/>'s clock, each
    /// resource read once from the definition cache (a change of its schedule clears it there before it is answered).
    /// </summary>
    public static async Task<WorkingTimeConflict[]> Of(DefinitionCache definitions, IReadOnlyCollection<AppointmentView> visits, string timeZoneId)
    {
        var resources = new Dictionary<Guid, ResourceView>();
        foreach (var id in visits.SelectMany(a => a.ResourceIds).Distinct())
        {
            if (await definitions.Resource(id) is { } resource) resources[id] = resource;
        }
        return [.. visits.SelectMany(a => OffWorkVisits.Conflicts(a, resources, timeZoneId))];
    }
}
