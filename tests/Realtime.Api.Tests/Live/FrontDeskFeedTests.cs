using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace Realtime.Api.Tests.Live;

[Collection(ApiCollection.Name)]
public sealed class FrontDeskFeedTests(ApiFixture api)
{
    private static string Status(JsonElement change) => change.GetProperty("appointment").GetProperty("status").GetString()!;

    [Fact]
    public async Task Changes_arrive_in_order_with_consecutive_sequence_numbers()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var staff = await tenant.Resource(location);
        var client = await tenant.Client("Marta");
        await using var desk = await Desk.Open(api.Factory, tenant.OwnerKey, location, Local(3, 0));
        var before = desk.Sequence;

        var id = Id(await Send(tenant.Owner, HttpMethod.Post, "/api/appointments", Booking(location, [staff], Local(3, 10), 60, client), HttpStatusCode.Created));
        await Send(tenant.Owner, HttpMethod.Post, $"/api/appointments/{id}/confirm", null, HttpStatusCode.OK);
        await Send(tenant.Owner, HttpMethod.Post, $"/api/appointments/{id}/reschedule", new { start = Local(3, 12) }, HttpStatusCode.OK);
        await Send(tenant.Owner, HttpMethod.Post, $"/api/appointments/{id}/cancel", new { reason = "client" }, HttpStatusCode.OK);
        await desk.Until(d => d.Applied.Count == 4);

        Assert.Equal([before + 1, before + 2, before + 3, before + 4], desk.Applied.Select(c => c.GetProperty("sequence").GetInt64()));
        Assert.Equal([1L, 2, 3, 4], desk.Applied.Select(c => c.GetProperty("appointment").GetProperty("version").GetInt64()));
        Assert.Equal(["booked", "booked", "booked", "cancelled"], desk.Applied.Select(Status));
        Assert.Equal("Marta", desk.Applied[0].GetProperty("client").GetProperty("firstName").GetString());
        Assert.Equal(0, desk.Reloads);
    }

    [Fact]
    public async Task A_desk_that_misses_a_change_notices_the_gap_reloads_and_ends_up_right()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var staff = await tenant.Resource(location);
        var dropped = 0;
        await using var desk = await Desk.Open(api.Factory, tenant.OwnerKey, location, Local(3, 0),
            drop: change => change.TryGetProperty("appointment", out _) && Interlocked.Increment(ref dropped) == 2);

        var ids = new List<Guid>();
        for (var hour = 9; hour < 13; hour++)
        {
            ids.Add(Id(await Send(tenant.Owner, HttpMethod.Post, "/api/appointments", Booking(location, [staff], Local(3, hour)), HttpStatusCode.Created)));
        }

        await desk.Until(d => d.Appointments.Count == 4);

        Assert.True(desk.Reloads >= 1, "the gap went unnoticed");
        Assert.Equal(ids.Order(), desk.Appointments.Keys.Order());
    }

    [Fact]
    public async Task A_restarted_feed_announces_a_new_epoch_and_the_desk_reloads()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var staff = await tenant.Resource(location);
        await using var desk = await Desk.Open(api.Factory, tenant.OwnerKey, location, Local(3, 0));
        await Send(tenant.Owner, HttpMethod.Post, "/api/appointments", Booking(location, [staff], Local(3, 9)), HttpStatusCode.Created);
        await desk.Until(d => d.Appointments.Count == 1);
        var firstEpoch = desk.Epoch;

        var cluster = api.Factory.Services.GetRequiredService<IGrainFactory>();
        await cluster.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await Send(tenant.Owner, HttpMethod.Post, "/api/appointments", Booking(location, [staff], Local(3, 11)), HttpStatusCode.Created);
        await desk.Until(d => d.Appointments.Count == 2, TimeSpan.FromSeconds(30));

        Assert.NotEqual(firstEpoch, desk.Epoch);
        Assert.True(desk.Reloads >= 1);
    }

    [Fact]
    public async Task A_change_made_through_one_api_node_reaches_desks_on_another()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var staff = await tenant.Resource(location);
        await using var secondNode = await api.StartNode();
        await using var deskHere = await Desk.Open(api.Factory, tenant.OwnerKey, location, Local(4, 0));
        await using var deskThere = await Desk.Open(secondNode, tenant.OwnerKey, location, Local(4, 0));

        var id = Id(await Send(tenant.Owner, HttpMethod.Post, "/api/appointments", Booking(location, [staff], Local(4, 10)), HttpStatusCode.Created));

        await deskHere.Until(d => d.Appointments.ContainsKey(id));
        await deskThere.Until(d => d.Appointments.ContainsKey(id));
        using var viaSecond = secondNode.CreateClient();
        viaSecond.DefaultRequestHeaders.Authorization = new("Bearer", tenant.OwnerKey);
        await Send(viaSecond, HttpMethod.Post, $"/api/appointments/{id}/cancel", new { reason = "business" }, HttpStatusCode.OK);
        await deskHere.Until(d => d.Appointments[id].GetProperty("status").GetString() == "cancelled");
        await deskThere.Until(d => d.Appointments[id].GetProperty("status").GetString() == "cancelled");
    }

    [Fact]
    public async Task A_desk_whose_key_is_revoked_is_cut_off_at_once_and_other_desks_stay_live()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var staff = await tenant.Resource(location);
        var created = await Send(tenant.Owner, HttpMethod.Post, "/api/keys", new { name = "Desk 2", role = "frontDesk" }, HttpStatusCode.Created);
        await using var revoked = await Desk.Open(api.Factory, created.GetProperty("key").GetString()!, location, Local(3, 0));
        await using var kept = await Desk.Open(api.Factory, tenant.OwnerKey, location, Local(3, 0));

        await Send(tenant.Owner, HttpMethod.Delete, $"/api/keys/{Id(created)}", null, HttpStatusCode.NoContent);
        await revoked.Closed.WaitAsync(TimeSpan.FromSeconds(10));

        var id = Id(await Send(tenant.Owner, HttpMethod.Post, "/api/appointments", Booking(location, [staff], Local(3, 10)), HttpStatusCode.Created));
        await kept.Until(d => d.Appointments.ContainsKey(id));
        Assert.False(kept.Closed.IsCompleted);
        Assert.Empty(revoked.Appointments);
    }

    [Fact]
    public async Task Only_the_keys_locations_can_be_watched()
    {
        var tenant = await api.NewTenant();
        var other = await api.NewTenant();
        var mine = await tenant.Location();
        var theirs = await other.Location();
        await using var desk = await Desk.Open(api.Factory, tenant.OwnerKey, mine, Local(1, 0));

        var refused = await Assert.ThrowsAsync<HubException>(() => desk.Watch(theirs));

        Assert.Contains("not_found", refused.Message);
        await Assert.ThrowsAnyAsync<Exception>(() => Desk.Open(api.Factory, "rtk_00000000000000000000000000000000_nope", mine, Local(1, 0)));
    }
}
