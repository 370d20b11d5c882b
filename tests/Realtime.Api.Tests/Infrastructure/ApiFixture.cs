using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Realtime.Api.Hosting;
using Realtime.Testing;

namespace Realtime.Api.Tests.Infrastructure;

/// <summary>The whole API with a co-hosted silo, on a fresh PostgreSQL database, reached in process.</summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public const string OperatorKey = "operator-key-for-tests-0123456789";

    public static readonly JsonSerializerOptions Json = CreateJson();

    public PostgresDatabase Database { get; private set; } = null!;

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;


    public async Task InitializeAsync()
    {
        Database = await PostgresDatabase.CreateAsync("api");
        Factory = await StartNode();
    }

    /// <summary>
    /// An API node co-hosting a silo of this fixture's cluster (the first one, or another that joins it), with
    /// <paramref name="settings"/> over the usual ones; served by Kestrel on a free port, as in service, when
    /// <paramref name="overKestrel"/> (else in process).
    /// </summary>
    public async Task<WebApplicationFactory<Program>> StartNode(IReadOnlyDictionary<string, string>? settings = null, bool overKestrel = false)
    {
        var node = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            foreach (var (key, value) in ApiNodeSettings.For(Database, OperatorKey)) web.UseSetting(key, value);
            foreach (var (key, value) in settings ?? new Dictionary<string, string>()) web.UseSetting(key, value);
        });
        if (overKestrel) ServeOverKestrel(node);
        using var warmUp = node.CreateClient();
        (await warmUp.GetAsync("/health/ready")).EnsureSuccessStatusCode();
        return node;
    }

    /// <summary>
    /// Serves the node over Kestrel on a port of its own: <c>UseKestrel(0)</c> would leave it on the configured
    /// <c>Urls</c> (localhost:5080), which two such nodes, or a demo running on the machine, cannot share.
    /// </summary>
    public static void ServeOverKestrel(WebApplicationFactory<Program> node) =>
        node.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));

    /// <summary>The address a node served over Kestrel listens on.</summary>
    public static Uri Address(WebApplicationFactory<Program> node) =>
        new(node.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Database.DisposeAsync();
    }

    public HttpClient Client(string? bearer = null)
    {
        var client = Factory.CreateClient();
        if (bearer is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return client;
    }

    /// <summary>A new organisation, made by the operator, with its owner key.</summary>
    public Task<Tenant> NewTenant(string name = "Salon chain") => Tenant.Create(Client, name);

    private static JsonSerializerOptions CreateJson()
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ApiHosting.Configure(json);
        return json;
    }

}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "api";
}
