using Realtime.Grains.Domain.Appointments;
using Realtime.Grains.Domain.Waitlist;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Interfaces.Waitlist;

namespace Realtime.Domain.Tests.Waitlist;

public class WaitlistRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Start = Now.AddDays(1).AddHours(2);
    private static readonly DateTimeOffset End = Start.AddHours(1);

    private static WaitlistEntry Waiting(Guid client, int addedMinutesAgo, DateTimeOffset? from = null, DateTimeOffset? to = null) =>
        new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), client, from, to, null, null, Now.AddMinutes(-addedMinutesAgo));

    private static WaitlistEntry Asap(Guid client, int addedMinutesAgo, DateTimeOffset appointmentStart) =>
        new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), client, null, null, Guid.NewGuid(), appointmentStart, Now.AddMinutes(-addedMinutesAgo));

    /// <summary>A client's booked appointment, flagged ASAP, of the waitlist's service and location.</summary>
    private static AppointmentView BookedAsap(WaitlistRef waitlist) => new(
        Guid.NewGuid(), 1, Guid.NewGuid(), waitlist.LocationId, AppointmentKind.Appointment, AppointmentStatus.Booked, [Guid.NewGuid()],
        [waitlist.ServiceId], Guid.NewGuid(), Start, 60, 0, 0, false, null, [], [], null, false, true, null, false, 0, null, [], Now, Now, [], 1);

    private static FreedSlot Freed(DateTimeOffset start, int minutes, int bufferBefore = 0, int bufferAfter = 0) =>
        new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), [Guid.NewGuid()], start,
            new TimeRange(start.AddMinutes(-bufferBefore), start.AddMinutes(minutes + bufferAfter)));

    [Fact]
    public void Candidates_come_earliest_entry_first_each_once()
    {
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        var candidates = WaitlistRules.Candidates([Waiting(b, 10), Waiting(a, 30), Waiting(c, 5), Asap(b, 40, End.AddDays(1))], Start, End, null);

        Assert.Equal([b, a, c], candidates);
    }

    [Fact]
    public void A_class_seat_goes_to_plain_entries_whose_window_holds_the_class_and_not_to_seat_holders()
    {
        var (holder, leaver, waiting, asapWaiting, outsideWindow) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var seat = new FreedSeat(Guid.NewGuid(), Guid.NewGuid(), leaver, [holder], [Guid.NewGuid()], Start, End);
        WaitlistEntry[] entries =
        [
            Waiting(holder, 50), Waiting(leaver, 40), Asap(asapWaiting, 30, End.AddDays(1)), Waiting(outsideWindow, 20, to: Start),
            Waiting(waiting, 10),
        ];

        Assert.Equal([waiting], WaitlistRules.SeatCandidates(entries, seat));
        Assert.True(WaitlistRules.MayMatter(new WaitlistNews(seat.AppointmentId, 3, null, null, seat), entries, false, default));
        Assert.False(WaitlistRules.MayMatter(new WaitlistNews(seat.AppointmentId, 3, null, null, seat), [], false, default));
    }

    [Fact]
    public void A_window_must_hold_the_whole_slot()
    {
        var (inside, tooLate, tooEarly, open) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        WaitlistEntry[] entries =
        [
            Waiting(inside, 4, Start.AddHours(-1), End.AddHours(1)),
            Waiting(tooLate, 3, from: Start.AddMinutes(1)),
            Waiting(tooEarly, 2, to: End.AddMinutes(-1)),
            Waiting(open, 1),
        ];

        Assert.Equal([inside, open], WaitlistRules.Candidates(entries, Start, End, null));
    }

    [Fact]
    public void An_ASAP_appointment_is_offered_only_earlier_time_and_nobody_gets_their_own_slot_back()
    {
        var (later, earlier, freer) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        WaitlistEntry[] entries = [Asap(later, 3, Start.AddHours(5)), Asap(earlier, 2, Start.AddMinutes(-30)), Waiting(freer, 1)];

        Assert.Equal([later], WaitlistRules.Candidates(entries, Start, End, freedBy: freer));
    }

    [Fact]
    public void An_ASAP_appointment_takes_up_the_offer_before_a_plain_entry_of_the_same_client()
    {
        var client = Guid.NewGuid();
        var asap = Asap(client, 1, Start.AddDays(2));

        Assert.Equal(asap, WaitlistRules.EntryFor([Waiting(client, 9), asap], client, Start, End));
        Assert.Null(WaitlistRules.EntryFor([Waiting(Guid.NewGuid(), 9)], client, Start, End));
    }

    [Fact]
    public void A_service_is_offered_at_the_freed_start_if_it_fits_the_freed_time_and_lies_ahead()
    {
        var thirty = new AppointmentTiming(30, 0, 0);

        Assert.Equal(Start, WaitlistRules.OfferStart(Freed(Start, 60), thirty, Now));
        Assert.Equal(Start, WaitlistRules.OfferStart(Freed(Start, 60), new AppointmentTiming(60, 0, 0), Now));
        Assert.Null(WaitlistRules.OfferStart(Freed(Start, 60), new AppointmentTiming(75, 0, 0), Now));
        Assert.Null(WaitlistRules.OfferStart(Freed(Start, 60), new AppointmentTiming(60, 10, 0), Now));
        Assert.Equal(Start, WaitlistRules.OfferStart(Freed(Start, 60, bufferBefore: 10), new AppointmentTiming(60, 10, 0), Now));
        Assert.Null(WaitlistRules.OfferStart(Freed(Now.AddMinutes(-5), 60), thirty, Now));
    }

    [Fact]
    public void An_offer_is_open_until_accepted_or_expired()
    {
        var offer = new SlotOffer(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), [], Start, End,
            Now.AddMinutes(5), [], OfferStatus.Open, null, null);

        Assert.True(WaitlistRules.IsOpen(offer, Now));
        Assert.False(WaitlistRules.IsOpen(offer, Now.AddMinutes(5)));
        Assert.False(WaitlistRules.IsOpen(offer with { Status = OfferStatus.Accepted }, Now));
    }

    [Fact]
    public void A_window_must_end_after_it_starts_and_in_the_future()
    {
        var client = Guid.NewGuid();
        var actor = new Actor(ActorKind.Client, client.ToString(), "client");

        Assert.Empty(WaitlistRules.Validate(new JoinWaitlist(Guid.NewGuid(), client, null, null, actor), Now));
        Assert.Equal(["to"], WaitlistRules.Validate(new JoinWaitlist(Guid.NewGuid(), client, Start, Start, actor), Now).Select(f => f.Field));
        Assert.Equal(["to"], WaitlistRules.Validate(new JoinWaitlist(Guid.NewGuid(), client, null, Now, actor), Now).Select(f => f.Field));
    }

    [Fact]
    public void Only_a_booked_ASAP_appointment_of_a_client_for_the_waitlists_service_and_location_waits()
    {
        var waitlist = new WaitlistRef(Guid.NewGuid(), Guid.NewGuid());
        var asap = BookedAsap(waitlist);

        Assert.True(WaitlistRules.WaitsAsap(asap, deleted: false, waitlist));
        Assert.False(WaitlistRules.WaitsAsap(asap, deleted: true, waitlist));
        Assert.False(WaitlistRules.WaitsAsap(asap with { Asap = false }, deleted: false, waitlist));
        Assert.False(WaitlistRules.WaitsAsap(asap with { Status = AppointmentStatus.Cancelled }, deleted: false, waitlist));
        Assert.False(WaitlistRules.WaitsAsap(asap with { ClientId = null }, deleted: false, waitlist));
        Assert.False(WaitlistRules.WaitsAsap(asap with { ServiceIds = [Guid.NewGuid()] }, deleted: false, waitlist));
        Assert.False(WaitlistRules.WaitsAsap(asap with { LocationId = Guid.NewGuid() }, deleted: false, waitlist));
    }

    [Fact]
    public void News_matters_while_someone_waits_for_freed_time_or_an_ASAP_appointment_waits_or_has_an_entry_or_news_is_pending()
    {
        var waitlist = new WaitlistRef(Guid.NewGuid(), Guid.NewGuid());
        var asap = BookedAsap(waitlist);
        var freed = new WaitlistNews(Guid.NewGuid(), 3, Freed(Start, 60), null);
        var waits = new WaitlistNews(asap.Id, 1, null, new AsapChange(asap, false));
        var leaves = waits with { Asap = new AsapChange(asap with { Asap = false }, false) };
        WaitlistEntry[] nobody = [];
        WaitlistEntry[] someone = [Waiting(Guid.NewGuid(), 5)];
        WaitlistEntry[] itsEntry = [Asap(asap.ClientId!.Value, 5, Start) with { AppointmentId = asap.Id }];

        Assert.False(WaitlistRules.MayMatter(freed, nobody, newsPending: false, waitlist));
        Assert.True(WaitlistRules.MayMatter(freed, someone, newsPending: false, waitlist));
        Assert.True(WaitlistRules.MayMatter(waits, nobody, newsPending: false, waitlist));
        Assert.False(WaitlistRules.MayMatter(leaves, someone, newsPending: false, waitlist));
        Assert.True(WaitlistRules.MayMatter(leaves, itsEntry, newsPending: false, waitlist));
        Assert.True(WaitlistRules.MayMatter(leaves, nobody, newsPending: true, waitlist));
        Assert.True(WaitlistRules.MayMatter(freed, nobody, newsPending: true, waitlist));
    }

    [Fact]
    public void Only_a_plain_entry_whose_window_ended_has_lapsed()
    {
        var client = Guid.NewGuid();

        Assert.True(WaitlistRules.Lapsed(Waiting(client, 10, to: Now), Now));
        Assert.False(WaitlistRules.Lapsed(Waiting(client, 10, to: Now.AddMinutes(1)), Now));
        Assert.False(WaitlistRules.Lapsed(Waiting(client, 10, from: Now.AddDays(-1)), Now));
        Assert.False(WaitlistRules.Lapsed(Asap(client, 10, Now.AddDays(-1)), Now));
    }

    [Fact]
    public void The_key_names_location_and_service_and_reads_back()
    {
        var (location, service) = (Guid.NewGuid(), Guid.NewGuid());

        Assert.Equal(new WaitlistRef(location, service), WaitlistRules.Parse(WaitlistRules.Key(location, service)));
    }

    [Fact]
    public void Freed_time_is_held_under_an_id_that_the_same_news_at_the_same_waitlist_gives_again_and_only_its_secret_gives()
    {
        var secret = Guid.NewGuid();
        var news = new WaitlistNews(Guid.NewGuid(), 4, Freed(Start, 60), null);
        var id = WaitlistRules.OfferHoldId(secret, news);

        Assert.Equal(id, WaitlistRules.OfferHoldId(secret, news with { Freed = Freed(Start, 60) }));
        Assert.NotEqual(id, WaitlistRules.OfferHoldId(secret, news with { Version = 5 }));
        Assert.NotEqual(id, WaitlistRules.OfferHoldId(secret, news with { AppointmentId = Guid.NewGuid() }));
        Assert.NotEqual(id, WaitlistRules.OfferHoldId(Guid.NewGuid(), news));
        Assert.NotEqual(news.AppointmentId, id);
    }
}
