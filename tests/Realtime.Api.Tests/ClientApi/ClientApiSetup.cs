using Microsoft.Extensions.DependencyInjection;
using Realtime.Api.Auth;

namespace Realtime.Api.Tests.ClientApi;

/// <summary>Client sessions and the configuration the client API tests share.</summary>
internal static class ClientApiSetup
{
    /// <summary>An HTTP client signed in as the client; with <paramref name="appointmentId"/>, a manage-link session.</summary>
    public static HttpClient ClientSession(this ApiFixture api, Tenant tenant, Guid clientId, Guid? appointmentId = null)
    {
        var sessions = api.Factory.Services.GetRequiredService<ClientSessions>();
        var (token, _) = sessions.Issue(new ClientCaller(Guid.NewGuid(), tenant.OrganizationId, clientId, appointmentId));
        return api.Client(token);
    }

    /// <summary>A new tenant with one resource and service, two clients signed in (Ewa and Olga) and a slot either may book.</summary>
    public static async Task<(Tenant Tenant, HttpClient Ewa, HttpClient Olga, ClientSlot Slot)> TwoClientsAndASlot(this ApiFixture api)
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var resource = await tenant.Resource(location);
        var service = await tenant.ServiceWith();
        var ewa = api.ClientSession(tenant, await tenant.Client("Ewa"));
        var olga = api.ClientSession(tenant, await tenant.Client("Olga"));
        return (tenant, ewa, olga, new ClientSlot(location, [service], [resource], Local(5, 10)));
    }

    public static async Task<Guid> ServiceWith(this Tenant tenant, object? policy = null, int capacity = 1, string name = "Consultation") =>
        Id(await Send(tenant.Owner, HttpMethod.Post, "/api/services",
            new { name, durationMinutes = 60, price = 80, capacity, policy }, HttpStatusCode.Created));

    /// <summary>Booked by staff for the client (outside working hours allowed, so any instant will do).</summary>
    public static async Task<Guid> BookedByStaff(this Tenant tenant, Guid location, Guid resource, Guid service, Guid? client, DateTimeOffset start) =>
        Id(await Send(tenant.Owner, HttpMethod.Post, "/api/appointments", new
        {
            locationId = location, resourceIds = new[] { resource }, serviceIds = new[] { service }, clientId = client, start,
            overrideWorkingHours = true, labels = new[] { "vip" }, notes = "Staff only", comment = "internal",
        }, HttpStatusCode.Created));

    /// <summary>Now to the whole minute, so instants compare exactly after a round trip.</summary>
    public static DateTimeOffset InHours(double hours)
    {
        var now = DateTimeOffset.UtcNow;
        return new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddHours(hours);
    }

    public static async Task<JsonElement> Staff(Tenant tenant, Guid appointment) =>
        await Send(tenant.Owner, HttpMethod.Get, $"/api/appointments/{appointment}", null, HttpStatusCode.OK);
}

/// <summary>A client booking's body: where, what, with whom and when.</summary>
internal sealed record ClientSlot(Guid LocationId, Guid[] ServiceIds, Guid[] ResourceIds, DateTimeOffset Start);
