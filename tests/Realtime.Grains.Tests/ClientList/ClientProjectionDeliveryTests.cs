using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Clients;
using Realtime.Grains.Projections.Clients;
using static Realtime.Grains.Tests.Infrastructure.Chain;

namespace Realtime.Grains.Tests.ClientList;

/// <summary>
/// The client list is kept current by the client grain at least once, on real PostgreSQL: a failing projection never
/// fails a command, and the row is written by the grain's retries — also across a restart of every silo.
/// </summary>
[Collection(ClientProjectionClusterCollection.Name)]
public sealed class ClientProjectionDeliveryTests(ClientProjectionClusterFixture fixture)
{
    private static readonly TimeSpan Eventually = TimeSpan.FromSeconds(30);

    private static ClientProfile Profile(string lastName = "Kazlauskienė") =>
        new("Ona", lastName, $"ona.{Guid.NewGuid():N}@example.lt", "+370 612 34567", null, null, null, "lt");

    [Fact]
    public async Task Every_change_the_list_shows_reaches_it_before_the_call_returns_and_a_deletion_leaves_a_tombstone()
    {
        var chain = await Chain.Create(fixture.Grains);
        var id = Guid.NewGuid();
        var client = fixture.Grains.GetGrain<IClientGrain>(id);

        Ok(await client.Create(chain.OrganizationId, Profile()));
        Assert.Equal((1L, false, "Kazlauskienė", false), await fixture.Row(id));
        var listed = Assert.Single((await fixture.ReadModel.Query(new ClientListQuery(chain.OrganizationId) { Search = "kazlauskiene" }, default)).Items);
        Assert.Equal((id, "Ona", "+370 612 34567", "lt"), (listed.Id, listed.FirstName, listed.Phone, listed.Language));

        Ok(await client.Update(Profile("Petraitienė")));
        Assert.Equal((2L, false, "Petraitienė", false), await fixture.Row(id));
        Ok(await client.AddToBlacklist("Two no-shows", Desk));
        Assert.Equal((3L, false, "Petraitienė", true), await fixture.Row(id));

        // A booking links the appointment to the client (a new client version, right after the booking's answer)
        // without a list write: the list shows nothing of it, and the last appointment date comes from the appointment list.
        var staff = await chain.AddResource();
        Ok(await client.RemoveFromBlacklist(Desk));
        var (_, booked) = await chain.Book(chain.Booking([staff], chain.Local(3, 10), clientId: id));
        await Realtime.Testing.Eventually.True(async () => (await client.Get())!.Version == 5, "the booking is linked to the client");
        Assert.Equal((4L, false, "Petraitienė", false), await fixture.Row(id));
        listed = await Realtime.Testing.Eventually.Value(
            async () => Assert.Single((await fixture.ReadModel.Query(new ClientListQuery(chain.OrganizationId), default)).Items),
            item => item.LastAppointmentAt is not null, "the booking reaches the appointment list");
        Assert.Equal(booked.Start, listed.LastAppointmentAt);

        Assert.True(Ok(await client.Delete(Desk, null)));
        Assert.Null(await client.Get());
        Assert.Equal((6L, true, "", false), await fixture.Row(id));
        Assert.Equal(0, (await fixture.ReadModel.Query(new ClientListQuery(chain.OrganizationId), default)).Total);

        // The deleted client's appointment stays, naming the client; the id is not taken again.
        var kept = await fixture.Grains.GetGrain<IAppointmentGrain>(booked.Id).Get();
        Assert.Equal((id, AppointmentStatus.Booked), (kept!.ClientId, kept.Status));
        Refused(Realtime.Grains.Interfaces.Common.ErrorCodes.NotFound, await client.Update(Profile()));
        Refused(Realtime.Grains.Interfaces.Common.ErrorCodes.NotFound, await client.Delete(Desk, null));
        Refused(Realtime.Grains.Interfaces.Common.ErrorCodes.AlreadyExists, await client.Create(chain.OrganizationId, Profile()));
    }

    [Fact]
    public async Task A_client_whose_projection_fails_is_acknowledged_and_its_row_appears_by_itself_once_the_failure_stops()
    {
        var chain = await Chain.Create(fixture.Grains);
        var id = Guid.NewGuid();
        await fixture.FailProjectionsOf(id);

        var created = Ok(await fixture.Grains.GetGrain<IClientGrain>(id).Create(chain.OrganizationId, Profile()));

        Assert.Equal(1L, created.Client.Version);
        Assert.NotNull(await fixture.Grains.GetGrain<IClientGrain>(id).Get());
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Null(await fixture.Row(id));

        await fixture.StopFailing(id); // no further command: the grain retries by itself
        Assert.Equal((1L, false, "Kazlauskienė", false), await fixture.WaitForRow(id, 1, Eventually));
    }

    [Fact]
    public async Task A_restart_of_every_silo_while_the_projection_fails_still_ends_with_the_latest_version_written()
    {
        var chain = await Chain.Create(fixture.Grains);
        var id = Guid.NewGuid();
        Ok(await fixture.Grains.GetGrain<IClientGrain>(id).Create(chain.OrganizationId, Profile()));
        Assert.Equal(1L, (await fixture.Row(id))!.Value.Version);
        await fixture.FailProjectionsOf(id);

        Ok(await fixture.Grains.GetGrain<IClientGrain>(id).Update(Profile("Jonaitienė")));
        Assert.True(Ok(await fixture.Grains.GetGrain<IClientGrain>(id).Delete(Desk, null)));
        Assert.Equal((1L, false, "Kazlauskienė", false), await fixture.Row(id));

        await fixture.Restart();
        // Activating the client hands its current state (the deletion) on again; it still fails.
        Assert.Null(await fixture.Grains.GetGrain<IClientGrain>(id).Get());
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(1L, (await fixture.Row(id))!.Value.Version);

        await fixture.StopFailing(id);
        Assert.Equal((3L, true, "", false), await fixture.WaitForRow(id, 3, Eventually));
        Assert.Equal(0, (await fixture.ReadModel.Query(new ClientListQuery(chain.OrganizationId), default)).Total);
    }
}
