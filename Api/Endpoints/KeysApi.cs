using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Realtime.Api.Auth;
using Realtime.Api.Endpoints.Support;
using Realtime.Api.Errors;
using Realtime.Api.Idempotency;
using Realtime.Grains.Domain.Access;
using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Interfaces.Organizations;

namespace Realtime.Api.Endpoints;

/// <summary><c>locationIds</c> left out: the key may see every location of the organisation.</summary>
public sealed record CreateApiKeyRequest(string? Name, StaffRole? Role, Guid[]? LocationIds);

/// <summary>A staff key without its secret.</summary>
public sealed record ApiKeyResponse(Guid Id, string Name, StaffRole Role, Guid[]? LocationIds, DateTimeOffset CreatedAt)
{
    internal static ApiKeyResponse From(ApiKeyView key) => new(key.Id, key.Name, key.Role, key.LocationIds, key.CreatedAt);
}

/// <summary>A new staff key; <see cref="Key"/> is the token, shown in this answer only.</summary>
public sealed record CreatedApiKeyResponse(Guid Id, string Name, StaffRole Role, Guid[]? LocationIds, DateTimeOffset CreatedAt, string Key);

/// <summary>
/// Staff API keys of the caller's organisation; owner or admin only. An admin cannot create or revoke owner keys; a key
/// limited to some locations sees and manages only keys limited to (some of) those locations; a key cannot revoke
/// itself (so an organisation cannot lock itself out by accident: revoke a key with another owner/admin key).
/// </summary>
public static class KeysApi
{
    public static IEndpointRouteBuilder MapKeysApi(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/keys").WithTags("Keys").RequireAuthorization(Policies.Admin);
        keys.MapPost("/", Create).Idempotent();
        keys.MapGet("/", List);
        keys.MapDelete("/{id:guid}", Revoke);
        return app;
    }

    private static async Task<Results<Created<CreatedApiKeyResponse>, ProblemHttpResult>> Create(
        CreateApiKeyRequest body, ClaimsPrincipal user, IGrainFactory grains)
    {
        var caller = Caller.From(user);
        var fields = new RequestFields();
        var name = fields.Required(body.Name, "name");
        var role = fields.Required(body.Role, "role");
        if (!fields.Valid) return fields.Problem;
        if (ApiKeyRules.Validate(name, role, body.LocationIds) is { Length: > 0 } invalid) return Problems.Validation(invalid);

        if (!ApiKeyRules.MayManage(caller.Role, role))
        {
            return Problems.Create(StatusCodes.Status403Forbidden, Problems.Forbidden, "Only an owner key can create an owner key.");
        }

        var locationIds = ApiKeyRules.NormalizeLocations(body.LocationIds);
        if (!ApiKeyRules.CoversLocations(caller.LocationIds, locationIds))
        {
            return Problems.Create(
                StatusCodes.Status403Forbidden, Problems.Forbidden,
                "A key limited to some locations can only create keys limited to (some of) the same locations.");
        }

        if (await ForeignLocations(grains, caller, locationIds) is { Length: > 0 } foreign) return Problems.Validation(foreign);

        var issued = await grains.IssueApiKey(caller.OrganizationId, name, role, locationIds, caller.Actor);
        if (issued.Error is { } error) return Problems.From(error);
        var key = issued.Value!.Key;
        return TypedResults.Created(
            $"/api/keys/{key.Id}",
            new CreatedApiKeyResponse(key.Id, key.Name, key.Role, key.LocationIds, key.CreatedAt, issued.Value.Token));
    }

    private static async Task<Ok<ApiKeyResponse[]>> List(ClaimsPrincipal user, IGrainFactory grains)
    {
        var caller = Caller.From(user);
        var keys = await grains.All(caller, directory => directory.ApiKeyIds, id => grains.GetGrain<IApiKeyGrain>(id).Get());
        return TypedResults.Ok(keys
            .Where(key => Visible(caller, key))
            .OrderBy(key => key.CreatedAt).ThenBy(key => key.Id)
            .Select(ApiKeyResponse.From)
            .ToArray());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Revoke(Guid id, ClaimsPrincipal user, IGrainFactory grains)
    {
        var caller = Caller.From(user);
        var grain = grains.GetGrain<IApiKeyGrain>(id);
        if (await grain.Get() is not { } key || !Visible(caller, key)) return Problems.NotFound("The key");
        if (key.Id == caller.KeyId)
        {
            return Problems.From(DomainError.Of(
                AccessErrorCodes.CannotRevokeOwnKey, "A key cannot revoke itself; revoke it with another owner or admin key."));
        }

        if (!ApiKeyRules.MayManage(caller.Role, key.Role))
        {
            return Problems.Create(StatusCodes.Status403Forbidden, Problems.Forbidden, "Only an owner key can revoke an owner key.");
        }

        var revoked = await grain.Revoke(caller.Actor);
        return revoked.IsSuccess ? TypedResults.NoContent() : Problems.From(revoked.Error!);
    }

    /// <summary>Active keys of the caller's organisation within the caller's locations; everything else is "not found".</summary>
    private static bool Visible(Caller caller, ApiKeyView key) =>
        key.IsActive && key.OrganizationId == caller.OrganizationId && ApiKeyRules.CoversLocations(caller.LocationIds, key.LocationIds);

    private static async Task<FieldError[]> ForeignLocations(IGrainFactory grains, Caller caller, Guid[]? locationIds)
    {
        if (locationIds is null) return [];
        var views = await Task.WhenAll(locationIds.Select(id => grains.GetGrain<ILocationGrain>(id).Get()));
        return [.. locationIds
            .Select((id, i) => (id, view: views[i]))
            .Where(l => l.view?.OrganizationId != caller.OrganizationId)
            .Select(l => new FieldError("locationIds", $"{l.id} is not a location of this organisation."))];
    }
}
