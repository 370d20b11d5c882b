namespace Realtime.Grains.Interfaces.Organizations;

[GenerateSerializer, Immutable, Alias("realtime.location-definition")]
public sealed record LocationDefinition(string Name, string? Address, string TimeZone, LocationPolicy Policy);

[GenerateSerializer, Immutable, Alias("realtime.location-view")]
public sealed record LocationView(Guid Id, Guid OrganizationId, LocationDefinition Definition, long Version);

[Alias("realtime.location")]
public interface ILocationGrain : IGrainWithGuidKey
{
    [Alias("create")]
    Task<Result<LocationView>> Create(Guid organizationId, LocationDefinition definition);

    [Alias("update")]
    Task<Result<LocationView>> Update(LocationDefinition definition);

    [Alias("get"), ReadOnly]
    Task<LocationView?> Get();
}
