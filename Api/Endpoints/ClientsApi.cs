using Microsoft.AspNetCore.Http.HttpResults;
using Realtime.Api.Auth;
using Realtime.Api.Contracts;
using Realtime.Api.Endpoints.Support;
using Realtime.Api.Errors;
using Realtime.Grains.Interfaces.Clients;
using Realtime.Grains.Interfaces.Common;

namespace Realtime.Api.Endpoints;

public static class ClientsApi
{
    public static IEndpointRouteBuilder MapClientsApi(this IEndpointRouteBuilder app)
    {
        var clients = app.MapGroup("/api/clients").WithTags("Clients").RequireAuthorization(Policies.Staff);
        clients.MapPost("/", Create);
        clients.MapGet("/{id:guid}", Get);
        clients.MapPut("/{id:guid}", Update);
        clients.MapDelete("/{id:guid}", Delete).RequireAuthorization(Policies.Admin);
        clients.MapPost("/{id:guid}/blacklist", AddToBlacklist);
        clients.MapDelete("/{id:guid}/blacklist", RemoveFromBlacklist);
        return app;
    }

    private static async Task<Results<Created<ClientResponse>, ProblemHttpResult>> Create(ClientRequest body, HttpContext http, IGrainFactory grains)
    {
        var caller = Caller.From(http.User);
        var id = Guid.NewGuid();
        var created = await grains.GetGrain<IClientGrain>(id).Create(caller.OrganizationId, body.ToProfile());
        return created.IsSuccess
            ? TypedResults.Created($"/api/clients/{id}", ClientResponse.From(created.Value!))
            : Problems.From(created.Error!);
    }

    private static async Task<Results<Ok<ClientResponse>, ProblemHttpResult>> Get(Guid id, HttpContext http, IGrainFactory grains) =>
        await grains.Client(Caller.From(http.User), id) is { } view ? TypedResults.Ok(ClientResponse.From(view)) : Problems.NotFound("The client");

    private static Task<Results<Ok<ClientResponse>, ProblemHttpResult>> Update(Guid id, ClientRequest body, HttpContext http, IGrainFactory grains) =>
        Act(id, http, grains, (client, _) => client.Update(body.ToProfile()));

    private static Task<Results<Ok<ClientResponse>, ProblemHttpResult>> AddToBlacklist(
        Guid id, BlacklistRequest body, HttpContext http, IGrainFactory grains) =>
        Act(id, http, grains, (client, caller) => client.AddToBlacklist(body.Reason ?? "", caller.Actor));

    private static Task<Results<Ok<ClientResponse>, ProblemHttpResult>> RemoveFromBlacklist(Guid id, HttpContext http, IGrainFactory grains) =>
        Act(id, http, grains, (client, caller) => client.RemoveFromBlacklist(caller.Actor));

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, HttpContext http, IGrainFactory grains)
    {
        var caller = Caller.From(http.User);
        if (await grains.Client(caller, id) is null) return Problems.NotFound("The client");
        var deleted = await grains.GetGrain<IClientGrain>(id).Delete(caller.Actor);
        return deleted.IsSuccess ? TypedResults.NoContent() : Problems.From(deleted.Error!);
    }

    private static async Task<Results<Ok<ClientResponse>, ProblemHttpResult>> Act(
        Guid id, HttpContext http, IGrainFactory grains, Func<IClientGrain, Caller, Task<Result<ClientView>>> action)
    {
        var caller = Caller.From(http.User);
        if (await grains.Client(caller, id) is null) return Problems.NotFound("The client");
        var result = await action(grains.GetGrain<IClientGrain>(id), caller);
        return result.IsSuccess ? TypedResults.Ok(ClientResponse.From(result.Value!)) : Problems.From(result.Error!);
    }
}
