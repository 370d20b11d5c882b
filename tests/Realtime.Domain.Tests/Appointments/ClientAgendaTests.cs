using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Projections;

namespace Realtime.Domain.Tests.Appointments;

public sealed class ClientAgendaTests
{
    private static readonly Guid Ann = Guid.NewGuid();
    private static readonly Guid Bea = Guid.NewGuid();
    private static readonly DateTimeOffset Now = new(2026, 6, 8, 12, 0, 0, TimeSpan.FromHours(2));

    private static AppointmentView Visit(
        int startsInHours, AppointmentStatus status = AppointmentStatus.Booked, Guid? client = null, Guid[]? seats = null, int capacity = 1) => new(
        Guid.NewGuid(), 1, Guid.NewGuid(), Guid.NewGuid(), AppointmentKind.Appointment, status, [], [], client ?? Ann,
        Now.AddHours(startsInHours), 60, 0, 0, false, null, [], [], null, false, false, null, false, 0, null, [],
        Now, Now, seats ?? [client ?? Ann], capacity);

    [Fact]
    public void A_visit_is_ahead_while_booked_or_arrived_until_it_ends_and_only_for_whoever_holds_it()
    {
        Assert.True(ClientAgenda.IsAhead(Visit(48), Ann, Now));
        Assert.True(ClientAgenda.IsAhead(Visit(0, AppointmentStatus.Arrived), Ann, Now)); // begun, not ended
        Assert.False(ClientAgenda.IsAhead(Visit(-1), Ann, Now)); // ended just now, no outcome yet
        Assert.False(ClientAgenda.IsAhead(Visit(48, AppointmentStatus.Cancelled), Ann, Now));
        Assert.False(ClientAgenda.IsAhead(Visit(0, AppointmentStatus.Completed), Ann, Now));
        Assert.False(ClientAgenda.IsAhead(Visit(48), Bea, Now));

        var yoga = Visit(48, client: Bea, seats: [Bea, Ann], capacity: 8);
        Assert.True(ClientAgenda.IsAhead(yoga, Ann, Now));
        Assert.False(ClientAgenda.IsAhead(yoga with { Seats = [Bea] }, Ann, Now)); // a class she left
        Assert.False(ClientAgenda.IsAhead(yoga with { ClientId = null, Seats = [] }, Ann, Now));
    }

    [Fact]
    public void Visits_ahead_and_classes_are_asked_themselves_the_rest_is_read_from_the_list()
    {
        Assert.True(ClientAgenda.AskItself(Visit(48), Ann, Now));
        Assert.True(ClientAgenda.AskItself(Visit(-48, AppointmentStatus.Completed, capacity: 8), Ann, Now));
        Assert.False(ClientAgenda.AskItself(Visit(-48, AppointmentStatus.Completed), Ann, Now));
        Assert.False(ClientAgenda.AskItself(Visit(48, AppointmentStatus.Cancelled), Ann, Now));
    }

    [Fact]
    public void The_visits_ahead_come_the_next_first_and_the_others_the_latest_first()
    {
        var (soon, later, past) = (Visit(2), Visit(48), Visit(-48));

        Assert.Equal([soon, later], new[] { later, soon }.Order(ClientAgenda.SoonestFirst));
        Assert.Equal([later, soon, past], new[] { soon, past, later }.Order(ClientAgenda.LatestFirst));
    }

    [Fact]
    public void A_page_shows_each_visit_as_it_now_is_and_leaves_out_one_that_left_its_part()
    {
        var (moved, cancelled, kept) = (Visit(24), Visit(48), Visit(72));
        var listed = new AppointmentPage(3, 1, 20, [moved, cancelled, kept]);
        AppointmentView?[] current = [moved with { Start = Now.AddHours(96) }, cancelled with { Status = AppointmentStatus.Cancelled }, kept];

        var page = ClientAgenda.Current(listed, current, [], Ahead, ClientAgenda.SoonestFirst);

        Assert.Equal([kept.Id, moved.Id], page.Items.Select(a => a.Id));
        Assert.Equal(96, (page.Items[1].Start - Now).TotalHours);
        Assert.Equal(2, page.Total);
    }

    [Fact]
    public void A_gone_visit_is_left_out()
    {
        var (deleted, kept) = (Visit(24), Visit(48));

        var page = ClientAgenda.Current(new AppointmentPage(2, 1, 20, [deleted, kept]), [null, kept], [], Ahead, ClientAgenda.SoonestFirst);

        Assert.Equal([kept], page.Items);
        Assert.Equal(1, page.Total);
    }

    [Fact]
    public void A_visit_the_list_has_not_heard_of_yet_joins_the_page_its_place_is_on()
    {
        var pageOne = new AppointmentPage(4, 1, 2, [Visit(10), Visit(20)]);
        var pageTwo = new AppointmentPage(4, 2, 2, [Visit(30), Visit(40)]);
        var (first, between, last, cancelled) = (Visit(5), Visit(25), Visit(50), Visit(1, AppointmentStatus.Cancelled));

        Assert.Equal([first.Id], Added(pageOne, first, between, last, cancelled));
        Assert.Equal([last.Id], Added(pageTwo, first, between, last, cancelled)); // the last page takes what comes after it
        Assert.Equal(7, ClientAgenda.Current(pageTwo, pageTwo.Items, [first, between, last, cancelled], Ahead, ClientAgenda.SoonestFirst).Total);
        // Between two pages, it goes to neither: the next reload lists it.
        Assert.Empty(Added(new AppointmentPage(5, 2, 2, [Visit(30), Visit(40)]), Visit(45)));
        Assert.Equal([first.Id], Added(new AppointmentPage(0, 1, 20, []), first));
        Assert.Empty(Added(new AppointmentPage(0, 2, 20, []), first));
    }

    private static bool Ahead(AppointmentView appointment) => ClientAgenda.IsAhead(appointment, Ann, Now);

    private static Guid[] Added(AppointmentPage listed, params AppointmentView[] notListed) =>
        [.. ClientAgenda.Current(listed, listed.Items, notListed, Ahead, ClientAgenda.SoonestFirst).Items.Select(a => a.Id).Except(listed.Items.Select(a => a.Id))];
}
