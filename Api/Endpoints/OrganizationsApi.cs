using Microsoft.AspNetCore.Http.HttpResults;
using Realtime.Api.Auth;
using Realtime.Api.Endpoints.Support;
using Realtime.Api.Errors;
using Realtime.Api.Idempotency;
using Realtime.Grains.Domain.Organizations;
using Realtime.Grains.Interfaces.Organizations;

namespace Realtime.Api.Endpoints;

public sealed record CreateOrganizationRequest(string? Name);

/// <summary>A new organisation and its first owner key; <see cref="OwnerKey"/> is shown in this answer only.</summary>
public sealed record CreatedOrganizationResponse(Guid Id, string Name, DateTimeOffset CreatedAt, Guid OwnerKeyId, string OwnerKey);

/// <summary>The operator's route: a new organisation (a chain) with an owner key to set it up.</summary>
public static class OrganizationsApi
{
    public const string OwnerKeyName = "Owner";

    public static IEndpointRouteBuilder MapOrganizationsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/organizations", Create).WithTags("Organizations").RequireAuthorization(Policies.Operator).Idempotent();
        return app;
    }

    private static async Task<Results<Created<CreatedOrganizationResponse>, ProblemHttpResult>> Create(
        CreateOrganizationRequest body, IGrainFactory grains)
    {
        var fields = new RequestFields();
        var name = fields.Required(body.Name, "name");
        if (!fields.Valid) return fields.Problem;
        if (ConfigurationRules.ValidateName(name) is { Length: > 0 } invalid) return Problems.Validation(invalid);

        var id = Guid.NewGuid();
        var created = await grains.GetGrain<IOrganizationGrain>(id).Create(name);
        if (created.Error is { } error) return Problems.From(error);

        var issued = await grains.IssueApiKey(id, OwnerKeyName, StaffRole.Owner, null, RealtimeAuthentication.OperatorActor);
        if (issued.Error is { } keyError) return Problems.From(keyError);

        var organization = created.Value!;
        return TypedResults.Created(
            $"/api/organizations/{id}",
            new CreatedOrganizationResponse(id, organization.Name, organization.CreatedAt, issued.Value!.Key.Id, issued.Value.Token));
    }
}
