using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Realtime.Api.Hosting;
using Realtime.Grains.Access;
using Realtime.Silo.Security;

namespace Realtime.Api.Tests.ClientAuth;

/// <summary>Which address client links name: the configured public one, else where the server listens, else the default.</summary>
public sealed class ClientLinkAddressTests
{
    [Theory]
    [InlineData("http://0.0.0.0:5090", "http://localhost:5090")]
    [InlineData("http://[::]:5090", "http://localhost:5090")]
    [InlineData("http://+:5090", "http://localhost:5090")]
    [InlineData("http://*:5090", "http://localhost:5090")]
    [InlineData("http://127.0.0.1:5090", "http://127.0.0.1:5090")]
    [InlineData("https://book.example.com:8443", "https://book.example.com:8443")]
    public void Without_a_public_address_a_link_names_where_the_server_listens_a_wildcard_as_localhost(string listening, string linked)
    {
        Assert.StartsWith($"{linked}/client/sign-in?token=", SignInUrl(publicBaseUrl: null, listening));
    }

    [Fact]
    public void A_socket_file_is_no_address_for_a_link()
    {
        Assert.StartsWith("http://localhost:5090/client/sign-in?", SignInUrl(publicBaseUrl: null, "http://unix:/run/realtime.sock", "http://[::]:5090"));
    }

    [Fact]
    public void A_configured_public_address_is_named_whatever_the_server_listens_on()
    {
        Assert.StartsWith("https://book.example.com/client/sign-in?", SignInUrl("https://book.example.com/", "http://[::]:5090"));
    }

    [Fact]
    public void Without_a_public_address_or_a_server_listening_a_link_names_the_default()
    {
        Assert.StartsWith($"{ClientLinkOptions.DefaultPublicBaseUrl}/client/sign-in?", SignInUrl(publicBaseUrl: null));
    }

    private static string SignInUrl(string? publicBaseUrl, params string[] listening)
    {
        var links = new ClientLinks(
            new DataProtectionClientLinkTokens(new EphemeralDataProtectionProvider()), Options.Create(new ClientLinkOptions { PublicBaseUrl = publicBaseUrl }),
            grains: null!, TimeProvider.System, new ServerListeningAddress(new Server(listening)));
        return links.SignIn(Guid.NewGuid(), Guid.NewGuid()).Url;
    }

    /// <summary>A server as it reports where it listens once started; none reports nothing.</summary>
    private sealed class Server : IServer
    {
        public Server(string[] addresses)
        {
            if (addresses.Length == 0) return;
            var feature = new ServerAddressesFeature();
            foreach (var address in addresses) feature.Addresses.Add(address);
            Features.Set<IServerAddressesFeature>(feature);
        }

        public IFeatureCollection Features { get; } = new FeatureCollection();

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken) where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }
}
