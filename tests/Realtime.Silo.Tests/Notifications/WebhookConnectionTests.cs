using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;
using Realtime.Grains.Notifications;
using Realtime.Silo.Notifications;

namespace Realtime.Silo.Tests.Notifications;

/// <summary>
/// A delivery to an organisation's endpoint connects only to a public address, whatever its name resolves to, unless
/// private networks are allowed: a name registered as public may later resolve to this machine.
/// </summary>
public sealed class WebhookConnectionTests
{
    [Fact]
    public async Task A_name_that_resolves_to_this_machine_is_not_connected_to()
    {
        using var endpoint = new TcpListener(IPAddress.Loopback, 0);
        endpoint.Start();
        using var http = new NotificationHttp(Options.Create(new WebhookOptions()));
        using var request = Hook(endpoint);

        var failure = await Assert.ThrowsAsync<DeliveryException>(() => http.SendWebhook(request, CancellationToken.None, CancellationToken.None));

        Assert.Contains("not a public address", failure.Message);
        Assert.False(endpoint.Pending());
    }

    [Fact]
    public async Task Where_private_networks_are_allowed_the_endpoint_on_this_machine_is_reached()
    {
        using var endpoint = new TcpListener(IPAddress.Loopback, 0);
        endpoint.Start();
        using var http = new NotificationHttp(Options.Create(new WebhookOptions { AllowPrivateNetworks = true }));
        using var request = Hook(endpoint);

        var sent = http.SendWebhook(request, CancellationToken.None, CancellationToken.None);
        using (var connection = await endpoint.AcceptTcpClientAsync())
        {
            var stream = connection.GetStream();
            var buffer = new byte[4096];
            _ = await stream.ReadAsync(buffer);
            await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
            await sent;
        }
    }

    private static HttpRequestMessage Hook(TcpListener endpoint) =>
        new(HttpMethod.Post, $"http://localhost:{((IPEndPoint)endpoint.LocalEndpoint).Port}/hook") { Content = new StringContent("{}") };
}
