namespace Realtime.Grains.Interfaces.Organizations;

using Realtime.Grains.Interfaces.Resources;

/// <summary>A bookable service. Buffers are occupied time the client does not see.</summary>
[GenerateSerializer, Immutable, Alias("realtime.service-definition")]
public sealed record ServiceDefinition(
    string Name,
    int DurationMinutes,
    decimal Price,
    int BufferBeforeMinutes,
    int BufferAfterMinutes,
    int Capacity,
    ResourceKind[] RequiredResourceKinds,
    ClientPolicy? Policy);

[GenerateSerializer, Immutable, Alias("realtime.service-view")]
public sealed record ServiceView(Guid Id, Guid OrganizationId, ServiceDefinition Definition, long Version);

[Alias("realtime.service")]
public interface IServiceGrain : IGrainWithGuidKey
{
    [Alias("create")]
    Task<Result<ServiceView>> Create(Guid organizationId, ServiceDefinition definition);

    [Alias("update")]
    Task<Result<ServiceView>> Update(ServiceDefinition definition);

    [Alias("get"), ReadOnly]
    Task<ServiceView?> Get();
}
