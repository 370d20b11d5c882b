using Realtime.Grains.Interfaces.Clients;

namespace Realtime.Api.Contracts;

public sealed record ClientLinkRequest(Guid? OrganizationId, string? Email);

/// <summary>The one answer to every well-formed link request, whether or not a link was sent.</summary>
public sealed record ClientLinkAccepted(string Message)
{
    public static ClientLinkAccepted Instance { get; } =
        new("If this e-mail address belongs to a client of the business, a sign-in link is on its way.");
}

public sealed record ClientSessionRequest(string? Token);

/// <summary>A session for <c>Authorization: Bearer</c>; <c>appointmentId</c> is set when it reaches that one appointment only.</summary>
public sealed record ClientSessionResponse(string SessionToken, DateTimeOffset ExpiresAt, Guid ClientId, Guid? AppointmentId);

/// <summary>The signed-in client's own profile (no internal note, blacklist reason or no-show count: those are the business's).</summary>
public sealed record ClientMeResponse(
    Guid Id, string FirstName, string LastName, string Email, string? Phone, string Language, Guid? AppointmentId)
{
    public static ClientMeResponse From(ClientView view, Guid? appointmentId)
    {
        var p = view.Profile;
        return new(view.Id, p.FirstName, p.LastName, p.Email, p.Phone, p.Language, appointmentId);
    }
}
