using Realtime.Grains.Domain.Access;
using Realtime.Grains.Interfaces.Common;

namespace Realtime.Api.Auth;

/// <summary>A key just made: its record, and the token, which exists only here and is shown once.</summary>
public sealed record IssuedApiKey(ApiKeyView Key, string Token);

public static class ApiKeyIssuing
{
    /// <summary>Makes a random token and creates its key grain, which stores only the hash.</summary>
    public static async Task<Result<IssuedApiKey>> IssueApiKey(
        this IGrainFactory grains, Guid organizationId, string name, StaffRole role, Guid[]? locationIds, Actor createdBy)
    {
        var token = ApiKeyTokens.New();
        var created = await grains.GetGrain<IApiKeyGrain>(token.KeyId)
            .Create(new NewApiKey(organizationId, name, role, locationIds, token.SecretHash, createdBy));
        return created.IsSuccess ? new IssuedApiKey(created.Value!, token.Text) : created.Error!;
    }
}
