namespace Realtime.Grains.Interfaces.Organizations;

[GenerateSerializer, Immutable, Alias("realtime.organization-view")]
public sealed record OrganizationView(Guid Id, string Name, DateTimeOffset CreatedAt);

public enum DirectoryKind { Location, Resource, Service, ApiKey }

/// <summary>The ids of what an organisation owns, for listing and availability; the entities hold the details.</summary>
[GenerateSerializer, Immutable, Alias("realtime.organization-directory")]
public sealed record OrganizationDirectory(Guid[] LocationIds, Guid[] ResourceIds, Guid[] ServiceIds, Guid[] ApiKeyIds);

[Alias("realtime.organization")]
public interface IOrganizationGrain : IGrainWithGuidKey
{
    [Alias("create")]
    Task<Result<OrganizationView>> Create(string name);

    [Alias("get"), ReadOnly]
    Task<OrganizationView?> Get();

    /// <summary>
    /// Lists an id before its entity is created, so a listed id may name nothing (readers skip those) but an
    /// entity is never unlisted. Idempotent.
    /// </summary>
    [Alias("register")]
    Task Register(DirectoryKind kind, Guid id);

    [Alias("unregister")]
    Task Unregister(DirectoryKind kind, Guid id);

    [Alias("directory"), ReadOnly]
    Task<OrganizationDirectory> GetDirectory();
}
