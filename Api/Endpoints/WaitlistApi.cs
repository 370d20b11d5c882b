using Microsoft.AspNetCore.Http.HttpResults;
using Realtime.Api.Auth;
using Realtime.Api.Contracts;
using Realtime.Api.Endpoints.Support;
using Realtime.Api.Errors;
using Realtime.Api.Idempotency;
using Realtime.Grains.Caching;
using Realtime.Grains.Domain.Waitlist;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Interfaces.Organizations;
using Realtime.Grains.Interfaces.Waitlist;

namespace Realtime.Api.Endpoints;

/// <summary>
/// Waiting lists per service and location. Staff put clients on them and see them; clients join, leave and see their
/// own, and accept offers of freed time (each held for them until it expires; the first to accept gets it).
/// Appointments flagged ASAP are on the list by themselves; accepting an offer moves such an appointment earlier.
/// </summary>
public static class WaitlistApi
{
    public sealed record WaitlistRequest(Guid? ClientId, Guid? LocationId, Guid? ServiceId, DateTimeOffset? From, DateTimeOffset? To);

    /// <summary>An offer as its candidate sees it (not who else it went to).</summary>
    /// <summary>An open offer, its times in UTC as appointments answer them.</summary>
    /// <param name="ClassAppointmentId">For a seat in a class (not a freed slot): the class the client would join.</param>
    public sealed record OfferResponse(
        Guid Id, Guid LocationId, Guid ServiceId, Guid[] ResourceIds, DateTimeOffset Start, DateTimeOffset End, DateTimeOffset ExpiresAt,
        Guid? ClassAppointmentId)
    {
        public static OfferResponse From(SlotOffer offer) =>
            new(offer.Id, offer.LocationId, offer.ServiceId, offer.ResourceIds, offer.Start.ToUniversalTime(), offer.End.ToUniversalTime(),
                offer.ExpiresAt.ToUniversalTime(), offer.OfSeat ? offer.AppointmentId : null);
    }

    public static IEndpointRouteBuilder MapWaitlistApi(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api").WithTags("Waitlist").RequireAuthorization(Policies.Staff);
        staff.MapPost("/waitlist", Add).Idempotent();
        staff.MapGet("/locations/{id:guid}/waitlist", List);
        staff.MapDelete("/waitlist/{locationId:guid}/{serviceId:guid}/{entryId:guid}", Remove);

        var client = app.MapGroup("/api/client").WithTags("Client waitlist").RequireAuthorization(Policies.Client);
        client.MapPost("/waitlist", Join).StartsSomethingNew().Idempotent();
        client.MapGet("/waitlist", Own).SignedInOnly();
        client.MapDelete("/waitlist/{entryId:guid}", Leave).SignedInOnly();
        client.MapGet("/offers", Offers).SignedInOnly();
        client.MapPost("/offers/{offerId:guid}/accept", Accept).StartsSomethingNew().Idempotent();
        return app;
    }

    private static async Task<Results<Created<WaitlistEntry>, ProblemHttpResult>> Add(WaitlistRequest body, HttpContext http, IGrainFactory grains)
    {
        var caller = Caller.From(http.User);
        var fields = new RequestFields();
        var clientId = fields.Required(body.ClientId, "clientId");
        var locationId = fields.Required(body.LocationId, "locationId");
        var serviceId = fields.Required(body.ServiceId, "serviceId");
        if (!fields.Valid) return fields.Problem;
        if (!caller.CanAccess(locationId)) return Problems.NotFound("The location");
        return await JoinAs(grains, locationId, serviceId, new JoinWaitlist(caller.OrganizationId, clientId, body.From, body.To, caller.Actor));
    }

    private static async Task<Results<Ok<WaitlistEntry[]>, ProblemHttpResult>> List(Guid id, HttpContext http, IGrainFactory grains)
    {
        var caller = Caller.From(http.User);
        if (await grains.Location(caller, id) is null) return Problems.NotFound("The location");
        var directory = await grains.GetGrain<IOrganizationGrain>(caller.OrganizationId).GetDirectory();
        var lists = await Task.WhenAll(directory.ServiceIds.Select(serviceId => Waitlist(grains, id, serviceId).Entries()));
        return TypedResults.Ok(lists.SelectMany(entries => entries).OrderBy(e => e.AddedAt).ToArray());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Remove(
        Guid locationId, Guid serviceId, Guid entryId, HttpContext http, IGrainFactory grains) =>
        await grains.Location(Caller.From(http.User), locationId) is not null && await Waitlist(grains, locationId, serviceId).Leave(entryId, null)
            ? TypedResults.NoContent()
            : Problems.NotFound("The waitlist entry");

    private static async Task<Results<Created<WaitlistEntry>, ProblemHttpResult>> Join(WaitlistRequest body, HttpContext http, IGrainFactory grains)
    {
        var caller = ClientCaller.From(http.User);
        var fields = new RequestFields();
        var locationId = fields.Required(body.LocationId, "locationId");
        var serviceId = fields.Required(body.ServiceId, "serviceId");
        if (!fields.Valid) return fields.Problem;
        return await JoinAs(grains, locationId, serviceId, new JoinWaitlist(caller.OrganizationId, caller.ClientId, body.From, body.To, caller.Actor));
    }

    private static async Task<Ok<WaitlistEntry[]>> Own(HttpContext http, IGrainFactory grains)
    {
        var clientId = ClientCaller.From(http.User).ClientId;
        var lists = await Task.WhenAll((await WaitlistsOf(grains, clientId)).Select(waitlist => waitlist.Entries()));
        return TypedResults.Ok(lists.SelectMany(entries => entries).Where(e => e.ClientId == clientId).OrderBy(e => e.AddedAt).ToArray());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Leave(Guid entryId, HttpContext http, IGrainFactory grains)
    {
        var clientId = ClientCaller.From(http.User).ClientId;
        foreach (var waitlist in await WaitlistsOf(grains, clientId))
        {
            if (await waitlist.Leave(entryId, clientId)) return TypedResults.NoContent();
        }

        return Problems.NotFound("The waitlist entry");
    }

    private static async Task<Ok<OfferResponse[]>> Offers(HttpContext http, IGrainFactory grains)
    {
        var clientId = ClientCaller.From(http.User).ClientId;
        var offers = await Task.WhenAll((await WaitlistsOf(grains, clientId)).Select(waitlist => waitlist.OpenOffers(clientId)));
        return TypedResults.Ok(offers.SelectMany(o => o).OrderBy(o => o.Start).Select(OfferResponse.From).ToArray());
    }

    /// <summary>
    /// 200 with the booked (or moved) appointment; 409 <c>offer_gone</c> when someone was first or it expired. A retry
    /// under the Idempotency-Key of an attempt that took the slot is answered with it (<see cref="IWaitlistGrain.Accept"/>).
    /// </summary>
    private static async Task<Results<Ok<ClientAppointmentResponse>, ProblemHttpResult>> Accept(
        Guid offerId, HttpContext http, IGrainFactory grains, DefinitionCache definitions, TimeProvider time)
    {
        var clientId = ClientCaller.From(http.User).ClientId;
        foreach (var waitlist in await WaitlistsOf(grains, clientId))
        {
            var accepted = await waitlist.Accept(offerId, clientId, http.IdempotentId());
            if (accepted.IsSuccess) return TypedResults.Ok(await ClientAnswers.Of(accepted.Value!, clientId, grains, definitions, time.GetUtcNow()));
            if (accepted.Error!.Code != ErrorCodes.NotFound) return Problems.From(accepted.Error);
        }

        return Problems.NotFound("The offer");
    }

    private static async Task<Results<Created<WaitlistEntry>, ProblemHttpResult>> JoinAs(
        IGrainFactory grains, Guid locationId, Guid serviceId, JoinWaitlist command)
    {
        var joined = await Waitlist(grains, locationId, serviceId).Join(command);
        return joined.IsSuccess ? TypedResults.Created($"/api/waitlist/{locationId}/{serviceId}/{joined.Value!.Id}", joined.Value) : Problems.From(joined.Error!);
    }

    private static IWaitlistGrain Waitlist(IGrainFactory grains, Guid locationId, Guid serviceId) =>
        grains.GetGrain<IWaitlistGrain>(WaitlistRules.Key(locationId, serviceId));

    private static async Task<IWaitlistGrain[]> WaitlistsOf(IGrainFactory grains, Guid clientId) =>
        [.. (await grains.GetGrain<IClientWaitlistsGrain>(clientId).Waitlists()).Select(w => Waitlist(grains, w.LocationId, w.ServiceId))];
}
