using Realtime.Grains.Caching;
using Realtime.Grains.Domain.Access;
using Realtime.Grains.Hosting;
using Realtime.Grains.Interfaces.Access;
using Realtime.Grains.Interfaces.Organizations;

namespace Realtime.Grains.Access;

public sealed class ApiKeyState
{
    public Guid OrganizationId { get; set; }
    public string? Name { get; set; }
    public StaffRole Role { get; set; }
    public Guid[]? LocationIds { get; set; }

    /// <summary>SHA-256 of the secret; the secret itself is never stored.</summary>
    public byte[] SecretHash { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
    public Actor? CreatedBy { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public Actor? RevokedBy { get; set; }
}

public sealed class ApiKeyGrain(
    [PersistentState("api-key", StorageNames.Default)] IPersistentState<ApiKeyState> state,
    DefinitionChanges changes,
    TimeProvider time) : Grain, IApiKeyGrain
{
    private bool Exists => state.RecordExists && state.State.Name is not null;

    public async Task<Result<ApiKeyView>> Create(NewApiKey key)
    {
        if (Exists) return DomainError.Of(ErrorCodes.AlreadyExists, "The key exists already.");
        if (ApiKeyRules.Validate(key.Name, key.Role, key.LocationIds) is { Length: > 0 } errors) return DomainError.Validation(errors);
        if (key.SecretHash is not { Length: ApiKeyTokens.HashBytes }) throw new ArgumentException("The secret hash must be a SHA-256 hash.", nameof(key));

        var organization = GrainFactory.GetGrain<IOrganizationGrain>(key.OrganizationId);
        if (await organization.Get() is null) return DomainError.NotFound("The organization");

        // Listed before it exists: a listed id may name nothing, but a working key is never unlisted.
        await organization.Register(DirectoryKind.ApiKey, this.GetPrimaryKey());
        state.State = new ApiKeyState
        {
            OrganizationId = key.OrganizationId,
            Name = key.Name.Trim(),
            Role = key.Role,
            LocationIds = ApiKeyRules.NormalizeLocations(key.LocationIds),
            SecretHash = key.SecretHash,
            CreatedAt = time.GetUtcNow(),
            CreatedBy = key.CreatedBy,
        };
        await state.WriteStateAsync();
        return View()!;
    }

    public Task<ApiKeyView?> Get() => Task.FromResult(View());

    public async Task<Result<ApiKeyView>> Revoke(Actor actor)
    {
        if (!Exists) return DomainError.NotFound("The key");
        if (state.State.RevokedAt is null)
        {
            state.State.RevokedAt = time.GetUtcNow();
            state.State.RevokedBy = actor;
            await state.WriteStateAsync();
        }

        // Also when already revoked: a repeat finishes a broadcast that an earlier revocation may not have.
        await changes.Changed(this.GetPrimaryKey());
        // After the write: the key stops working even if unlisting fails (listings skip revoked keys anyway).
        await GrainFactory.GetGrain<IOrganizationGrain>(state.State.OrganizationId).Unregister(DirectoryKind.ApiKey, this.GetPrimaryKey());
        return View()!;
    }

    public Task<ApiKeyView?> Verify(byte[] secret) => Task.FromResult(
        Exists && state.State.RevokedAt is null && ApiKeyTokens.Matches(state.State.SecretHash, secret) ? View() : null);

    private ApiKeyView? View() => Exists
        ? new ApiKeyView(
            this.GetPrimaryKey(), state.State.OrganizationId, state.State.Name!, state.State.Role, state.State.LocationIds,
            state.State.CreatedAt, state.State.CreatedBy!, state.State.RevokedAt)
        : null;
}
