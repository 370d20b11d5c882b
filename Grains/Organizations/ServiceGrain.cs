using Realtime.Grains.Caching;
using Realtime.Grains.Domain.Organizations;
using Realtime.Grains.Hosting;
using Realtime.Grains.Interfaces.Organizations;

namespace Realtime.Grains.Organizations;

public sealed class ServiceGrain(
    [PersistentState("service", StorageNames.Default)] IPersistentState<DefinitionState<ServiceDefinition>> state,
    DefinitionChanges changes)
    : DefinitionGrain<ServiceDefinition, ServiceView>(state, changes, "service"), IServiceGrain
{
    protected override FieldError[] Validate(ServiceDefinition definition) => ConfigurationRules.Validate(definition);

    protected override ServiceDefinition Normalize(ServiceDefinition definition) => definition with
    {
        Name = definition.Name.Trim(),
        RequiredResourceKinds = [.. definition.RequiredResourceKinds.Distinct()],
    };

    protected override ServiceView ToView(Guid id, Guid organizationId, ServiceDefinition definition, long version) =>
        new(id, organizationId, definition, version);
}
