using Realtime.Grains.Caching;
using Realtime.Grains.Domain.Organizations;
using Realtime.Grains.Domain.Scheduling;
using Realtime.Grains.Hosting;
using Realtime.Grains.Interfaces.Organizations;
using Realtime.Grains.Scheduling;

namespace Realtime.Grains.Organizations;

public sealed class LocationGrain(
    [PersistentState("location", StorageNames.Default)] IPersistentState<DefinitionState<LocationDefinition>> state,
    DefinitionChanges changes,
    ILocationJobReplans replans)
    : DefinitionGrain<LocationDefinition, LocationView>(state, changes, "location"), ILocationGrain
{
    /// <summary>A new reminder lead time or grace period moves the work its booked appointments planned under the old one.</summary>
    protected override bool HasWorkToHandOn(LocationDefinition? previous, LocationDefinition current) =>
        previous is not null && AppointmentJobPlan.Replans(previous.Policy, current.Policy);

    protected override Task HandOn(Guid organizationId) => replans.Replan(organizationId, this.GetPrimaryKey());

    protected override FieldError[] Validate(LocationDefinition definition) => ConfigurationRules.Validate(definition);

    protected override LocationDefinition Normalize(LocationDefinition definition) => definition with { Name = definition.Name.Trim() };

    protected override LocationView ToView(Guid id, Guid organizationId, LocationDefinition definition, long version) =>
        new(id, organizationId, definition, version);
}
