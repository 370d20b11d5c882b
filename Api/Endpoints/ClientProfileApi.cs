using Microsoft.AspNetCore.Http.HttpResults;
using Realtime.Api.Auth;
using Realtime.Api.Contracts;
using Realtime.Api.Errors;
using Realtime.Grains.Interfaces.Clients;

namespace Realtime.Api.Endpoints;

/// <summary>The signed-in client's own profile (<c>GET /api/client/me</c>).</summary>
public static class ClientProfileApi
{
    public static IEndpointRouteBuilder MapClientProfileApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/client").WithTags("Client").RequireAuthorization(Policies.Client).MapGet("/me", Me);
        return app;
    }

    /// <summary>A client deleted since the session was opened is not found.</summary>
    private static async Task<Results<Ok<ClientMeResponse>, ProblemHttpResult>> Me(HttpContext http, IGrainFactory grains)
    {
        var caller = ClientCaller.From(http.User);
        return await grains.GetGrain<IClientGrain>(caller.ClientId).Get() is { } view && view.OrganizationId == caller.OrganizationId
            ? TypedResults.Ok(ClientMeResponse.From(view, caller.AppointmentId))
            : Problems.NotFound("The client");
    }
}
