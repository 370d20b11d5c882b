using Microsoft.Extensions.Options;
using Realtime.Grains.Domain.Access;
using Realtime.Grains.Interfaces.Access;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Clients;

namespace Realtime.Grains.Access;

/// <summary>
/// Settings of client links: <c>Realtime:PublicBaseUrl</c> (where the client pages are; when not set, where this
/// node's API listens, else <see cref="DefaultPublicBaseUrl"/>) and <c>Realtime:ClientAuth:SignInLinkLifetime</c>
/// (default 30 minutes).
/// </summary>
public sealed class ClientLinkOptions
{
    public const string Section = "Realtime:ClientAuth";
    public const string PublicBaseUrlSetting = "Realtime:PublicBaseUrl";
    public const string DefaultPublicBaseUrl = "http://localhost:5080";

    public string? PublicBaseUrl { get; set; }

    public TimeSpan SignInLinkLifetime { get; set; } = ClientLinkRules.DefaultSignInLifetime;
}

/// <summary>Where this node's API listens, once it does (http://localhost:5090); a silo without an API has none.</summary>
public interface IListeningAddress
{
    string? BaseUrl { get; }
}

/// <summary>Makes sign-in and manage links, and redeems them: valid, unexpired, still the client's, used once.</summary>
public sealed class ClientLinks(
    IClientLinkTokens tokens, IOptions<ClientLinkOptions> options, IGrainFactory grains, TimeProvider time, IListeningAddress? listening = null)
{
    /// <summary>Without a configured address, one that works on this machine (a demo on other <c>--urls</c>) rather than the default.</summary>
    private string PublicBaseUrl => options.Value.PublicBaseUrl ?? listening?.BaseUrl ?? ClientLinkOptions.DefaultPublicBaseUrl;

    public (string Url, ClientLinkGrant Grant) SignIn(Guid organizationId, Guid clientId)
    {
        var grant = ClientLinkRules.SignIn(organizationId, clientId, time.GetUtcNow(), options.Value.SignInLinkLifetime);
        return (ClientLinkRules.Url(PublicBaseUrl, ClientLinkRules.SignInPath, tokens.Protect(grant), organizationId), grant);
    }

    /// <summary>A link to the appointment for one of its clients (the booker or a seat holder), working until it ends; null once it has ended.</summary>
    public string? ManageUrl(AppointmentView appointment, Guid clientId)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        return ClientLinkRules.Manage(appointment.OrganizationId, clientId, appointment.Id, appointment.End, time.GetUtcNow()) is { } grant
            ? ClientLinkRules.Url(PublicBaseUrl, ClientLinkRules.ManagePath, tokens.Protect(grant), grant.OrganizationId)
            : null;
    }

    /// <summary>
    /// The grant of a link that may open a session now, used up by this call. A client deleted since (or an appointment
    /// deleted, or no longer the client's) makes the link invalid; a blacklisted client may still sign in, to see and
    /// cancel their appointments.
    /// </summary>
    public async Task<Result<ClientLinkGrant>> Redeem(string token)
    {
        if (tokens.Unprotect(token) is not { } grant) return ClientLinkRules.Invalid;
        if (ClientLinkRules.Expiry(grant, time.GetUtcNow()) is { } expired) return expired;
        if (!await StillTheClients(grant)) return ClientLinkRules.Invalid;
        return await grains.GetGrain<IClientLinkGrain>(grant.LinkId).Redeem(grant.ExpiresAt) ? grant : ClientLinkRules.Used;
    }

    private async Task<bool> StillTheClients(ClientLinkGrant grant)
    {
        if (await grains.GetGrain<IClientGrain>(grant.ClientId).Get() is not { } client || client.OrganizationId != grant.OrganizationId) return false;
        return grant.AppointmentId is not { } appointmentId
            || await grains.GetGrain<IAppointmentGrain>(appointmentId).Get() is { } appointment
            && appointment.OrganizationId == grant.OrganizationId
            && (appointment.ClientId == grant.ClientId || appointment.Seats.Contains(grant.ClientId));
    }
}
