using Realtime.Grains.Domain.Access;
using Realtime.Grains.Interfaces.Access;
using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Interfaces.Organizations;

namespace Realtime.Grains.Tests.Access;

[Collection(MemoryClusterCollection.Name)]
public sealed class ApiKeyGrainTests(MemoryClusterFixture fixture)
{
    private static readonly Actor Owner = Actor.Staff("owner-key", "Owner");

    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task A_created_key_verifies_with_its_secret_and_is_listed_in_its_organisation()
    {
        var chain = await Chain.Create(Grains);
        var token = ApiKeyTokens.New();

        var created = Chain.Ok(await Create(token, chain.OrganizationId, "Desk", StaffRole.FrontDesk, [chain.LocationId]));
        var verified = await Grains.GetGrain<IApiKeyGrain>(token.KeyId).Verify(token.Secret);

        Assert.NotNull(verified);
        Assert.Equal(created with { LocationIds = null }, verified with { LocationIds = null });
        Assert.Equal((token.KeyId, chain.OrganizationId, "Desk", StaffRole.FrontDesk), (verified.Id, verified.OrganizationId, verified.Name, verified.Role));
        Assert.Equal([chain.LocationId], verified.LocationIds!);
        Assert.True(verified.IsActive);
        Assert.Contains(token.KeyId, (await Grains.GetGrain<IOrganizationGrain>(chain.OrganizationId).GetDirectory()).ApiKeyIds);
    }

    [Fact]
    public async Task A_wrong_secret_or_an_unknown_key_verifies_to_nothing()
    {
        var chain = await Chain.Create(Grains);
        var token = ApiKeyTokens.New();
        Chain.Ok(await Create(token, chain.OrganizationId));

        var wrong = (byte[])token.Secret.Clone();
        wrong[0] ^= 0x80;
        Assert.Null(await Grains.GetGrain<IApiKeyGrain>(token.KeyId).Verify(wrong));
        Assert.Null(await Grains.GetGrain<IApiKeyGrain>(token.KeyId).Verify(ApiKeyTokens.New().Secret));
        Assert.Null(await Grains.GetGrain<IApiKeyGrain>(token.KeyId).Verify([]));

        var unknown = ApiKeyTokens.New();
        Assert.Null(await Grains.GetGrain<IApiKeyGrain>(unknown.KeyId).Verify(unknown.Secret));
        Assert.Null(await Grains.GetGrain<IApiKeyGrain>(unknown.KeyId).Get());
    }

    [Fact]
    public async Task A_revoked_key_is_refused_at_once_and_unlisted()
    {
        var chain = await Chain.Create(Grains);
        var token = ApiKeyTokens.New();
        Chain.Ok(await Create(token, chain.OrganizationId));
        var key = Grains.GetGrain<IApiKeyGrain>(token.KeyId);
        Assert.NotNull(await key.Verify(token.Secret));

        var revoked = Chain.Ok(await key.Revoke(Owner));

        Assert.False(revoked.IsActive);
        Assert.Null(await key.Verify(token.Secret));
        Assert.False((await key.Get())!.IsActive);
        Assert.DoesNotContain(token.KeyId, (await Grains.GetGrain<IOrganizationGrain>(chain.OrganizationId).GetDirectory()).ApiKeyIds);
        Assert.Equal(revoked.RevokedAt, Chain.Ok(await key.Revoke(Owner)).RevokedAt); // again: nothing changes
        Chain.Refused(ErrorCodes.NotFound, await Grains.GetGrain<IApiKeyGrain>(Guid.NewGuid()).Revoke(Owner));
    }

    [Fact]
    public async Task A_key_is_created_once_for_an_existing_organisation_with_valid_fields()
    {
        var chain = await Chain.Create(Grains);
        var token = ApiKeyTokens.New();
        Chain.Ok(await Create(token, chain.OrganizationId));

        Chain.Refused(ErrorCodes.AlreadyExists, await Create(token, chain.OrganizationId, "Again"));
        Assert.Equal("Key", (await Grains.GetGrain<IApiKeyGrain>(token.KeyId).Get())!.Name);
        Chain.Refused(ErrorCodes.NotFound, await Create(ApiKeyTokens.New(), Guid.NewGuid()));
        Chain.Refused(ErrorCodes.ValidationFailed, await Create(ApiKeyTokens.New(), chain.OrganizationId, " "));
        Chain.Refused(ErrorCodes.ValidationFailed, await Create(ApiKeyTokens.New(), chain.OrganizationId, locationIds: []));
    }

    [Fact]
    public async Task Only_the_hash_of_the_secret_is_kept()
    {
        var chain = await Chain.Create(Grains);
        var token = ApiKeyTokens.New();
        Chain.Ok(await Create(token, chain.OrganizationId));

        var state = await StoredState.Of<Realtime.Grains.Access.ApiKeyState>(fixture, "api-key", token.KeyId);
        Assert.Equal(token.SecretHash, state.SecretHash);
        Assert.DoesNotContain(Convert.ToBase64String(token.Secret), StoredState.Json(fixture, state));
        var back = StoredState.RoundTrip(fixture, state);
        Assert.Equal((state.OrganizationId, state.Name, state.Role, state.CreatedBy), (back.OrganizationId, back.Name, back.Role, back.CreatedBy));
        Assert.Equal(state.SecretHash, back.SecretHash);
    }

    private Task<Result<ApiKeyView>> Create(
        ApiKeyToken token, Guid organizationId, string name = "Key", StaffRole role = StaffRole.Admin, Guid[]? locationIds = null) =>
        Grains.GetGrain<IApiKeyGrain>(token.KeyId).Create(new NewApiKey(organizationId, name, role, locationIds, token.SecretHash, Owner));
}
