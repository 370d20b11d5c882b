using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Realtime.Api.Auth;
using Realtime.Grains.Access;
using Realtime.Grains.Domain.Access;
using Realtime.Testing;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Realtime.Api.Tests.Deployment;

/// <summary>
/// docker-compose.yml cannot run where the tests run (no container engine): its nodes' settings are read here as the
/// code reads them — environment variables become configuration keys — and checked against each other, the database
/// service and the load balancer's configuration.
/// </summary>
public sealed partial class ComposeFileTests
{
    private static readonly Dictionary<string, Dictionary<string, object>> Services = ReadServices();

    [Fact]
    public void Every_node_joins_one_cluster_on_the_compose_database_and_advertises_its_own_address()
    {
        var database = Environment(Services["postgres"]);
        var nodes = Nodes("Api/Dockerfile").Concat(Nodes("Silo/Dockerfile")).ToList();
        Assert.Equal(["api1", "api2", "silo"], nodes.Select(n => n.Name).Order());

        foreach (var (name, node) in nodes)
        {
            Assert.Equal("Postgres", node["Realtime:Storage"]);
            var connection = new NpgsqlConnectionStringBuilder(node.GetConnectionString("Postgres"));
            Assert.True(Services.ContainsKey(connection.Host!), $"{name}: no service {connection.Host}");
            Assert.Equal(
                (database["POSTGRES_DB"], database["POSTGRES_USER"], database["POSTGRES_PASSWORD"]),
                (connection.Database, connection.Username, connection.Password));
            Assert.True(node.GetValue<bool>("Orleans:ListenOnAnyAddress"), name);
            Assert.Null(node["Orleans:AdvertisedIP"]);
        }

        Assert.Single(nodes.Select(n => (n.Node["Orleans:ClusterId"], n.Node["Orleans:ServiceId"], n.Node["Orleans:SiloPort"])).Distinct());
    }

    [Fact]
    public void The_nodes_connection_pools_fit_in_the_database_even_scaled_to_four_silos()
    {
        // Per node process: Npgsql's pool for the connection string (Orleans, Quartz) and the container's NpgsqlDataSource.
        const int poolsPerNode = 2;
        const int superuserReservedConnections = 3; // PostgreSQL's default
        var command = ((List<object>)Services["postgres"]["command"]).Cast<string>();
        var maxConnections = int.Parse(Assert.Single(command, c => c.StartsWith("max_connections=", StringComparison.Ordinal)).Split('=')[1]);
        var nodes = Nodes("Api/Dockerfile").Concat(Nodes("Silo/Dockerfile")).ToList();
        var poolSize = Assert.Single(nodes.Select(n => new NpgsqlConnectionStringBuilder(n.Node.GetConnectionString("Postgres")).MaxPoolSize).Distinct());
        var processes = nodes.Sum(n => Replicas(Services[n.Name]));

        Assert.Equal(4, processes);
        var scaledOut = processes + 2; // docker compose up --scale silo=4
        Assert.True(
            scaledOut * poolsPerNode * poolSize <= maxConnections - superuserReservedConnections,
            $"{scaledOut} nodes x {poolsPerNode} pools x Maximum Pool Size {poolSize} exceed max_connections {maxConnections}");
    }

    [Fact]
    public void The_api_nodes_share_one_bootstrap_owner_key_and_its_placeholder_is_a_key_they_accept()
    {
        var apiNodes = Nodes("Api/Dockerfile").Select(n => n.Node).ToList();

        var key = Assert.Single(apiNodes.Select(n => n[OwnerKeyBootstrap.OwnerKeySetting]).Distinct());
        Assert.True(ApiKeyTokens.TryParse(key, out _), $"{key} would stop every API node at start-up");
        Assert.Single(apiNodes.Select(n => n[ClientLinkOptions.PublicBaseUrlSetting]).Distinct());
    }

    [Fact]
    public void The_load_balancer_sends_to_every_api_node_on_the_port_it_listens_on()
    {
        var nginx = File.ReadAllText(Path.Combine(Repository.Root, "deploy", "nginx.conf"));
        var upstream = UpstreamServers().Matches(nginx).Select(m => m.Groups["server"].Value).Order();

        var apiNodes = Nodes("Api/Dockerfile").Select(n => $"{n.Name}:{new Uri(n.Node["Urls"]!.Replace("+", "localhost", StringComparison.Ordinal)).Port}");
        Assert.Equal(apiNodes.Order(), upstream);
        Assert.Contains("./deploy/nginx.conf:/etc/nginx/nginx.conf:ro", ((List<object>)Services["lb"]["volumes"]).Cast<string>());
    }

    /// <summary>The services built from that Dockerfile, each with its environment as the node's configuration.</summary>
    private static IEnumerable<(string Name, IConfiguration Node)> Nodes(string dockerfile) =>
        from service in Services
        where service.Value.TryGetValue("build", out var build) && (string)((Dictionary<object, object>)build)["dockerfile"] == dockerfile
        select (service.Key, (IConfiguration)new ConfigurationBuilder()
            .AddInMemoryCollection(Environment(service.Value).Select(e => KeyValuePair.Create(e.Key.Replace("__", ":", StringComparison.Ordinal), (string?)e.Value)))
            .Build());

    private static int Replicas(Dictionary<string, object> service) =>
        service.TryGetValue("deploy", out var deploy) && ((Dictionary<object, object>)deploy).TryGetValue("replicas", out var replicas)
            ? int.Parse((string)replicas)
            : 1;

    /// <summary>A service's environment, with compose's <c>${NAME:-default}</c> taken at its default.</summary>
    private static Dictionary<string, string> Environment(Dictionary<string, object> service) =>
        ((Dictionary<object, object>)service["environment"]).ToDictionary(
            e => (string)e.Key, e => Interpolation().Replace((string)e.Value, m => m.Groups["default"].Value));

    private static Dictionary<string, Dictionary<string, object>> ReadServices()
    {
        using var text = new StringReader(File.ReadAllText(Path.Combine(Repository.Root, "docker-compose.yml")));
        var compose = new DeserializerBuilder().Build().Deserialize<Dictionary<string, object>>(new MergingParser(new Parser(text)));
        return ((Dictionary<object, object>)compose["services"]).ToDictionary(
            s => (string)s.Key, s => ((Dictionary<object, object>)s.Value).ToDictionary(p => (string)p.Key, p => p.Value));
    }

    [GeneratedRegex(@"\$\{\w+:-(?<default>[^}]*)\}")]
    private static partial Regex Interpolation();

    [GeneratedRegex(@"^\s*server\s+(?<server>[\w.-]+:\d+)", RegexOptions.Multiline)]
    private static partial Regex UpstreamServers();
}
