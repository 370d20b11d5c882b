using System.Text.Json;
using Realtime.Grains.Domain.Appointments;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Projections;

namespace Realtime.Grains.Tests.ReadModel;

/// <summary>
/// What every appointment list must do, written once and run against each store (one subclass per store).
/// Every test works in an organisation of its own, so stores may be shared between tests.
/// </summary>
public abstract class AppointmentReadModelBehaviour
{
    private static readonly DateTimeOffset Monday = new(2026, 6, 8, 0, 0, 0, TimeSpan.Zero);

    private readonly Guid organization = Guid.NewGuid();
    private readonly Guid centre = Guid.NewGuid();
    private readonly Guid harbour = Guid.NewGuid();
    private readonly Guid anna = Guid.NewGuid();
    private readonly Guid bella = Guid.NewGuid();
    private readonly Guid room = Guid.NewGuid();
    private readonly Guid ewa = Guid.NewGuid();

    protected abstract IAppointmentReadModel ReadModel { get; }

    private static DateTimeOffset At(int hour, int minute = 0) => Monday.AddHours(hour).AddMinutes(minute);

    private AppointmentView Appointment(
        DateTimeOffset start, int minutes = 60, long version = 1, Guid? location = null, Guid[]? resources = null,
        Guid? client = null, AppointmentStatus status = AppointmentStatus.Booked, string? source = "phone",
        Guid? id = null, Guid? organizationId = null, AppointmentKind kind = AppointmentKind.Appointment,
        Cancellation? cancellation = null)
    {
        var actor = Actor.Staff("desk-1", "Front desk");
        return new AppointmentView(
            id ?? Guid.NewGuid(), version, organizationId ?? organization, location ?? centre, kind, status,
            resources ?? [anna], [Guid.NewGuid()], client, start, minutes, 5, 10, Confirmed: version > 1, Price: 120.50m,
            ["vip", "first"], [new AppointmentComment("Prefers the window seat", actor, start.AddDays(-2))], "Bring the file",
            FirstConsultation: true, Asap: false, source, PaymentDue: true, ClientReschedules: 1, cancellation,
            [.. Enumerable.Range(1, (int)version).Select(v => new HistoryEntry(v, start.AddDays(-3).AddMinutes(v), actor, "Booked", null))],
            start.AddDays(-3), start.AddDays(-3).AddMinutes(version), client is { } seated ? [seated] : [], 1);
    }

    private Task Apply(AppointmentView appointment, bool deleted = false) => ReadModel.Apply(appointment, deleted, CancellationToken.None);

    private Task<AppointmentPage> Query(Func<AppointmentQuery, AppointmentQuery>? refine = null) =>
        ReadModel.Query((refine ?? (q => q))(new AppointmentQuery(organization)), CancellationToken.None);

    private async Task<Guid[]> Ids(Func<AppointmentQuery, AppointmentQuery> refine) =>
        [.. (await Query(refine)).Items.Select(a => a.Id)];

    private static string Json(AppointmentView appointment) => JsonSerializer.Serialize(appointment);

    [Fact]
    public async Task An_applied_appointment_is_listed_as_recorded_without_its_history()
    {
        var appointment = Appointment(At(9), version: 3, client: ewa, resources: [anna, room],
            status: AppointmentStatus.Cancelled,
            cancellation: new Cancellation(CancellationReason.Client, "Ill", At(7), Actor.Staff("desk-1", "Front desk")));
        appointment = appointment with { Start = appointment.Start.ToOffset(TimeSpan.FromHours(2)) };

        await Apply(appointment);

        var page = await Query();
        Assert.Equal(1, page.Total);
        var listed = Assert.Single(page.Items);
        Assert.Empty(listed.History);
        Assert.Equal(Json(appointment with { History = [] }), Json(listed));
        Assert.Equal(TimeSpan.FromHours(2), listed.Start.Offset);
    }

    [Fact]
    public async Task An_older_version_never_replaces_a_newer_one()
    {
        var v3 = Appointment(At(9), version: 3, status: AppointmentStatus.Arrived);
        var v2 = v3 with { Version = 2, Status = AppointmentStatus.Booked, Start = At(14) };

        await Apply(v3);
        await Apply(v2);

        var listed = Assert.Single((await Query()).Items);
        Assert.Equal(3, listed.Version);
        Assert.Equal(AppointmentStatus.Arrived, listed.Status);
        Assert.Equal(At(9), listed.Start);
    }

    [Fact]
    public async Task A_newer_version_replaces_an_older_one()
    {
        var v1 = Appointment(At(9));
        await Apply(v1);
        await Apply(v1 with { Version = 2, Start = At(11), ResourceIds = [bella] });

        var listed = Assert.Single((await Query()).Items);
        Assert.Equal((2L, At(11)), (listed.Version, listed.Start));
        Assert.Equal([listed.Id], await Ids(q => q with { ResourceId = bella }));
        Assert.Empty(await Ids(q => q with { ResourceId = anna }));
    }

    [Fact]
    public async Task Applying_the_same_version_again_changes_nothing()
    {
        var v1 = Appointment(At(9));
        await Apply(v1);
        await Apply(v1);
        await Apply(v1 with { Notes = "a different body under the same version is not a newer version" });

        var page = await Query();
        Assert.Equal(1, page.Total);
        Assert.Equal("Bring the file", Assert.Single(page.Items).Notes);
    }

    [Fact]
    public async Task A_deleted_appointment_disappears_and_stays_deleted_when_older_versions_arrive_later()
    {
        var kept = Appointment(At(8));
        var v1 = Appointment(At(9));
        await Apply(kept);
        await Apply(v1);
        await Apply(v1 with { Version = 2, Status = AppointmentStatus.Arrived });
        await Apply(v1 with { Version = 3 }, deleted: true);

        Assert.Equal([kept.Id], await Ids(q => q));
        Assert.Equal(1, (await Query()).Total);

        await Apply(v1);
        await Apply(v1 with { Version = 2 });
        await Apply(v1 with { Version = 3 }); // the same version, not deleted: still deleted
        await Apply(v1 with { Version = 3 }, deleted: true);

        Assert.Equal([kept.Id], await Ids(q => q));
        Assert.Equal([kept.Id], (await ReadModel.ListForReports(organization, centre, new TimeRange(Monday, Monday.AddDays(1)), CancellationToken.None))
            .Select(a => a.Id));
    }

    [Fact]
    public async Task The_reports_read_each_appointment_as_recorded_its_services_and_price_included()
    {
        var priced = Appointment(At(9), resources: [anna, room], status: AppointmentStatus.Completed, source: "online");
        var unpriced = Appointment(At(11)) with { Price = null, ServiceIds = [] };
        await Apply(priced);
        await Apply(unpriced);

        var rows = await ReadModel.ListForReports(organization, centre, new TimeRange(Monday, Monday.AddDays(1)), CancellationToken.None);

        Assert.Equal([ReportAppointment.Of(priced), ReportAppointment.Of(unpriced)], rows.OrderBy(r => r.Start), ReportRows.Instance);
    }

    private sealed class ReportRows : IEqualityComparer<ReportAppointment>
    {
        public static readonly ReportRows Instance = new();

        public bool Equals(ReportAppointment? x, ReportAppointment? y) =>
            JsonSerializer.Serialize(x) == JsonSerializer.Serialize(y);

        public int GetHashCode(ReportAppointment obj) => 0;
    }

    [Fact]
    public async Task The_list_tells_the_version_it_holds_of_an_appointment_a_tombstone_included()
    {
        var v1 = Appointment(At(9));
        Assert.Null(await ReadModel.ListedVersion(v1.Id, CancellationToken.None));

        await Apply(v1 with { Version = 2 });
        await Apply(v1);
        Assert.Equal(2, await ReadModel.ListedVersion(v1.Id, CancellationToken.None));

        await Apply(v1 with { Version = 3 }, deleted: true);
        Assert.Equal(3, await ReadModel.ListedVersion(v1.Id, CancellationToken.None));
    }

    [Fact]
    public async Task A_deletion_that_arrives_first_keeps_every_older_version_out()
    {
        var v1 = Appointment(At(9));
        await Apply(v1 with { Version = 4 }, deleted: true);
        await Apply(v1);
        await Apply(v1 with { Version = 3 });

        Assert.Equal(0, (await Query()).Total);
    }

    [Fact]
    public async Task Only_the_organisation_asked_for_is_listed()
    {
        var ours = Appointment(At(9));
        var theirs = Appointment(At(9), organizationId: Guid.NewGuid(), location: centre);
        await Apply(ours);
        await Apply(theirs);

        Assert.Equal([ours.Id], await Ids(q => q));
        Assert.Equal([theirs.Id], (await ReadModel.Query(new AppointmentQuery(theirs.OrganizationId), CancellationToken.None)).Items.Select(a => a.Id));
    }

    [Fact]
    public async Task The_location_filter_lists_one_location()
    {
        var inCentre = Appointment(At(9), location: centre);
        var inHarbour = Appointment(At(9), location: harbour);
        await Apply(inCentre);
        await Apply(inHarbour);

        Assert.Equal([inCentre.Id], await Ids(q => q with { LocationId = centre }));
        Assert.Equal([inHarbour.Id], await Ids(q => q with { LocationId = harbour }));
        Assert.Empty(await Ids(q => q with { LocationId = Guid.NewGuid() }));
    }

    [Fact]
    public async Task From_and_to_select_appointments_overlapping_the_half_open_period()
    {
        var endsAtFrom = Appointment(At(8), 60);        // 08:00-09:00
        var overlapsFrom = Appointment(At(8, 30), 60);  // 08:30-09:30
        var inside = Appointment(At(10), 30);           // 10:00-10:30
        var spanning = Appointment(At(7), 8 * 60);      // 07:00-15:00
        var overlapsTo = Appointment(At(11, 30), 60);   // 11:30-12:30
        var startsAtTo = Appointment(At(12), 60);       // 12:00-13:00
        foreach (var a in new[] { endsAtFrom, overlapsFrom, inside, spanning, overlapsTo, startsAtTo }) await Apply(a);

        Assert.Equal(
            [spanning.Id, overlapsFrom.Id, inside.Id, overlapsTo.Id],
            await Ids(q => q with { From = At(9), To = At(12) }));
        Assert.Equal(
            [spanning.Id, overlapsFrom.Id, inside.Id, overlapsTo.Id, startsAtTo.Id],
            await Ids(q => q with { From = At(9) }));
        Assert.Equal(
            [spanning.Id, endsAtFrom.Id, overlapsFrom.Id],
            await Ids(q => q with { To = At(10) }));
        // Bounds in another offset mean the same instants.
        Assert.Equal(
            [spanning.Id, overlapsFrom.Id, inside.Id, overlapsTo.Id],
            await Ids(q => q with { From = At(9).ToOffset(TimeSpan.FromHours(-4)), To = At(12).ToOffset(TimeSpan.FromHours(5)) }));
    }

    [Fact]
    public async Task The_longest_appointment_overlaps_a_period_that_starts_just_before_it_ends()
    {
        var longest = BookingRules.MaxDurationMinutes;
        var endsInside = Appointment(At(9).AddMinutes(1 - longest), longest);   // ends at 09:01
        var endsAtFrom = Appointment(At(9).AddMinutes(-longest), longest);      // ends at 09:00
        foreach (var a in new[] { endsInside, endsAtFrom }) await Apply(a);

        Assert.Equal([endsInside.Id], await Ids(q => q with { From = At(9), To = At(12) }));
        Assert.Equal([endsInside.Id], await Ids(q => q with { From = At(9) }));
        Assert.Equal([endsInside.Id], (await ReadModel.ListForReports(organization, centre, new TimeRange(At(9), At(12)), CancellationToken.None)).Select(a => a.Id));
    }

    [Fact]
    public async Task The_status_filter_takes_one_or_several_statuses()
    {
        var booked = Appointment(At(8));
        var arrived = Appointment(At(9), status: AppointmentStatus.Arrived);
        var noShow = Appointment(At(10), status: AppointmentStatus.NoShow);
        var cancelled = Appointment(At(11), status: AppointmentStatus.Cancelled);
        foreach (var a in new[] { booked, arrived, noShow, cancelled }) await Apply(a);

        Assert.Equal([noShow.Id], await Ids(q => q with { Statuses = [AppointmentStatus.NoShow] }));
        Assert.Equal([booked.Id, arrived.Id], await Ids(q => q with { Statuses = [AppointmentStatus.Booked, AppointmentStatus.Arrived] }));
        Assert.Empty(await Ids(q => q with { Statuses = [AppointmentStatus.Completed] }));
        Assert.Equal(4, (await Query(q => q with { Statuses = [] })).Total); // empty: every status
    }

    [Fact]
    public async Task The_resource_filter_finds_appointments_that_use_the_resource_among_others()
    {
        var annaAlone = Appointment(At(8), resources: [anna]);
        var annaWithRoom = Appointment(At(9), resources: [anna, room]);
        var bellaWithRoom = Appointment(At(10), resources: [bella, room]);
        foreach (var a in new[] { annaAlone, annaWithRoom, bellaWithRoom }) await Apply(a);

        Assert.Equal([annaAlone.Id, annaWithRoom.Id], await Ids(q => q with { ResourceId = anna }));
        Assert.Equal([annaWithRoom.Id, bellaWithRoom.Id], await Ids(q => q with { ResourceId = room }));
        Assert.Empty(await Ids(q => q with { ResourceId = Guid.NewGuid() }));
    }

    [Fact]
    public async Task The_any_of_resources_filter_finds_appointments_that_use_one_of_them()
    {
        var annaAlone = Appointment(At(8), resources: [anna]);
        var annaWithRoom = Appointment(At(9), resources: [anna, room]);
        var bellaAlone = Appointment(At(10), resources: [bella]);
        foreach (var a in new[] { annaAlone, annaWithRoom, bellaAlone }) await Apply(a);

        Assert.Equal([annaAlone.Id, annaWithRoom.Id, bellaAlone.Id], await Ids(q => q with { AnyResourceIds = [anna, bella] }));
        Assert.Equal([annaWithRoom.Id], await Ids(q => q with { AnyResourceIds = [room, Guid.NewGuid()] }));
        Assert.Empty(await Ids(q => q with { AnyResourceIds = [Guid.NewGuid()] }));
    }

    [Fact]
    public async Task The_client_filter_lists_one_clients_appointments()
    {
        var hers = Appointment(At(8), client: ewa);
        var someoneElses = Appointment(At(9), client: Guid.NewGuid());
        var aBreak = Appointment(At(10), client: null, kind: AppointmentKind.Break);
        foreach (var a in new[] { hers, someoneElses, aBreak }) await Apply(a);

        Assert.Equal([hers.Id], await Ids(q => q with { ClientId = ewa }));
    }

    [Fact]
    public async Task The_client_filter_finds_the_classes_the_client_has_a_seat_in_and_the_ids_filter_takes_a_clients_record()
    {
        var booked = Appointment(At(8), client: Guid.NewGuid()) with { Capacity = 4 };
        var joined = booked with { Id = Guid.NewGuid(), Start = At(9), Seats = [booked.ClientId!.Value, ewa] };
        var notJoined = booked with { Id = Guid.NewGuid(), Start = At(10), Seats = [booked.ClientId!.Value] };
        foreach (var a in new[] { booked, joined, notJoined }) await Apply(a);

        Assert.Equal([joined.Id], await Ids(q => q with { ClientId = ewa }));
        Assert.Equal([booked.Id, notJoined.Id], await Ids(q => q with { Ids = [notJoined.Id, booked.Id, Guid.NewGuid()] }));
        Assert.Empty(await Ids(q => q with { Ids = [] }));
    }

    [Fact]
    public async Task A_clients_agenda_parts_are_the_visits_still_to_come_and_every_other()
    {
        var now = At(12);
        var ahead = Appointment(At(14), client: ewa);
        var begun = Appointment(At(11, 30), client: ewa, status: AppointmentStatus.Arrived);
        var ended = Appointment(At(10), client: ewa);
        var cancelled = Appointment(At(15), client: ewa, status: AppointmentStatus.Cancelled);
        var completed = Appointment(At(8), client: ewa, status: AppointmentStatus.Completed);
        var seat = Appointment(At(16), client: Guid.NewGuid()) with { Capacity = 4 };
        seat = seat with { Seats = [seat.ClientId!.Value, ewa] };
        var left = seat with { Id = Guid.NewGuid(), Seats = [seat.ClientId!.Value] };
        var emptied = seat with { Id = Guid.NewGuid(), ClientId = null, Seats = [] };
        AppointmentView[] record = [ahead, begun, ended, cancelled, completed, seat, left, emptied];
        foreach (var a in record) await Apply(a);
        await Apply(Appointment(At(14), client: Guid.NewGuid()));
        Guid[] ids = [.. record.Select(a => a.Id)];

        Assert.Equal([begun.Id, ahead.Id, seat.Id], await Ids(q => q with { Ids = ids, Agenda = new ClientAgendaPart(ewa, now, Ahead: true) }));
        Assert.Equal(new[] { completed.Id, ended.Id, cancelled.Id, left.Id, emptied.Id }.Order(),
            (await Ids(q => q with { Ids = ids, Agenda = new ClientAgendaPart(ewa, now, Ahead: false) })).Order());
    }

    [Fact]
    public async Task The_list_tells_the_time_its_live_appointments_occupy_buffers_included()
    {
        var (live, past, cancelled) = (Appointment(At(9), resources: [anna, room]), Appointment(At(7), status: AppointmentStatus.Past), Appointment(At(10), status: AppointmentStatus.Cancelled));
        var (deleted, unheard) = (Appointment(At(11)), Guid.NewGuid());
        foreach (var appointment in new[] { live, past, cancelled }) await Apply(appointment);
        await Apply(deleted with { Version = 2 }, deleted: true);

        var occupancies = await ReadModel.Occupancies([live.Id, past.Id, cancelled.Id, deleted.Id, unheard], CancellationToken.None);

        Assert.Equal(
            new[] { (live.Id, $"{anna},{room}", new TimeRange(At(8, 55), At(10, 10))), (past.Id, $"{anna}", new TimeRange(At(6, 55), At(8, 10))) }.OrderBy(o => o.Item1),
            occupancies.OrderBy(o => o.AppointmentId).Select(o => (o.AppointmentId, string.Join(",", o.ResourceIds), o.Occupied)));
        Assert.Empty(await ReadModel.Occupancies([], CancellationToken.None));
    }

    [Fact]
    public async Task The_list_tells_which_appointments_it_has_heard_of_a_deleted_one_included()
    {
        var (listed, deleted, unheard) = (Appointment(At(9)), Appointment(At(10)), Guid.NewGuid());
        await Apply(listed);
        await Apply(deleted with { Version = 2 }, deleted: true);

        Assert.Equal(new[] { listed.Id, deleted.Id }.Order(), (await ReadModel.Listed([listed.Id, unheard, deleted.Id], CancellationToken.None)).Order());
        Assert.Empty(await ReadModel.Listed([], CancellationToken.None));
    }

    [Fact]
    public async Task A_page_newest_first_is_the_start_order_reversed()
    {
        var appointments = new[] { At(12), At(9), At(15), At(10), At(10), At(8), At(11) }.Select(start => Appointment(start)).ToArray();
        foreach (var a in appointments) await Apply(a);
        var newestFirst = appointments.OrderByDescending(a => a.Start).ThenByDescending(a => a.Id).Select(a => a.Id).ToArray();

        var pages = new List<AppointmentPage>();
        for (var page = 1; page <= 4; page++)
        {
            pages.Add(await ReadModel.QueryNewestFirst(new AppointmentQuery(organization) { Page = page, PageSize = 3 }, CancellationToken.None));
        }

        Assert.All(pages, p => Assert.Equal(7, p.Total));
        Assert.Equal(newestFirst, pages.SelectMany(p => p.Items).Select(a => a.Id));
        Assert.Equal([3, 3, 1, 0], pages.Select(p => p.Items.Length));
    }

    [Fact]
    public async Task Filters_combine()
    {
        var match = Appointment(At(9), location: centre, resources: [anna], client: ewa, status: AppointmentStatus.Arrived);
        AppointmentView[] misses =
        [
            match with { Id = Guid.NewGuid(), LocationId = harbour },
            match with { Id = Guid.NewGuid(), ResourceIds = [bella] },
            match with { Id = Guid.NewGuid(), ClientId = null },
            match with { Id = Guid.NewGuid(), Status = AppointmentStatus.Booked },
            match with { Id = Guid.NewGuid(), Start = At(20) },
        ];
        await Apply(match);
        foreach (var a in misses) await Apply(a);

        Assert.Equal([match.Id], await Ids(q => q with
        {
            LocationId = centre, ResourceId = anna, ClientId = ewa, Statuses = [AppointmentStatus.Arrived], From = At(8), To = At(12),
            AllowedLocationIds = [centre, harbour],
        }));
    }

    [Fact]
    public async Task A_location_limited_key_sees_only_its_locations()
    {
        var inCentre = Appointment(At(9), location: centre);
        var inHarbour = Appointment(At(10), location: harbour);
        await Apply(inCentre);
        await Apply(inHarbour);

        Assert.Equal([inCentre.Id], await Ids(q => q with { AllowedLocationIds = [centre] }));
        Assert.Equal([inCentre.Id, inHarbour.Id], await Ids(q => q with { AllowedLocationIds = [harbour, centre] }));
        Assert.Empty(await Ids(q => q with { AllowedLocationIds = [centre], LocationId = harbour }));
        var none = await Query(q => q with { AllowedLocationIds = [] });
        Assert.Equal(0, none.Total);
        Assert.Empty(none.Items);
    }

    [Fact]
    public async Task Pages_follow_the_start_order_and_every_page_tells_the_total()
    {
        // Seven appointments, three of them starting at the same instant: ties are ordered by id.
        var appointments = new[] { At(12), At(9), At(15), At(10), At(10), At(10), At(8) }
            .Select(start => Appointment(start))
            .ToArray();
        foreach (var a in appointments) await Apply(a);
        var expectedOrder = appointments.OrderBy(a => a.Start).ThenBy(a => a.Id).Select(a => a.Id).ToArray();

        var pages = new List<AppointmentPage>();
        for (var page = 1; page <= 4; page++) pages.Add(await Query(q => q with { Page = page, PageSize = 3 }));

        Assert.All(pages, p => Assert.Equal(7, p.Total));
        Assert.Equal([3, 3, 1, 0], pages.Select(p => p.Items.Length));
        Assert.Equal(expectedOrder, pages.SelectMany(p => p.Items).Select(a => a.Id));
        Assert.Equal((2, 3), (pages[1].Page, pages[1].PageSize));

        var all = await Query(q => q with { PageSize = AppointmentQuery.MaxPageSize });
        Assert.Equal(expectedOrder, all.Items.Select(a => a.Id));
    }

    [Theory]
    [InlineData(0, 50, false)]
    [InlineData(1, 0, false)]
    [InlineData(1, 501, false)]
    [InlineData(1, 50, true)]
    public async Task A_query_with_a_bad_page_or_period_is_refused(int page, int pageSize, bool periodReversed)
    {
        var query = new AppointmentQuery(organization) { Page = page, PageSize = pageSize };
        if (periodReversed) query = query with { From = At(12), To = At(12) };

        Assert.NotEmpty(query.Validate());
        await Assert.ThrowsAsync<ArgumentException>(() => ReadModel.Query(query, CancellationToken.None));
    }

    [Fact]
    public void A_query_names_its_errors_as_the_api_parameters()
    {
        var query = new AppointmentQuery(organization) { Page = 0, PageSize = 1000, From = At(12), To = At(9) };

        Assert.Equal(["page", "pageSize", "to"], query.Validate().Select(e => e.Field));
        Assert.Empty(new AppointmentQuery(organization).Validate());
    }

    [Fact]
    public async Task Reports_read_what_they_need_of_a_locations_live_appointments_overlapping_the_period()
    {
        var day = new TimeRange(At(6), At(18));
        var cancelled = Appointment(At(9), 45, client: ewa, resources: [anna, room], status: AppointmentStatus.Cancelled, source: "online",
            cancellation: new Cancellation(CancellationReason.Client, null, At(7), Actor.Staff("k", "Key")));
        var aBreak = Appointment(At(12), 30, source: null, kind: AppointmentKind.Break);
        var overlapping = Appointment(At(5), 120);
        var before = Appointment(At(4), 120);                           // ends at 06:00
        var elsewhere = Appointment(At(10), location: harbour);
        var deleted = Appointment(At(11));
        foreach (var a in new[] { cancelled, aBreak, overlapping, before, elsewhere, deleted }) await Apply(a);
        await Apply(deleted with { Version = 2 }, deleted: true);
        await Apply(Appointment(At(10), organizationId: Guid.NewGuid()));

        var found = (await ReadModel.ListForReports(organization, centre, day, CancellationToken.None))
            .OrderBy(a => a.Start).ToArray();

        Assert.Equal([overlapping.Id, cancelled.Id, aBreak.Id], found.Select(a => a.Id));
        var read = found[1];
        Assert.Equal(
            (AppointmentKind.Appointment, AppointmentStatus.Cancelled, "online", (CancellationReason?)CancellationReason.Client, At(9), At(9, 45)),
            (read.Kind, read.Status, read.Source, read.CancellationReason, read.Start, read.End));
        Assert.Equal([anna, room], read.ResourceIds);
        Assert.Equal((AppointmentKind.Break, (string?)null, (CancellationReason?)null), (found[2].Kind, found[2].Source, found[2].CancellationReason));
    }
}
