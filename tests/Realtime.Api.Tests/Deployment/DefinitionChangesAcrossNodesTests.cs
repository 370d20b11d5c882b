using Realtime.Grains.Domain.Access;
using Realtime.Testing;

namespace Realtime.Api.Tests.Deployment;

/// <summary>
/// Two API nodes as real processes on one database: what one node has cached is forgotten as soon as a change made
/// through the other is answered.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class DefinitionChangesAcrossNodesTests
{
    [Fact]
    public async Task Working_hours_changed_and_a_key_revoked_through_one_node_hold_at_once_on_the_other()
    {
        await using var database = await PostgresDatabase.CreateAsync("definition_changes");
        var sharedOwnerKey = ApiKeyTokens.New().Text;
        await using var nodes = await ApiNodePair.Start(database, ApiFixture.OperatorKey, sharedOwnerKey);
        var tenant = await Tenant.Create(key => Connect(nodes.A.BaseAddress, key), "Definitions");
        var location = await tenant.Location();
        var staff = await tenant.Resource(location);
        var deskKey = (await Send(tenant.Owner, HttpMethod.Post, "/api/keys", new { name = "Desk", role = "frontDesk" }, HttpStatusCode.Created))
            .GetProperty("key").GetString();
        using var deskOnB = Connect(nodes.B.BaseAddress, deskKey);
        // Node B verifies the key and reads the resource's hours, and keeps both.
        await Send(deskOnB, HttpMethod.Post, "/api/appointments", Booking(location, [staff], Local(3, 9)), HttpStatusCode.Created);

        await Send(tenant.Owner, HttpMethod.Put, $"/api/resources/{staff}/working-hours",
            Tenant.Week.Select(day => new { locationId = location, dayOfWeek = day, start = "07:00", end = "12:00" }), HttpStatusCode.OK);

        await ProblemAssert.Is(await deskOnB.PostAsJsonAsync("/api/appointments", Booking(location, [staff], Local(3, 14)), ApiFixture.Json),
            (HttpStatusCode)422, "outside_working_hours");

        var keyId = (await Send(tenant.Owner, HttpMethod.Get, "/api/keys", null, HttpStatusCode.OK)).EnumerateArray()
            .Single(k => k.GetProperty("name").GetString() == "Desk").GetProperty("id").GetGuid();
        await Send(tenant.Owner, HttpMethod.Delete, $"/api/keys/{keyId}", null, HttpStatusCode.NoContent);

        await ProblemAssert.Is(await deskOnB.GetAsync("/api/locations"), HttpStatusCode.Unauthorized, "unauthorized");
    }
}
