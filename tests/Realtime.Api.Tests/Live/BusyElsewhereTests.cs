namespace Realtime.Api.Tests.Live;

/// <summary>A resource is one calendar across the chain: a desk shows where its people and rooms are taken elsewhere.</summary>
[Collection(ApiCollection.Name)]
public sealed class BusyElsewhereTests(ApiFixture api)
{
    /// <summary>Two locations, Marta working mornings at the centre and afternoons in the old town, Olga and a room only there.</summary>
    private sealed record Chain(Tenant Tenant, Guid Centre, Guid OldTown, Guid Marta, Guid Olga, Guid Room)
    {
        public static async Task<Chain> Create(ApiFixture api)
        {
            var tenant = await api.NewTenant();
            var centre = await tenant.Location(name: "Centre");
            var oldTown = await tenant.Location(name: "Old town");
            var marta = Id(await Send(tenant.Owner, HttpMethod.Post, "/api/resources", new
            {
                name = "Marta",
                kind = "staff",
                workingHours = Tenant.Week.SelectMany(day => new[]
                {
                    new { locationId = centre, dayOfWeek = day, start = "07:00", end = "13:00" },
                    new { locationId = oldTown, dayOfWeek = day, start = "14:00", end = "21:00" },
                }),
            }, HttpStatusCode.Created));
            return new Chain(tenant, centre, oldTown, marta, await tenant.Resource(oldTown, "Olga"), await tenant.Resource(oldTown, "Room 2", "room"));
        }

        public async Task<Guid> Book(object booking) =>
            Id(await Send(Tenant.Owner, HttpMethod.Post, "/api/appointments", booking, HttpStatusCode.Created));

        public async Task<string> KeyFor(Guid locationId) =>
            (await Send(Tenant.Owner, HttpMethod.Post, "/api/keys", new { name = "desk", role = "frontdesk", locationIds = new[] { locationId } }, HttpStatusCode.Created))
                .GetProperty("key").GetString()!;
    }

    [Fact]
    public async Task The_snapshot_shows_the_desks_resources_busy_at_other_locations_and_nothing_of_their_clients()
    {
        var chain = await Chain.Create(api);
        var zofia = await chain.Tenant.Client("Zofia");
        var service = Id(await Send(chain.Tenant.Owner, HttpMethod.Post, "/api/services",
            new { name = "Colouring", durationMinutes = 60, price = 321, bufferAfterMinutes = 15 }, HttpStatusCode.Created));
        var visit = await chain.Book(new
        {
            locationId = chain.OldTown, resourceIds = new[] { chain.Marta, chain.Room }, serviceIds = new[] { service }, clientId = zofia,
            start = Local(3, 15), notes = "Secret formula 7/1", source = "phone",
        });
        var rest = await chain.Book(new { locationId = chain.OldTown, resourceIds = new[] { chain.Marta }, start = Local(3, 18), durationMinutes = 30, kind = "break" });
        var olgas = await chain.Book(Booking(chain.OldTown, [chain.Olga], Local(3, 15), 60, zofia));
        var cancelled = await chain.Book(Booking(chain.OldTown, [chain.Marta], Local(3, 19)));
        await Send(chain.Tenant.Owner, HttpMethod.Post, $"/api/appointments/{cancelled}/cancel", new { reason = "business" }, HttpStatusCode.OK);
        await chain.Tenant.ListShowsLatest(visit, rest, olgas, cancelled);
        using var centreDesk = api.Client(await chain.KeyFor(chain.Centre));

        var response = await centreDesk.GetAsync($"/api/locations/{chain.Centre}/calendar?date={Local(3, 0):yyyy-MM-dd}");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var snapshot = JsonDocument.Parse(text).RootElement;
        Assert.Empty(snapshot.GetProperty("appointments").EnumerateArray());
        var blocks = snapshot.GetProperty("elsewhere").EnumerateArray().OrderBy(b => b.GetProperty("start").GetDateTimeOffset()).ToArray();
        Assert.Equal([visit, rest], blocks.Select(b => b.GetProperty("appointmentId").GetGuid()));
        Assert.All(blocks, b => Assert.Equal([chain.Marta], b.GetProperty("resourceIds").EnumerateArray().Select(r => r.GetGuid())));
        Assert.All(blocks, b => Assert.Equal((chain.OldTown, "Old town"), (b.GetProperty("locationId").GetGuid(), b.GetProperty("locationName").GetString())));
        Assert.Equal(("appointment", Local(3, 15), Local(3, 16, 15)), (blocks[0].GetProperty("kind").GetString(),
            blocks[0].GetProperty("start").GetDateTimeOffset(), blocks[0].GetProperty("end").GetDateTimeOffset()));
        Assert.Equal("break", blocks[1].GetProperty("kind").GetString());
        Assert.Equal(["appointmentId", "end", "kind", "locationId", "locationName", "resourceIds", "start"], blocks[0].EnumerateObject().Select(p => p.Name).Order());
        // The centre's key learns nothing of the old town's clients, notes, prices, or of Olga, who is not on its desk.
        foreach (var secret in new[] { "Zofia", zofia.ToString(), "Secret formula", "321", olgas.ToString(), chain.Olga.ToString(), chain.Room.ToString() })
        {
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_visit_booked_over_the_hours_at_a_location_the_staff_member_does_not_work_at_shows_on_the_home_desk()
    {
        var chain = await Chain.Create(api);
        var piotr = await chain.Tenant.Resource(chain.Centre, "Piotr");
        var visit = await chain.Book(new { locationId = chain.OldTown, resourceIds = new[] { piotr }, start = Local(4, 10), durationMinutes = 60, overrideWorkingHours = true });
        await chain.Tenant.ListShowsLatest(visit);

        var centre = await Send(chain.Tenant.Owner, HttpMethod.Get, $"/api/locations/{chain.Centre}/calendar?date={Local(4, 0):yyyy-MM-dd}", null, HttpStatusCode.OK);
        var oldTown = await Send(chain.Tenant.Owner, HttpMethod.Get, $"/api/locations/{chain.OldTown}/calendar?date={Local(4, 0):yyyy-MM-dd}", null, HttpStatusCode.OK);

        Assert.Equal([visit], centre.GetProperty("elsewhere").EnumerateArray().Select(b => b.GetProperty("appointmentId").GetGuid()));
        Assert.Empty(oldTown.GetProperty("elsewhere").EnumerateArray()); // its own visit, shown as such
    }

    [Fact]
    public async Task The_snapshot_shows_visits_of_the_days_around_whose_buffers_alone_reach_into_the_day()
    {
        var chain = await Chain.Create(api);
        var service = Id(await Send(chain.Tenant.Owner, HttpMethod.Post, "/api/services",
            new { name = "Peel", durationMinutes = 30, bufferBeforeMinutes = 60, bufferAfterMinutes = 90 }, HttpStatusCode.Created));
        Task<Guid> Peel(DateTimeOffset start) => chain.Book(new
        {
            locationId = chain.OldTown, resourceIds = new[] { chain.Marta }, serviceIds = new[] { service }, start, overrideWorkingHours = true,
        });
        var lateTheDayBefore = await Peel(Local(2, 23));
        var earlyTheDayAfter = await Peel(Local(4, 0, 30));
        var outOfReach = await Peel(Local(4, 3, 30)); // listed by its start, but its buffer begins after the day
        await chain.Tenant.ListShowsLatest(lateTheDayBefore, earlyTheDayAfter, outOfReach);

        var snapshot = await Send(chain.Tenant.Owner, HttpMethod.Get, $"/api/locations/{chain.Centre}/calendar?date={Local(3, 0):yyyy-MM-dd}", null, HttpStatusCode.OK);

        var blocks = snapshot.GetProperty("elsewhere").EnumerateArray()
            .Select(b => (b.GetProperty("appointmentId").GetGuid(), b.GetProperty("start").GetDateTimeOffset(), b.GetProperty("end").GetDateTimeOffset()))
            .OrderBy(b => b.Item2);
        Assert.Equal([(lateTheDayBefore, Local(2, 22), Local(3, 1)), (earlyTheDayAfter, Local(3, 23, 30), Local(4, 2, 30))], blocks);
    }

    [Fact]
    public async Task A_desk_learns_live_in_its_feeds_numbering_when_its_staff_is_booked_moved_away_back_cancelled_restored_and_deleted_elsewhere()
    {
        var chain = await Chain.Create(api);
        await using var desk = await Desk.Open(api.Factory, await chain.KeyFor(chain.Centre), chain.Centre, Local(3, 0));
        var before = desk.Sequence;

        var visit = await chain.Book(Booking(chain.OldTown, [chain.Marta], Local(3, 15), 60, await chain.Tenant.Client("Zofia")));
        await desk.Until(d => d.Elsewhere.ContainsKey(visit));
        Assert.Equal(Local(3, 15), desk.Elsewhere[visit].GetProperty("start").GetDateTimeOffset());

        await Send(chain.Tenant.Owner, HttpMethod.Post, $"/api/appointments/{visit}/reschedule", new { start = Local(3, 16), resourceIds = new[] { chain.Olga } }, HttpStatusCode.OK);
        await desk.Until(d => !d.Elsewhere.ContainsKey(visit));
        await Send(chain.Tenant.Owner, HttpMethod.Post, $"/api/appointments/{visit}/reschedule", new { start = Local(3, 17), resourceIds = new[] { chain.Marta } }, HttpStatusCode.OK);
        await desk.Until(d => d.Elsewhere.ContainsKey(visit));
        await Send(chain.Tenant.Owner, HttpMethod.Post, $"/api/appointments/{visit}/cancel", new { reason = "client" }, HttpStatusCode.OK);
        await desk.Until(d => !d.Elsewhere.ContainsKey(visit));
        await Send(chain.Tenant.Owner, HttpMethod.Post, $"/api/appointments/{visit}/restore", new { }, HttpStatusCode.OK);
        await desk.Until(d => d.Elsewhere.ContainsKey(visit));
        await Send(chain.Tenant.Owner, HttpMethod.Delete, $"/api/appointments/{visit}", null, HttpStatusCode.NoContent);
        await desk.Until(d => !d.Elsewhere.ContainsKey(visit));

        Assert.Equal(Enumerable.Range(1, 6).Select(i => before + i), desk.Applied.Select(c => c.GetProperty("sequence").GetInt64()));
        Assert.Equal(0, desk.Reloads);
        Assert.All(desk.Applied, c => Assert.False(c.TryGetProperty("appointment", out _)));
        Assert.DoesNotContain(desk.Applied, c => c.GetRawText().Contains("Zofia", StringComparison.Ordinal));
    }
}
