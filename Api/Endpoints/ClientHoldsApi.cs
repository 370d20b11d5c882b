using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Realtime.Api.Auth;
using Realtime.Api.Endpoints.Support;
using Realtime.Api.Errors;
using Realtime.Api.Idempotency;
using Realtime.Grains.Domain.Appointments;
using Realtime.Grains.Holds;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Holds;

namespace Realtime.Api.Endpoints;

/// <summary>
/// A client keeps the slot they chose while they finish booking: the hold's id is the id the appointment will have
/// (book it with <c>holdId</c>). It expires by itself after <c>Realtime:Holds:Lifetime</c> (five minutes by default).
/// </summary>
public static class ClientHoldsApi
{
    public sealed record HoldRequest(Guid? LocationId, Guid[]? ServiceIds, Guid[]? ResourceIds, DateTimeOffset? Start);

    public sealed record HoldResponse(Guid HoldId, DateTimeOffset ExpiresAt, DateTimeOffset Start, DateTimeOffset End, Guid[] ResourceIds)
    {
        public static HoldResponse From(HoldView hold) => new(hold.Id, hold.ExpiresAt, hold.Start, hold.End, hold.ResourceIds);
    }

    public static IEndpointRouteBuilder MapClientHoldsApi(this IEndpointRouteBuilder app)
    {
        var holds = app.MapGroup("/api/client/holds").WithTags("Client holds").RequireAuthorization(Policies.Client);
        holds.MapPost("/", Hold).StartsSomethingNew().Idempotent();
        holds.MapDelete("/{holdId:guid}", Release);
        return app;
    }

    private static async Task<Results<Created<HoldResponse>, ProblemHttpResult>> Hold(
        HoldRequest body, HttpContext http, IGrainFactory grains, IOptions<HoldSettings> settings, TimeProvider time)
    {
        var caller = ClientCaller.From(http.User);
        var fields = new RequestFields();
        var locationId = fields.Required(body.LocationId, "locationId");
        var serviceIds = fields.Required(body.ServiceIds, "serviceIds");
        var resourceIds = fields.Required(body.ResourceIds, "resourceIds");
        var start = fields.Required(body.Start, "start");
        if (!fields.Valid) return fields.Problem;

        var holdId = http.IdempotentId() ?? AppointmentIds.New(time.GetUtcNow());
        var held = await grains.GetGrain<IAppointmentGrain>(holdId).Hold(new HoldSlot(
            caller.OrganizationId, locationId, resourceIds, serviceIds, start, caller.ClientId, settings.Value.Lifetime, caller.Actor));
        return held.IsSuccess
            ? TypedResults.Created($"/api/client/holds/{holdId}", HoldResponse.From(held.Value!))
            : Problems.From(held.Error!);
    }

    /// <summary>Only the holder can free their hold; any other id is not found.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> Release(Guid holdId, HttpContext http, IGrainFactory grains) =>
        await grains.GetGrain<IAppointmentGrain>(holdId).ReleaseHold(ClientCaller.From(http.User).ClientId)
            ? TypedResults.NoContent()
            : Problems.NotFound("The hold");
}
