using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Realtime.Grains.Interfaces.Clients;

namespace Realtime.Grains.Tests.Booking;

/// <summary>
/// The client as every booking and message reads them carries none of their appointments, a list that grows with every
/// visit; the record, for the few who show or decide on them, has them all.
/// </summary>
[Collection(MemoryClusterCollection.Name)]
public sealed class ClientRecordTests(MemoryClusterFixture fixture)
{
    [Fact]
    public async Task The_client_read_by_everyone_stays_as_small_however_many_appointments_their_record_holds()
    {
        var chain = await Chain.Create(fixture.Grains);
        var client = fixture.Grains.GetGrain<IClientGrain>(await chain.AddClient());
        var serializer = fixture.Cluster.ServiceProvider.GetRequiredService<Serializer>();
        var unlinked = serializer.SerializeToArray(await client.Get()).Length;

        Guid[] linked = [.. Enumerable.Range(0, 40).Select(_ => Guid.NewGuid())];
        foreach (var id in linked) Assert.Equal(AppointmentLink.Linked, await client.LinkAppointment(id));

        var view = (await client.Get())!;
        Assert.Equal(unlinked, serializer.SerializeToArray(view).Length);
        var record = (await client.GetRecord())!;
        Assert.Equal(view, record.Client);
        Assert.Equal(linked, record.AppointmentIds);
    }
}
