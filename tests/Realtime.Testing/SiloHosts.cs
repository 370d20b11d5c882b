using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Realtime.Silo.Hosting;

namespace Realtime.Testing;

/// <summary>A silo host built as the hosts build it (<see cref="RealtimeSiloBuilderExtensions.ConfigureRealtimeSilo"/>), from the given settings alone.</summary>
public static class SiloHosts
{
    public static IHost Build(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo => silo.ConfigureRealtimeSilo(builder.Configuration));
        return builder.Build();
    }
}
