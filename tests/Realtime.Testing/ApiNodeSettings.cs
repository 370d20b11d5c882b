using System.Net;
using System.Net.Sockets;

namespace Realtime.Testing;

/// <summary>
/// The settings of an API node co-hosting a silo of a test cluster on its own database, on free loopback ports; the nodes
/// of one cluster share <paramref name="bootstrapOwnerKey"/> as a deployment's nodes do, when one is given.
/// </summary>
public static class ApiNodeSettings
{
    public static IReadOnlyDictionary<string, string> For(PostgresDatabase database, string operatorKey, string? bootstrapOwnerKey = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Postgres"] = database.ConnectionString,
            ["Realtime:Storage"] = "Postgres",
            ["Realtime:OperatorKey"] = operatorKey,
            ["Orleans:ClusterId"] = database.Name,
            ["Orleans:ServiceId"] = database.Name,
            ["Orleans:SiloPort"] = FreePort().ToString(),
            ["Orleans:GatewayPort"] = FreePort().ToString(),
            ["Orleans:AdvertisedIP"] = "127.0.0.1",
            // Every test client shares one remote address: tests that throttle start a node with tight limits of their own.
            ["Realtime:RateLimits:SignInPerIp"] = "100000",
            ["Realtime:RateLimits:SignInPerEmail"] = "100000",
            ["Realtime:RateLimits:ClientBooking"] = "100000",
        };
        if (bootstrapOwnerKey is not null) settings["Realtime:BootstrapOwnerKey"] = bootstrapOwnerKey;
        return settings;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
