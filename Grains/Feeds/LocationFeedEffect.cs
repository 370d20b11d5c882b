using Realtime.Grains.Appointments.Effects;
using Realtime.Grains.Caching;
using Realtime.Grains.Domain.Schedules;
using Realtime.Grains.Interfaces.Feeds;
using Realtime.Grains.Interfaces.Resources;

namespace Realtime.Grains.Feeds;

/// <summary>
/// Tells the location's front desks, then those of the other locations where its resources (now, or before the change)
/// work, which show the time taken as busy elsewhere. Registered after the read-model projection, so that a change with
/// sequence N is already in the read model when N is published: a snapshot taken after reading the position is never
/// behind it. A chain whose resources work at one location each pays only the cached look-up of the resources.
/// </summary>
public sealed class LocationFeedEffect(IGrainFactory grains, DefinitionCache definitions) : IAppointmentEffect
{
    public async Task Apply(AppointmentChange change)
    {
        await grains.GetGrain<ILocationFeedGrain>(change.Appointment.LocationId).Publish(change.Appointment, change.Deleted);
        await TellOtherLocations(change);
    }

    private async Task TellOtherLocations(AppointmentChange change)
    {
        var visit = change.Appointment;
        var looked = await Task.WhenAll(visit.ResourceIds.Concat(change.Entry.Freed?.ResourceIds ?? []).Distinct().Select(definitions.Resource));
        ResourceView[] resources = [.. looked.OfType<ResourceView>()];

        var others = BusyElsewhereRules.LocationsToTell(visit, resources);
        if (others.Length == 0) return;
        var locationName = (await definitions.Location(visit.LocationId))?.Definition.Name ?? "";
        await Task.WhenAll(others.Select(locationId =>
        {
            var shown = resources.Where(r => BusyElsewhereRules.WorksAt(r, locationId)).Select(r => r.Id).ToHashSet();
            var busy = BusyElsewhereRules.Block(visit, change.Deleted, locationId, shown, locationName);
            return grains.GetGrain<ILocationFeedGrain>(locationId).PublishElsewhere(visit.Id, visit.Version, change.Deleted, busy);
        }));
    }
}
