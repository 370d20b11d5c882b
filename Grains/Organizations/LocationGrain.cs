using Realtime.Grains.Caching;
using Realtime.Grains.Domain.Organizations;
using Realtime.Grains.Hosting;
using Realtime.Grains.Interfaces.Organizations;

namespace Realtime.Grains.Organizations;

public sealed class LocationGrain(
    [PersistentState("location", StorageNames.Default)] IPersistentState<DefinitionState<LocationDefinition>> state,
    DefinitionChanges changes)
    : DefinitionGrain<LocationDefinition, LocationView>(state, changes, "location"), ILocationGrain
{
    protected override FieldError[] Validate(LocationDefinition definition) => ConfigurationRules.Validate(definition);

    protected override LocationDefinition Normalize(LocationDefinition definition) => definition with { Name = definition.Name.Trim() };

    protected override LocationView ToView(Guid id, Guid organizationId, LocationDefinition definition, long version) =>
        new(id, organizationId, definition, version);
}
