using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Clients;
using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Projections;
using Realtime.Grains.Projections.Clients;

namespace Realtime.Grains.Tests.ClientList;

/// <summary>
/// What every client list must do, written once and run against each store (one subclass per store), each on an
/// appointment list of the same kind that it reads last appointment dates from. Every test works in an organisation
/// of its own, so stores may be shared between tests.
/// </summary>
public abstract class ClientReadModelBehaviour
{
    private static readonly DateTimeOffset Monday = new(2026, 6, 8, 0, 0, 0, TimeSpan.Zero);

    private readonly Guid organization = Guid.NewGuid();
    private readonly Guid location = Guid.NewGuid();

    protected abstract IClientReadModel ReadModel { get; }

    protected abstract IAppointmentReadModel Appointments { get; }

    private static DateTimeOffset At(int day, int hour) => Monday.AddDays(day).AddHours(hour);

    private static ClientProfile Profile(
        string firstName = "Ewa", string lastName = "Nowak", string? email = null, string? phone = null, string? note = null,
        string? gender = null, DateOnly? birthDate = null, string language = "pl") =>
        new(firstName, lastName, email ?? $"{Guid.NewGuid():N}@example.com", phone, gender, birthDate, note, language);

    private ClientListEntry Client(
        ClientProfile? profile = null, long version = 1, bool blacklisted = false, Guid? id = null, Guid? organizationId = null) =>
        new(id ?? Guid.NewGuid(), organizationId ?? organization, version, Deleted: false, profile ?? Profile(), blacklisted);

    private async Task<ClientListEntry> Add(ClientProfile profile, bool blacklisted = false)
    {
        var client = Client(profile, blacklisted: blacklisted);
        await Apply(client);
        return client;
    }

    private Task Apply(ClientListEntry entry) => ReadModel.Apply(entry, CancellationToken.None);

    private Task<ClientListPage> Query(Func<ClientListQuery, ClientListQuery>? refine = null) =>
        ReadModel.Query((refine ?? (q => q))(new ClientListQuery(organization)), CancellationToken.None);

    private async Task<Guid[]> Ids(Func<ClientListQuery, ClientListQuery> refine) =>
        [.. (await Query(refine)).Items.Select(c => c.Id)];

    private async Task<Guid[]> Found(string search) => await Ids(q => q with { Search = search });

    private async Task<List<ClientListItem>> Export(Func<ClientListQuery, ClientListQuery>? refine = null)
    {
        var exported = new List<ClientListItem>();
        await foreach (var item in ReadModel.Export((refine ?? (q => q))(new ClientListQuery(organization)), CancellationToken.None))
        {
            exported.Add(item);
        }
        return exported;
    }

    private AppointmentView Appointment(
        Guid? client, DateTimeOffset start, AppointmentStatus status = AppointmentStatus.Booked, long version = 1, Guid? id = null,
        Guid? organizationId = null)
    {
        var actor = Actor.Staff("desk-1", "Front desk");
        return new AppointmentView(
            id ?? Guid.NewGuid(), version, organizationId ?? organization, location, AppointmentKind.Appointment, status, [Guid.NewGuid()], [],
            client, start, 60, 0, 0, false, null, [], [], null, false, false, "phone", false, 0,
            status == AppointmentStatus.Cancelled ? new Cancellation(CancellationReason.Business, null, start.AddDays(-1), actor) : null,
            [new HistoryEntry(version, start.AddDays(-2), actor, "Booked", null)], start.AddDays(-2), start.AddDays(-2),
            client is { } seated ? [seated] : [], 1);
    }

    private Task Book(AppointmentView appointment, bool deleted = false) =>
        Appointments.Apply(appointment, deleted, CancellationToken.None);

    private async Task<DateTimeOffset?> LastAppointmentOf(Guid clientId) =>
        Assert.Single((await Query()).Items, c => c.Id == clientId).LastAppointmentAt;

    [Fact]
    public async Task An_applied_client_is_listed_with_every_field_and_no_last_appointment()
    {
        var client = Client(
            Profile("Lucía", "García", "lucia@example.es", "+34 600 000 000", "Prefers mornings", "female", new DateOnly(1990, 5, 17), "es"),
            version: 3, blacklisted: true);

        await Apply(client);

        var page = await Query();
        Assert.Equal((1, 1, ClientListQuery.DefaultPageSize), (page.Total, page.Page, page.PageSize));
        Assert.Equal(
            new ClientListItem(client.Id, "Lucía", "García", "lucia@example.es", "+34 600 000 000", "female", new DateOnly(1990, 5, 17),
                "Prefers mornings", "es", Blacklisted: true, Version: 3, LastAppointmentAt: null),
            Assert.Single(page.Items));
    }

    [Fact]
    public async Task An_older_version_never_replaces_a_newer_one_and_the_same_version_changes_nothing()
    {
        var v2 = Client(Profile("Anna", "Kowalska"), version: 2);
        await Apply(v2);
        await Apply(v2 with { Version = 1, Profile = Profile("Old", "Name") });
        await Apply(v2 with { Profile = Profile("Same", "Version") });

        Assert.Equal(("Anna", 2L), (Assert.Single((await Query()).Items).FirstName, Assert.Single((await Query()).Items).Version));

        await Apply(v2 with { Version = 3, Profile = Profile("Anna", "Nowak"), Blacklisted = true });
        var listed = Assert.Single((await Query()).Items);
        Assert.Equal(("Nowak", true, 3L), (listed.LastName, listed.Blacklisted, listed.Version));
    }

    [Fact]
    public async Task A_deleted_client_disappears_and_stays_deleted_when_older_versions_arrive_later()
    {
        var kept = await Add(Profile("Kept", "Client"));
        var v1 = Client(Profile("Gone", "Client"));
        await Apply(v1);
        await Apply(v1 with { Version = 2 });
        await Apply(ClientListEntry.Tombstone(v1.Id, organization, 3));

        Assert.Equal([kept.Id], await Ids(q => q));
        Assert.Equal(1, (await Query()).Total);

        await Apply(v1);
        await Apply(v1 with { Version = 3 }); // the same version, not deleted: still deleted
        await Apply(ClientListEntry.Tombstone(v1.Id, organization, 3));

        Assert.Equal([kept.Id], await Ids(q => q));
        Assert.Equal([kept.Id], (await Export()).Select(c => c.Id));
        Assert.Empty(await Found("gone"));
    }

    [Fact]
    public async Task A_deletion_that_arrives_first_keeps_every_older_version_out()
    {
        var v1 = Client();
        await Apply(ClientListEntry.Tombstone(v1.Id, organization, 4));
        await Apply(v1);
        await Apply(v1 with { Version = 3 });

        Assert.Equal(0, (await Query()).Total);
    }

    [Fact]
    public async Task An_entry_that_is_neither_a_client_nor_a_tombstone_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => ReadModel.Apply(Client() with { Profile = null }, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => ReadModel.Apply(Client() with { Version = 0 }, CancellationToken.None));
    }

    [Fact]
    public async Task A_client_is_found_by_exact_e_mail_within_the_organisation_blacklisted_too_deleted_not()
    {
        var email = $"ewa.{Guid.NewGuid():N}@example.com";
        var ewa = await Add(Profile(email: email), blacklisted: true);
        var sharing = await Add(Profile("Jan", email: email));
        var gone = Client(Profile("Gone", email: email));
        await Apply(gone);
        await Apply(ClientListEntry.Tombstone(gone.Id, organization, 2));
        await Apply(Client(Profile(email: email), organizationId: Guid.NewGuid()));
        await Add(Profile(email: "x" + email));

        var found = await ReadModel.FindByEmail(organization, email, CancellationToken.None);

        Assert.Equal(new[] { ewa.Id, sharing.Id }.Order(), found.Select(c => c.Id));
        var foundEwa = Assert.Single(found, c => c.Id == ewa.Id);
        Assert.Equal((ewa.Profile, true, false), (foundEwa.Profile, foundEwa.Blacklisted, foundEwa.Deleted));
        Assert.Empty(await ReadModel.FindByEmail(organization, email[1..], CancellationToken.None));
        Assert.Empty(await ReadModel.FindByEmail(Guid.NewGuid(), email, CancellationToken.None));
    }

    [Fact]
    public async Task Only_the_organisation_asked_for_is_listed_searched_and_exported()
    {
        var ours = await Add(Profile("Ona", "Kazlauskienė"));
        var theirs = Client(Profile("Ona", "Kazlauskienė"), organizationId: Guid.NewGuid());
        await Apply(theirs);

        Assert.Equal([ours.Id], await Ids(q => q));
        Assert.Equal([ours.Id], await Found("ona"));
        Assert.Equal([ours.Id], (await Export()).Select(c => c.Id));
        Assert.Equal([theirs.Id], (await ReadModel.Query(new ClientListQuery(theirs.OrganizationId), CancellationToken.None)).Items.Select(c => c.Id));
    }

    [Fact]
    public async Task Search_ignores_accents_and_case_in_both_directions()
    {
        var lucia = await Add(Profile("Lucía", "Fernández"));
        var ona = await Add(Profile("Ona", "Kazlauskienė"));
        var lukasz = await Add(Profile("Łukasz", "Żółkiewski"));
        var francois = await Add(Profile("FRANÇOIS", "Lefèvre"));
        var plainLucia = await Add(Profile("Lucia", "Smith"));

        Assert.Equal(new[] { lucia.Id, plainLucia.Id }.Order(), (await Found("lucia")).Order());
        Assert.Equal(new[] { lucia.Id, plainLucia.Id }.Order(), (await Found("LUCÍA")).Order());
        Assert.Equal([ona.Id], await Found("kazlauskiene"));
        Assert.Equal([ona.Id], await Found("KAZLAUSKIENĖ"));
        Assert.Equal([lukasz.Id], await Found("lukasz zolkiewski"));
        Assert.Equal([lukasz.Id], await Found("Łukasz"));
        Assert.Equal([francois.Id], await Found("francois lefevre"));
        Assert.Equal([lucia.Id], await Found("fernandez"));
    }

    [Fact]
    public async Task Search_words_match_parts_of_names_in_any_order_and_all_must_match()
    {
        var ona = await Add(Profile("Ona", "Kazlauskienė"));
        var onute = await Add(Profile("Onutė", "Petraitienė"));

        Assert.Equal([ona.Id], await Found("kazl ona"));
        Assert.Equal([ona.Id], await Found("  Ona   Kazlauskiene  "));
        Assert.Equal(new[] { ona.Id, onute.Id }.Order(), (await Found("on")).Order());
        Assert.Equal([onute.Id], await Found("ienė petr"));
        Assert.Empty(await Found("ona petraitiene"));
        Assert.Empty(await Found("zzz"));
        Assert.Equal(0, (await Query(q => q with { Search = "zzz" })).Total);
        Assert.Equal(2, (await Query(q => q with { Search = "   " })).Total); // blank: everyone
    }

    [Fact]
    public async Task Search_finds_e_mail_addresses_and_treats_wildcards_as_letters()
    {
        var ewa = await Add(Profile("Ewa", "Nowak", email: "ewa.nowak@salon-example.pl"));
        var under = await Add(Profile("Jan", "Kowalski", email: "jan_k@example.com"));
        await Add(Profile("Percent", "Person", email: "p@example.com"));

        Assert.Equal([ewa.Id], await Found("EWA.NOWAK@"));
        Assert.Equal([ewa.Id], await Found("salon-example"));
        Assert.Equal([under.Id], await Found("_"));
        Assert.Equal([under.Id], await Found("jan_k"));
        Assert.Empty(await Found("%"));
        Assert.Empty(await Found(@"\"));
    }

    [Fact]
    public async Task Search_finds_phone_numbers_whatever_their_spaces_and_dashes()
    {
        // Not the default random e-mails: their hex digits could hold the numbers searched for below.
        var polish = await Add(Profile("Ewa", "Nowak", email: "ewa.nowak@example.com", phone: "+48 600-100-200"));
        var spanish = await Add(Profile("Lucía", "García", email: "lucia.garcia@example.com", phone: "+34 (91) 123 45 67"));
        await Add(Profile("No", "Phone", email: "no.phone@example.com"));

        Assert.Equal([polish.Id], await Found("600100200"));
        Assert.Equal([polish.Id], await Found("600 100 200"));
        Assert.Equal([polish.Id], await Found("+48 600-100"));
        Assert.Equal([spanish.Id], await Found("91 123-45-67"));
        Assert.Equal([spanish.Id], await Found("(91) 1234567"));
        Assert.Empty(await Found("999 999"));
    }

    [Fact]
    public async Task Sorting_by_name_orders_by_last_name_then_first_name_then_id_ignoring_accents_and_case_both_ways()
    {
        var zofia = await Add(Profile("Zofia", "Ábel"));
        var adam = await Add(Profile("adam", "Abel"));
        var lukasz = await Add(Profile("Łukasz", "Łaska"));
        var kowal = await Add(Profile("Jan", "kowal"));
        var mazur = await Add(Profile("Ewa", "Mazur"));
        var twinA = await Add(Profile("Ewa", "Nowak"));
        var twinB = await Add(Profile("Ewa", "Nowak"));
        var twins = new[] { twinA.Id, twinB.Id }.Order().ToArray();
        Guid[] ascending = [adam.Id, zofia.Id, kowal.Id, lukasz.Id, mazur.Id, twins[0], twins[1]];

        Assert.Equal(ascending, await Ids(q => q));
        Assert.Equal(ascending, await Ids(q => q with { Sort = ClientListSort.NameAscending }));
        Assert.Equal(ascending.Reverse(), await Ids(q => q with { Sort = ClientListSort.NameDescending }));
    }

    [Fact]
    public async Task Pages_follow_the_order_and_every_page_tells_the_total()
    {
        var clients = new List<ClientListEntry>();
        foreach (var last in new[] { "Garcia", "Adamska", "Nowak", "Baran", "Zielinska", "Kowal", "Mazur" })
        {
            clients.Add(await Add(Profile("Ewa", last)));
        }
        var expected = clients.OrderBy(c => c.Profile!.LastName, StringComparer.Ordinal).Select(c => c.Id).ToArray();

        var pages = new List<ClientListPage>();
        for (var page = 1; page <= 4; page++) pages.Add(await Query(q => q with { Page = page, PageSize = 3 }));

        Assert.All(pages, p => Assert.Equal(7, p.Total));
        Assert.Equal([3, 3, 1, 0], pages.Select(p => p.Items.Length));
        Assert.Equal(expected, pages.SelectMany(p => p.Items).Select(c => c.Id));
        Assert.Equal((2, 3), (pages[1].Page, pages[1].PageSize));
        Assert.Equal(expected.Reverse().Take(3), await Ids(q => q with { PageSize = 3, Sort = ClientListSort.NameDescending }));

        var searched = await Query(q => q with { Search = "ewa", PageSize = 2, Page = 4 });
        Assert.Equal((7, 1), (searched.Total, searched.Items.Length));
    }

    [Fact]
    public async Task The_last_appointment_is_the_latest_start_among_appointments_that_are_not_cancelled_past_or_future()
    {
        var ewa = await Add(Profile("Ewa", "Nowak"));
        var never = await Add(Profile("Never", "Booked"));
        var other = await Add(Profile("Other", "Client"));

        await Book(Appointment(ewa.Id, At(-10, 9), AppointmentStatus.Completed));
        await Book(Appointment(ewa.Id, At(-3, 9), AppointmentStatus.NoShow));
        await Book(Appointment(ewa.Id, At(20, 9), AppointmentStatus.Cancelled));
        await Book(Appointment(other.Id, At(30, 9)));
        await Book(Appointment(ewa.Id, At(-1, 9), organizationId: Guid.NewGuid())); // another organisation's

        Assert.Equal(At(-3, 9), await LastAppointmentOf(ewa.Id));
        Assert.Null(await LastAppointmentOf(never.Id));
        Assert.Equal(At(30, 9), await LastAppointmentOf(other.Id));

        var future = Appointment(ewa.Id, At(5, 14));
        await Book(future);
        Assert.Equal(At(5, 14), await LastAppointmentOf(ewa.Id));

        // Cancelling the latest one moves the date back; restoring it brings it forward again.
        await Book(future with { Version = 2, Status = AppointmentStatus.Cancelled });
        Assert.Equal(At(-3, 9), await LastAppointmentOf(ewa.Id));
        await Book(future with { Version = 3, Status = AppointmentStatus.Booked });
        Assert.Equal(At(5, 14), await LastAppointmentOf(ewa.Id));

        // A reschedule moves it; a deleted appointment does not count.
        await Book(future with { Version = 4, Start = At(6, 8) });
        Assert.Equal(At(6, 8), await LastAppointmentOf(ewa.Id));
        await Book(future with { Version = 5, Start = At(6, 8) }, deleted: true);
        Assert.Equal(At(-3, 9), await LastAppointmentOf(ewa.Id));
    }

    [Fact]
    public async Task The_last_appointment_is_given_in_utc_and_exported_too()
    {
        var ewa = await Add(Profile("Ewa", "Nowak"));
        await Book(Appointment(ewa.Id, At(2, 9).ToOffset(TimeSpan.FromHours(2))));

        var listed = await LastAppointmentOf(ewa.Id);
        Assert.Equal(At(2, 9), listed);
        Assert.Equal(TimeSpan.Zero, listed!.Value.Offset);
        Assert.Equal(At(2, 9), Assert.Single(await Export()).LastAppointmentAt);
    }

    [Fact]
    public async Task The_export_gives_every_matching_client_in_the_list_order_not_just_a_page()
    {
        var clients = new List<ClientListEntry>();
        // Repeated names make the export page through ties, which only the id breaks.
        foreach (var (first, last) in new[]
                 {
                     ("Ewa", "Nowak"), ("Ewa", "Nowak"), ("Ewa", "Nowak"), ("Adam", "Nowak"), ("Łucja", "Ącka"), ("Jan", "Kowal"),
                     ("Ona", "Kazlauskienė"), ("Rūta", "Kazlauskienė"), ("Zofia", "Źrebiec"), ("Piotr", "Nowak"), ("Anna", "Lis"),
                 })
        {
            clients.Add(await Add(Profile(first, last, phone: "+48 600 100 200")));
        }
        var ewaElsewhere = await Add(Profile("Ewa", "Zielińska"));
        await Book(Appointment(clients[0].Id, At(1, 10)));

        foreach (var sort in new[] { ClientListSort.NameAscending, ClientListSort.NameDescending })
        {
            var listed = await Ids(q => q with { Sort = sort, PageSize = ClientListQuery.MaxPageSize });
            var exported = await Export(q => q with { Sort = sort, Page = 3, PageSize = 1 }); // paging is ignored
            Assert.Equal(12, exported.Count);
            Assert.Equal(listed, exported.Select(c => c.Id));
        }

        var searched = await Export(q => q with { Search = "nowak" });
        Assert.Equal(5, searched.Count);
        Assert.Equal(At(1, 10), searched.Single(c => c.Id == clients[0].Id).LastAppointmentAt);
        Assert.DoesNotContain(ewaElsewhere.Id, (await Export(q => q with { Search = "600 100" })).Select(c => c.Id));
    }

    [Theory]
    [InlineData(0, 50, 0)]
    [InlineData(1, 0, 0)]
    [InlineData(1, 501, 0)]
    [InlineData(1, 50, 101)]
    public async Task A_query_with_a_bad_page_or_search_is_refused(int page, int pageSize, int searchLength)
    {
        var query = new ClientListQuery(organization) { Page = page, PageSize = pageSize, Search = new string('a', searchLength) };

        Assert.NotEmpty(query.Validate());
        await Assert.ThrowsAsync<ArgumentException>(() => ReadModel.Query(query, CancellationToken.None));
        if (searchLength > 0)
        {
            // An export ignores paging, but not a bad search.
            await Assert.ThrowsAsync<ArgumentException>(async () =>
            {
                await foreach (var _ in ReadModel.Export(query, CancellationToken.None))
                {
                }
            });
        }
    }

    [Fact]
    public void A_query_names_its_errors_as_the_api_parameters()
    {
        var query = new ClientListQuery(organization) { Page = 0, PageSize = 1000, Search = new string('x', 101), Sort = (ClientListSort)7 };

        Assert.Equal(["search", "sort", "page", "pageSize"], query.Validate().Select(e => e.Field));
        Assert.Empty(new ClientListQuery(organization).Validate());
    }
}
