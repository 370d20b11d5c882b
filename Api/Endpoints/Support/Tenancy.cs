using Realtime.Api.Auth;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Clients;
using Realtime.Grains.Interfaces.Organizations;
using Realtime.Grains.Interfaces.Resources;

namespace Realtime.Api.Endpoints.Support;

/// <summary>
/// Loads an entity only when the caller's organisation owns it (and, for location-bound data, the key may see that
/// location): anything else is reported as not found, so ids of other organisations reveal nothing.
/// </summary>
internal static class Tenancy
{
    public static async Task<LocationView?> Location(this IGrainFactory grains, Caller caller, Guid id) =>
        await grains.GetGrain<ILocationGrain>(id).Get() is { } view && view.OrganizationId == caller.OrganizationId && caller.CanAccess(id)
            ? view
            : null;

    public static async Task<ResourceView?> Resource(this IGrainFactory grains, Caller caller, Guid id) =>
        await grains.GetGrain<IResourceGrain>(id).Get() is { } view && view.OrganizationId == caller.OrganizationId ? view : null;

    public static async Task<ServiceView?> Service(this IGrainFactory grains, Caller caller, Guid id) =>
        await grains.GetGrain<IServiceGrain>(id).Get() is { } view && view.OrganizationId == caller.OrganizationId ? view : null;

    public static async Task<ClientView?> Client(this IGrainFactory grains, Caller caller, Guid id) =>
        await grains.GetGrain<IClientGrain>(id).Get() is { } view && view.OrganizationId == caller.OrganizationId ? view : null;

    /// <summary>The client with their appointments (<see cref="IClientGrain.GetRecord"/>), for those who show or decide on them.</summary>
    public static async Task<ClientRecord?> ClientRecord(this IGrainFactory grains, Caller caller, Guid id) =>
        await grains.GetGrain<IClientGrain>(id).GetRecord() is { } record && record.Client.OrganizationId == caller.OrganizationId ? record : null;

    public static async Task<AppointmentView?> Appointment(this IGrainFactory grains, Caller caller, Guid id) =>
        await grains.GetGrain<IAppointmentGrain>(id).Get() is { } view
        && view.OrganizationId == caller.OrganizationId && caller.CanAccess(view.LocationId)
            ? view
            : null;

    /// <summary>Every entity of one kind the organisation lists, skipping ids whose entity does not (or no longer) exist.</summary>
    public static async Task<T[]> All<T>(this IGrainFactory grains, Caller caller, Func<OrganizationDirectory, Guid[]> ids, Func<Guid, Task<T?>> load)
        where T : class
    {
        var directory = await grains.GetGrain<IOrganizationGrain>(caller.OrganizationId).GetDirectory();
        var found = await Task.WhenAll(ids(directory).Select(load));
        return [.. found.OfType<T>()];
    }
}
