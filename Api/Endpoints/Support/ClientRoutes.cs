using Realtime.Api.Auth;
using Realtime.Api.Errors;
using Realtime.Api.Hosting;

namespace Realtime.Api.Endpoints.Support;

/// <summary>What client routes that take time (book, hold, move, join, accept) have in common.</summary>
internal static class ClientRoutes
{
    /// <summary>Rate limited per client (<see cref="RateLimits.ClientBooking"/>).</summary>
    public static RouteHandlerBuilder TakesTime(this RouteHandlerBuilder route) => route.RequireRateLimiting(RateLimits.ClientBooking);

    /// <summary>Rate limited, and closed to a session opened from a manage link (<see cref="SignedInOnly"/>).</summary>
    public static RouteHandlerBuilder StartsSomethingNew(this RouteHandlerBuilder route) => route.TakesTime().SignedInOnly();

    /// <summary>Closed to a session opened from a manage link: that session reaches its one appointment, nothing else of the client's.</summary>
    public static RouteHandlerBuilder SignedInOnly(this RouteHandlerBuilder route) =>
        route.AddEndpointFilter(async (context, next) =>
            ClientCaller.From(context.HttpContext.User).AppointmentId is null
                ? await next(context)
                : Problems.Create(
                    StatusCodes.Status403Forbidden, Problems.Forbidden,
                    "A session opened from a manage link reaches that one appointment; sign in to book, hold, wait for or accept offers."));
}
