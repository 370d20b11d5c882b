namespace Realtime.Api.Tests.Clients;

/// <summary>Another organisation's key sees none of these clients: not in the list, the search or the export, and 404 on every client route.</summary>
[Collection(ApiCollection.Name)]
public sealed class ClientTenancyTests(ApiFixture api)
{
    [Fact]
    public async Task Another_organisations_key_finds_none_of_the_clients_anywhere()
    {
        var victim = await api.NewTenant("Victim chain");
        var location = await victim.Location();
        var staff = await victim.Resource(location);
        var ona = await Clients.Create(victim.Owner, "Ona", "Kazlauskienė", "ona@example.lt", "+370 612 34567");
        var booked = await Clients.Book(victim, location, staff, Local(2, 10), ona);
        await victim.ListShowsLatest(booked);
        var intruder = await api.NewTenant("Intruder chain");
        var intruderDesk = await intruder.KeyClient("frontDesk");

        foreach (var key in new[] { intruder.Owner, intruderDesk })
        {
            Assert.Equal(0, (await Clients.List(key)).GetProperty("total").GetInt32());
            Assert.Empty(await Clients.Found(key, "kazlauskiene"));
            Assert.Empty(await Clients.Found(key, "612 34567"));
        }
        var export = await intruder.Owner.GetAsync("/api/clients/export?columns=id,lastName");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("id,lastName", (await export.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Trim());

        var routes = new (HttpMethod Method, string Path, object? Body)[]
        {
            (HttpMethod.Get, $"/api/clients/{ona}", null),
            (HttpMethod.Get, $"/api/clients/{ona}/appointments", null),
            (HttpMethod.Put, $"/api/clients/{ona}", new { firstName = "X", lastName = "Y", email = "x@example.com" }),
            (HttpMethod.Post, $"/api/clients/{ona}/blacklist", new { reason = "spite" }),
            (HttpMethod.Delete, $"/api/clients/{ona}/blacklist", null),
            (HttpMethod.Delete, $"/api/clients/{ona}", null),
        };
        foreach (var (method, path, body) in routes)
        {
            using var request = new HttpRequestMessage(method, path);
            if (body is not null) request.Content = JsonContent.Create(body, options: ApiFixture.Json);
            await ProblemAssert.Is(await intruder.Owner.SendAsync(request), HttpStatusCode.NotFound, "not_found");
        }

        var bulk = await Send(intruder.Owner, HttpMethod.Post, "/api/clients/bulk-delete", new { ids = new[] { ona }, confirm = true }, HttpStatusCode.OK);
        Assert.Equal([ona], bulk.GetProperty("notFound").EnumerateArray().Select(e => e.GetGuid()));

        // Nothing changed for the victim.
        var listed = await Clients.Listed(victim.Owner, ona);
        Assert.Equal(("Kazlauskienė", false), (listed.GetProperty("lastName").GetString(), listed.GetProperty("blacklisted").GetBoolean()));
        Assert.Equal(1, (await Send(victim.Owner, HttpMethod.Get, $"/api/clients/{ona}/appointments", null, HttpStatusCode.OK)).GetProperty("total").GetInt32());
    }
}
