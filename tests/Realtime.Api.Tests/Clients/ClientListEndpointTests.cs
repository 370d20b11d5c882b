using Realtime.Testing;
namespace Realtime.Api.Tests.Clients;

/// <summary><c>GET /api/clients</c>: the client list with its search, sort, paging, total and last appointment dates.</summary>
[Collection(ApiCollection.Name)]
public sealed class ClientListEndpointTests(ApiFixture api)
{
    public static TheoryData<string, object?> InvalidFields => new()
    {
        { "firstName", null },
        { "firstName", "" },
        { "firstName", "   " },
        { "lastName", null },
        { "lastName", "" },
        { "email", null },
        { "email", "" },
        { "email", "not-an-email" },
        { "email", "ewa@localhost" },
        { "phone", "call me maybe" },
        { "phone", "123" },
        { "birthDate", "2999-01-01" },
        { "birthDate", "1850-01-01" },
        { "language", "xx" },
        { "gender", new string('g', 31) },
        { "note", new string('n', 4001) },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task Creating_or_editing_a_client_with_a_bad_field_is_refused_on_that_field(string field, object? value)
    {
        var tenant = await api.NewTenant();
        var body = new Dictionary<string, object?>
        {
            ["firstName"] = "Ana", ["lastName"] = "López", ["email"] = "ana@example.com", ["phone"] = "+34 600 000 000",
            ["birthDate"] = "1990-05-17", ["language"] = "es",
        };
        body[field] = value;

        await ProblemAssert.Is(await tenant.Owner.PostAsJsonAsync("/api/clients", body, ApiFixture.Json), HttpStatusCode.BadRequest, "validation_failed", field);

        var existing = await tenant.Client("Ana");
        await ProblemAssert.Is(
            await tenant.Owner.PutAsJsonAsync($"/api/clients/{existing}", body, ApiFixture.Json), HttpStatusCode.BadRequest, "validation_failed", field);
        Assert.Equal("Ana", (await Clients.Listed(tenant.Owner, existing)).GetProperty("firstName").GetString());
    }

    [Fact]
    public async Task A_new_client_is_listed_with_its_fields_the_total_and_no_last_appointment()
    {
        var tenant = await api.NewTenant();
        var id = await Clients.Create(tenant.Owner, "Lucía", "García", "Lucia@Example.es", "+34 600 000 000", "Prefers mornings", "es");

        var list = await Clients.List(tenant.Owner);

        Assert.Equal((1, 1, 50), (list.GetProperty("total").GetInt32(), list.GetProperty("page").GetInt32(), list.GetProperty("pageSize").GetInt32()));
        var item = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(id, Id(item));
        Assert.Equal(
            ("Lucía", "García", "lucia@example.es", "+34 600 000 000", "Prefers mornings", false),
            (item.GetProperty("firstName").GetString(), item.GetProperty("lastName").GetString(), item.GetProperty("email").GetString(),
             item.GetProperty("phone").GetString(), item.GetProperty("note").GetString(), item.GetProperty("blacklisted").GetBoolean()));
        Assert.Equal(JsonValueKind.Null, item.GetProperty("lastAppointmentAt").ValueKind);
    }

    [Fact]
    public async Task Search_ignores_accents_and_case_and_finds_e_mails_and_phones()
    {
        var tenant = await api.NewTenant();
        var lucia = await Clients.Create(tenant.Owner, "Lucía", "Fernández", "lf@example.es");
        var ona = await Clients.Create(tenant.Owner, "Ona", "Kazlauskienė", "ona@example.lt", "+370 612 34567");
        var lukasz = await Clients.Create(tenant.Owner, "Łukasz", "Wiśniewski", "lukasz.w@salon-example.pl", "+48 600-100-200");
        var francois = await Clients.Create(tenant.Owner, "François", "Lefèvre", "fl@example.fr");

        Assert.Equal([lucia], await Clients.Found(tenant.Owner, "lucia"));
        Assert.Equal([lucia], await Clients.Found(tenant.Owner, "LUCÍA"));
        Assert.Equal([ona], await Clients.Found(tenant.Owner, "kazlauskiene"));
        Assert.Equal([ona], await Clients.Found(tenant.Owner, "ONA KAZLAUSKIENĖ"));
        Assert.Equal([lukasz], await Clients.Found(tenant.Owner, "lukasz wisniewski"));
        Assert.Equal([francois], await Clients.Found(tenant.Owner, "francois"));
        Assert.Equal([lukasz], await Clients.Found(tenant.Owner, "salon-example"));
        Assert.Equal([ona], await Clients.Found(tenant.Owner, "ONA@EXAMPLE.LT"));
        Assert.Equal([lukasz], await Clients.Found(tenant.Owner, "600100200"));
        Assert.Equal([lukasz], await Clients.Found(tenant.Owner, "600 100-200"));
        Assert.Equal([ona], await Clients.Found(tenant.Owner, "+370 612"));
        Assert.Empty(await Clients.Found(tenant.Owner, "nobody"));
        Assert.Equal(0, (await Clients.List(tenant.Owner, "search=nobody")).GetProperty("total").GetInt32());
        Assert.Equal(4, (await Clients.List(tenant.Owner, "search=")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task The_list_sorts_by_last_then_first_name_both_ways_and_pages_with_the_total()
    {
        var tenant = await api.NewTenant();
        var names = new[] { ("Zofia", "Ábel"), ("Adam", "Abel"), ("Łucja", "Łaska"), ("Jan", "kowal"), ("Ewa", "Mazur"), ("Anna", "Nowak"), ("Ewa", "Nowak") };
        var ids = new Dictionary<string, Guid>();
        foreach (var (first, last) in names) ids[$"{first} {last}"] = await Clients.Create(tenant.Owner, first, last);
        Guid[] ascending =
        [
            ids["Adam Abel"], ids["Zofia Ábel"], ids["Jan kowal"], ids["Łucja Łaska"], ids["Ewa Mazur"], ids["Anna Nowak"], ids["Ewa Nowak"],
        ];

        Assert.Equal(ascending, await Clients.ListedIds(tenant.Owner));
        Assert.Equal(ascending, await Clients.ListedIds(tenant.Owner, "sort=name"));
        Assert.Equal(ascending.Reverse(), await Clients.ListedIds(tenant.Owner, "sort=-name"));

        var pages = new List<JsonElement>();
        for (var page = 1; page <= 3; page++) pages.Add(await Clients.List(tenant.Owner, $"sort=-name&pageSize=3&page={page}"));
        Assert.All(pages, p => Assert.Equal(7, p.GetProperty("total").GetInt32()));
        Assert.Equal(ascending.Reverse(), pages.SelectMany(p => p.GetProperty("items").EnumerateArray().Select(Id)));
        Assert.Empty(await Clients.ListedIds(tenant.Owner, "page=4&pageSize=3"));
        Assert.Equal([ids["Anna Nowak"]], await Clients.ListedIds(tenant.Owner, "search=nowak&pageSize=1"));
        Assert.Equal(2, (await Clients.List(tenant.Owner, "search=nowak&pageSize=1")).GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("sort=age", "sort")]
    [InlineData("sort=NAME", "sort")]
    [InlineData("page=0", "page")]
    [InlineData("page=-1", "page")]
    [InlineData("page=two", "page")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=501", "pageSize")]
    [InlineData("pageSize=1.5", "pageSize")]
    [InlineData("pageSize=99999999999", "pageSize")]
    public async Task Bad_list_parameters_are_refused_on_the_parameter(string query, string field)
    {
        var tenant = await api.NewTenant();

        await ProblemAssert.Is(await tenant.Owner.GetAsync($"/api/clients?{query}"), HttpStatusCode.BadRequest, "validation_failed", field);
    }

    [Fact]
    public async Task A_search_longer_than_a_hundred_characters_is_refused()
    {
        var tenant = await api.NewTenant();

        await ProblemAssert.Is(
            await tenant.Owner.GetAsync($"/api/clients?search={new string('a', 101)}"), HttpStatusCode.BadRequest, "validation_failed", "search");
    }

    [Fact]
    public async Task The_last_appointment_follows_bookings_cancellations_and_moves()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var staff = await tenant.Resource(location);
        var ewa = await Clients.Create(tenant.Owner, "Ewa", "Nowak");
        var other = await Clients.Create(tenant.Owner, "Jan", "Kowalski");
        async Task<DateTimeOffset?> LastOf(Guid id) =>
            (await Clients.Listed(tenant.Owner, id)).GetProperty("lastAppointmentAt") is { ValueKind: JsonValueKind.String } at
                ? at.GetDateTimeOffset()
                : null;

        // The list follows each change right after its answer.
        async Task Shows(Guid client, DateTimeOffset expected) =>
            await Eventually.Value(() => LastOf(client), last => last == expected, $"the list shows {expected:O} as the last appointment");

        var past = Local(-5, 10);
        await Clients.Book(tenant, location, staff, past, ewa);
        await Shows(ewa, past);

        var future = Local(4, 12);
        var next = await Clients.Book(tenant, location, staff, future, ewa);
        await Clients.Book(tenant, location, staff, Local(9, 12), other);
        await Shows(ewa, future);

        await Send(tenant.Owner, HttpMethod.Post, $"/api/appointments/{next}/cancel", new { reason = "client" }, HttpStatusCode.OK);
        await Shows(ewa, past);

        await Send(tenant.Owner, HttpMethod.Post, $"/api/appointments/{next}/reschedule", new { start = Local(6, 15) }, HttpStatusCode.OK);
        await Shows(ewa, Local(6, 15));
        await Shows(other, Local(9, 12));
    }

    [Fact]
    public async Task An_edit_and_a_blacklisting_show_in_the_list_and_every_staff_role_may_read_it()
    {
        var tenant = await api.NewTenant();
        var id = await Clients.Create(tenant.Owner, "Lucia", "Garcia");
        var desk = await tenant.KeyClient("frontDesk");

        await Send(desk, HttpMethod.Put, $"/api/clients/{id}", new { firstName = "Lucía", lastName = "García Márquez", email = "lucia@example.es", language = "es" },
            HttpStatusCode.OK);
        await Send(desk, HttpMethod.Post, $"/api/clients/{id}/blacklist", new { reason = "Two no-shows" }, HttpStatusCode.OK);

        var listed = await Clients.Listed(desk, id);
        Assert.Equal(("García Márquez", true), (listed.GetProperty("lastName").GetString(), listed.GetProperty("blacklisted").GetBoolean()));
        Assert.Equal([id], await Clients.Found(desk, "marquez"));
        Assert.Equal([id], await Clients.Found(await tenant.KeyClient("admin"), "garcia"));
    }
}
