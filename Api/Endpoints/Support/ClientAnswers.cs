using Realtime.Api.Contracts;
using Realtime.Grains.Caching;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Clients;

namespace Realtime.Api.Endpoints.Support;

/// <summary>Appointments as their client sees them, with what the client may do with each now.</summary>
internal static class ClientAnswers
{
    public static async Task<ClientAppointmentResponse> Of(
        AppointmentView view, Guid clientId, IGrainFactory grains, DefinitionCache definitions, DateTimeOffset now) =>
        (await Of([view], clientId, await Blacklisted(grains, clientId), definitions, now))[0];

    /// <summary>Each under the client policy of its own services (<see cref="ClientPolicies.Effective"/>).</summary>
    public static async Task<ClientAppointmentResponse[]> Of(
        IReadOnlyList<AppointmentView> views, Guid clientId, bool blacklisted, DefinitionCache definitions, DateTimeOffset now)
    {
        var policies = await Task.WhenAll(views.Select(async view =>
            await ClientPolicies.Effective(definitions, await definitions.Location(view.LocationId), view.ServiceIds)));
        return [.. views.Select((view, i) => ClientAppointmentResponse.From(view, clientId, policies[i], blacklisted, now))];
    }

    public static async Task<bool> Blacklisted(IGrainFactory grains, Guid clientId) =>
        (await grains.GetGrain<IClientGrain>(clientId).Get())?.Blacklist is not null;
}
