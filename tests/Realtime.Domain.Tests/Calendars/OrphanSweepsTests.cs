using Realtime.Grains.Domain.Calendars;
using Realtime.Grains.Interfaces.Calendars;
using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Projections;

namespace Realtime.Domain.Tests.Calendars;

public sealed class OrphanSweepsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly ReservationClaim UntilChanged = new(DateTimeOffset.MaxValue, GivesWayToStaff: false);

    private static OrphanSweeps Sweeps() => new(Minute, TimeSpan.FromHours(1));

    private static Reservation At(DateTimeOffset start) => new(Guid.NewGuid(), TimeRange.FromMinutes(start, 30));

    [Fact]
    public void The_first_sweep_starts_at_once_and_the_next_only_an_interval_later()
    {
        var sweeps = Sweeps();

        Assert.True(sweeps.Start(Now));
        Assert.False(sweeps.Start(Now.AddSeconds(59)));
        Assert.True(sweeps.Start(Now.AddMinutes(1)));
        Assert.False(sweeps.Start(Now.AddMinutes(1)));
    }

    [Fact]
    public void Only_reservations_not_yet_over_are_asked_about()
    {
        var (over, ending, later) = (At(Now.AddMinutes(-30)), At(Now.AddMinutes(-29)), At(Now.AddHours(2)));

        Assert.Equal([ending, later], Sweeps().ToAsk([over, ending, later], Now));
    }

    [Fact]
    public void A_bookings_answer_spares_the_question_for_the_trust_period_and_a_holds_until_it_expires()
    {
        var sweeps = Sweeps();
        var (booked, held) = (At(Now.AddDays(1)), At(Now.AddDays(1).AddHours(1)));

        sweeps.Answered(booked, UntilChanged, Now);
        sweeps.Answered(held, new ReservationClaim(Now.AddMinutes(5), GivesWayToStaff: false), Now);

        Assert.Empty(sweeps.ToAsk([booked, held], Now.AddMinutes(4)));
        Assert.Equal([held], sweeps.ToAsk([booked, held], Now.AddMinutes(5)));
        Assert.Equal([held], sweeps.ToAsk([booked, held], Now.AddMinutes(59)));
        Assert.Equal([booked, held], sweeps.ToAsk([booked, held], Now.AddHours(1)));
    }

    [Fact]
    public void A_forgotten_answer_is_asked_again()
    {
        var sweeps = Sweeps();
        var booked = At(Now.AddDays(1));
        sweeps.Answered(booked, UntilChanged, Now);

        sweeps.Forget(booked);

        Assert.Equal([booked], sweeps.ToAsk([booked], Now));
    }

    [Fact]
    public void Only_reservations_the_list_does_not_show_kept_exactly_so_on_the_resource_are_asked_about()
    {
        var (resource, other) = (Guid.NewGuid(), Guid.NewGuid());
        var (listed, unlisted, moved, elsewhere, hold) = (At(Now.AddHours(1)), At(Now.AddHours(2)), At(Now.AddHours(3)), At(Now.AddHours(4)), At(Now.AddHours(5)));
        var occupancies = new[]
        {
            new ListedOccupancy(listed.AppointmentId, [other, resource], listed.Occupied),
            new ListedOccupancy(moved.AppointmentId, [resource], TimeRange.FromMinutes(moved.Occupied.Start.AddMinutes(15), 30)),
            new ListedOccupancy(elsewhere.AppointmentId, [other], elsewhere.Occupied),
        };

        Assert.Equal([unlisted, moved, elsewhere, hold], OrphanSweeps.NotVouchedFor([listed, unlisted, moved, elsewhere, hold], resource, occupancies));
    }
}
