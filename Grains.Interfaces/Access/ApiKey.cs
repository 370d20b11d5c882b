namespace Realtime.Grains.Interfaces.Access;

/// <summary>
/// A staff key to create. Only the SHA-256 hash of its secret is passed and stored; the token itself is shown
/// once, by whoever made it. <see cref="LocationIds"/> null means every location of the organisation.
/// </summary>
[GenerateSerializer, Immutable, Alias("realtime.new-api-key")]
public sealed record NewApiKey(
    Guid OrganizationId, string Name, StaffRole Role, Guid[]? LocationIds, byte[] SecretHash, Actor CreatedBy);

/// <summary>A staff key without its secret: what an authenticated request may do, and on whose behalf.</summary>
[GenerateSerializer, Immutable, Alias("realtime.api-key-view")]
public sealed record ApiKeyView(
    Guid Id,
    Guid OrganizationId,
    string Name,
    StaffRole Role,
    Guid[]? LocationIds,
    DateTimeOffset CreatedAt,
    Actor CreatedBy,
    DateTimeOffset? RevokedAt)
{
    public bool IsActive => RevokedAt is null;
}

/// <summary>
/// One staff API key (key = key id): the single source of truth for whether it works. Revocation takes effect
/// for every request verified after it, on every node.
/// </summary>
[Alias("realtime.api-key")]
public interface IApiKeyGrain : IGrainWithGuidKey
{
    /// <summary>Lists the key in its organisation's directory, then stores it. Refuses an unknown organisation.</summary>
    [Alias("create")]
    Task<Result<ApiKeyView>> Create(NewApiKey key);

    [Alias("get"), ReadOnly]
    Task<ApiKeyView?> Get();

    /// <summary>Stops the key at once and unlists it; revoking a revoked key changes nothing.</summary>
    [Alias("revoke")]
    Task<Result<ApiKeyView>> Revoke(Actor actor);

    /// <summary>The key, when it exists, is not revoked and the secret hashes to the stored hash (fixed-time compare); else null.</summary>
    [Alias("verify"), ReadOnly]
    Task<ApiKeyView?> Verify(byte[] secret);
}
