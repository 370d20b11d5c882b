using Microsoft.Extensions.DependencyInjection;
using Orleans.Metadata;
using Orleans.TestingHost;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Silo.Hosting;

namespace Realtime.Grains.Tests.Hosting;

[Collection(MemoryClusterCollection.Name)]
public sealed class CachedGrainInterfaceTypesTests(MemoryClusterFixture fixture)
{
    [Fact]
    public void The_cache_is_asked_first_and_answers_for_every_grain_interface_what_Orleans_itself_answers()
    {
        var services = Assert.IsType<InProcessSiloHandle>(fixture.Cluster.Primary).SiloHost.Services;
        var cached = Assert.IsType<CachedGrainInterfaceTypes>(services.GetServices<IGrainInterfaceTypeProvider>().First());
        var resolver = services.GetRequiredService<GrainInterfaceTypeResolver>();
        var grainInterfaces = typeof(IAppointmentGrain).Assembly.GetTypes()
            .Where(type => type.IsInterface && typeof(IAddressable).IsAssignableFrom(type))
            .ToList();

        Assert.True(grainInterfaces.Count > 10);
        foreach (var type in grainInterfaces)
        {
            var expected = cached.Orleans.GetGrainInterfaceType(type);
            Assert.Equal(expected, resolver.GetGrainInterfaceType(type));
            Assert.Equal(expected, resolver.GetGrainInterfaceType(type));
        }
    }
}
