namespace Realtime.Grains.Domain.Access;

/// <summary>
/// What a client link's token carries: which link it is (for single use), whose it is and until when it works. A
/// manage link also names the one appointment its session may reach.
/// </summary>
public sealed record ClientLinkGrant(Guid LinkId, Guid OrganizationId, Guid ClientId, Guid? AppointmentId, DateTimeOffset ExpiresAt);

/// <summary>Sign-in links (e-mailed on request) and manage links (in a client's confirmation e-mails).</summary>
public static class ClientLinkRules
{
    public static readonly TimeSpan DefaultSignInLifetime = TimeSpan.FromMinutes(30);

    public const string SignInPath = "client/sign-in";
    public const string ManagePath = "client/manage";

    public static ClientLinkGrant SignIn(Guid organizationId, Guid clientId, DateTimeOffset now, TimeSpan lifetime) =>
        new(Guid.NewGuid(), organizationId, clientId, null, now + lifetime);

    /// <summary>A manage link works until the appointment ends; an appointment that has ended gets none.</summary>
    public static ClientLinkGrant? Manage(Guid organizationId, Guid clientId, Guid appointmentId, DateTimeOffset end, DateTimeOffset now) =>
        end <= now ? null : new(Guid.NewGuid(), organizationId, clientId, appointmentId, end);

    public static DomainError? Expiry(ClientLinkGrant grant, DateTimeOffset now) =>
        grant.ExpiresAt <= now ? DomainError.Of(ErrorCodes.LinkExpired, "This link has expired: ask for a new sign-in link.") : null;

    public static DomainError Invalid { get; } = DomainError.Of(ErrorCodes.LinkInvalid, "This link is not valid: ask for a new sign-in link.");

    public static DomainError Used { get; } = DomainError.Of(ErrorCodes.LinkUsed, "This link has already been used: ask for a new sign-in link.");

    /// <summary>The page of the public site that opens the link; the token is escaped for the query string.</summary>
    /// <summary>
    /// The link: the token, and the organisation (not secret), so that the page a used or lost link lands on can send a
    /// new one to the address the client gives.
    /// </summary>
    public static string Url(string publicBaseUrl, string path, string token, Guid organizationId) =>
        $"{publicBaseUrl.TrimEnd('/')}/{path}?token={Uri.EscapeDataString(token)}&org={organizationId}";
}
