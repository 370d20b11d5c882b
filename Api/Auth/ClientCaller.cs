using System.Security.Claims;
using Realtime.Grains.Interfaces.Common;

namespace Realtime.Api.Auth;

/// <summary>
/// The client behind a session: their organisation, who they are and, for a session opened from one appointment's
/// manage link, the only appointment it may see or change.
/// </summary>
public sealed record ClientCaller(Guid SessionId, Guid OrganizationId, Guid ClientId, Guid? AppointmentId)
{
    public const string SessionClaim = "realtime:client-session";
    public const string ClientClaim = "realtime:client";
    public const string AppointmentClaim = "realtime:client-appointment";

    public Actor Actor => new(ActorKind.Client, ClientId.ToString(), "client");

    /// <summary>A session opened from a manage link reaches that one appointment; a signed-in client reaches all theirs.</summary>
    public bool Reaches(Guid appointmentId) => AppointmentId is null || AppointmentId == appointmentId;

    public static ClientCaller From(ClaimsPrincipal user) => new(
        Guid.Parse(user.FindFirstValue(SessionClaim)!),
        Guid.Parse(user.FindFirstValue(Caller.OrganizationClaim)!),
        Guid.Parse(user.FindFirstValue(ClientClaim)!),
        user.FindFirstValue(AppointmentClaim) is { } appointment ? Guid.Parse(appointment) : null);

    public IEnumerable<Claim> ToClaims()
    {
        yield return new Claim(ClaimTypes.Name, $"client {ClientId}");
        yield return new Claim(SessionClaim, SessionId.ToString());
        yield return new Claim(Caller.OrganizationClaim, OrganizationId.ToString());
        yield return new Claim(ClientClaim, ClientId.ToString());
        if (AppointmentId is { } appointmentId) yield return new Claim(AppointmentClaim, appointmentId.ToString());
    }
}
