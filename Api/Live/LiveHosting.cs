using Realtime.Api.Hosting;

namespace Realtime.Api.Live;

public static class LiveHosting
{
    public static IServiceCollection AddFrontDeskLive(this IServiceCollection services)
    {
        services.AddSignalR().AddJsonProtocol(hub => ApiHosting.Configure(hub.PayloadSerializerOptions));
        services.AddSingleton<FeedSubscriptions>();
        services.AddSingleton<KeyedConnections>();
        services.AddHostedService(sp => sp.GetRequiredService<FeedSubscriptions>());
        return services;
    }

    public static WebApplication MapFrontDeskHub(this WebApplication app)
    {
        app.MapHub<FrontDeskHub>(FrontDeskHub.Path);
        return app;
    }
}
