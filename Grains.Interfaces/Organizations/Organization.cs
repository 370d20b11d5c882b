namespace Realtime.Grains.Interfaces.Organizations;

[GenerateSerializer, Immutable, Alias("realtime.organization-view")]
public sealed record OrganizationView(Guid Id, string Name, DateTimeOffset CreatedAt);

[Alias("realtime.organization")]
public interface IOrganizationGrain : IGrainWithGuidKey
{
    [Alias("create")]
    Task<Result<OrganizationView>> Create(string name);

    [Alias("get"), ReadOnly]
    Task<OrganizationView?> Get();
}
