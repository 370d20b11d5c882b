using Realtime.Api.Live;

namespace Realtime.Api.Endpoints;

public static class RealtimeEndpoints
{
    /// <summary>Every route of the API: one group per resource, and the front-desk hub.</summary>
    public static WebApplication MapRealtimeEndpoints(this WebApplication app)
    {
        app.MapOrganizationsApi().MapKeysApi()
            .MapLocationsApi().MapResourcesApi().MapServicesApi().MapClientsApi()
            .MapAppointmentsApi().MapCalendarApi().MapCalendarFeedApi().MapAvailabilityApi().MapReportsApi()
            .MapWebhooksApi().MapNotificationsApi();
        app.MapClientAuthApi().MapClientProfileApi().MapClientCatalogApi().MapClientAppointmentsApi().MapClientHoldsApi().MapWaitlistApi();
        app.MapFrontDeskHub();
        return app;
    }
}
