using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Realtime.Grains.Access;

namespace Realtime.Api.Hosting;

/// <summary>The first address the server listens on (as it reports them once started), for a browser on this machine.</summary>
public sealed class ServerListeningAddress(IServer server) : IListeningAddress
{
    private static readonly string[] AnyHost = ["0.0.0.0", "[::]", "::", "+", "*"];

    public string? BaseUrl =>
        server.Features.Get<IServerAddressesFeature>()?.Addresses.Select(BindingAddress.Parse).FirstOrDefault(a => a is { IsUnixPipe: false, IsNamedPipe: false })
            is { } address
            ? Reachable(address)
            : null;

    /// <summary>A wildcard host (listening on every interface) is not one a browser can open: localhost is.</summary>
    public static string Reachable(BindingAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var host = AnyHost.Contains(address.Host) ? "localhost" : address.Host;
        return string.Create(CultureInfo.InvariantCulture, $"{address.Scheme}://{host}:{address.Port}{address.PathBase}");
    }
}
