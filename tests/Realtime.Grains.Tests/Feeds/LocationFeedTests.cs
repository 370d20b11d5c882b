using System.Collections.Concurrent;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Interfaces.Feeds;
using Realtime.Grains.Interfaces.Organizations;
using Realtime.Grains.Interfaces.Resources;

namespace Realtime.Grains.Tests.Feeds;

[Collection(MemoryClusterCollection.Name)]
public sealed class LocationFeedTests(MemoryClusterFixture fixture)
{
    private sealed class Watcher : ILocationFeedObserver
    {
        public ConcurrentQueue<AppointmentChanged> Seen { get; } = new();

        public ConcurrentQueue<HoldChanged> Holds { get; } = new();

        public ConcurrentQueue<ScheduleChanged> Schedules { get; } = new();

        public ConcurrentQueue<BusyElsewhereChanged> Elsewhere { get; } = new();

        public Task OnBusyElsewhereChanged(BusyElsewhereChanged change)
        {
            Elsewhere.Enqueue(change);
            return Task.CompletedTask;
        }

        public Task OnAppointmentChanged(AppointmentChanged change)
        {
            Seen.Enqueue(change);
            return Task.CompletedTask;
        }

        public Task OnHoldChanged(HoldChanged change)
        {
            Holds.Enqueue(change);
            return Task.CompletedTask;
        }

        public Task OnScheduleChanged(ScheduleChanged change)
        {
            Schedules.Enqueue(change);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task Each_appointment_version_is_published_once_with_the_next_sequence_number()
    {
        var chain = await Chain.Create(fixture.Grains);
        var staff = await chain.AddResource();
        var feed = fixture.Grains.GetGrain<ILocationFeedGrain>(chain.LocationId);
        var watcher = new Watcher();
        var reference = fixture.Grains.CreateObjectReference<ILocationFeedObserver>(watcher);
        var start = await feed.Subscribe(reference);

        var (id, booked) = await chain.Book(chain.Booking([staff], chain.Local(2, 10)));
        var confirmed = Chain.Ok(await fixture.Grains.GetGrain<IAppointmentGrain>(id).Confirm(Chain.Desk));
        await feed.Publish(booked, deleted: false);
        await feed.Publish(confirmed, deleted: false);
        var end = await feed.Publish(confirmed, deleted: true);

        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (watcher.Seen.Count < 3 && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.Equal([(1L, false), (2L, false), (2L, true)], watcher.Seen.OrderBy(c => c.Sequence).Select(c => (c.Appointment.Version, c.Deleted)));
        Assert.Equal(Enumerable.Range(1, 3).Select(i => start.Sequence + i), watcher.Seen.Select(c => c.Sequence).Order());
        Assert.Equal(start.Sequence + 3, end.Sequence);
        Assert.All(watcher.Seen, c => Assert.Equal(start.Epoch, c.Epoch));
        fixture.Grains.DeleteObjectReference<ILocationFeedObserver>(reference);
    }

    [Fact]
    public async Task Time_off_tells_the_desks_of_its_location_in_the_feeds_sequence()
    {
        var chain = await Chain.Create(fixture.Grains);
        var staff = await chain.AddResource();
        var feed = fixture.Grains.GetGrain<ILocationFeedGrain>(chain.LocationId);
        var watcher = new Watcher();
        var reference = fixture.Grains.CreateObjectReference<ILocationFeedObserver>(watcher);
        var start = await feed.Subscribe(reference);

        var dayOff = new ScheduleException(Guid.NewGuid(), chain.LocationId, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3), ScheduleExceptionKind.TimeOff, null, null, "sick");
        Assert.True((await fixture.Grains.GetGrain<IResourceGrain>(staff).AddException(dayOff)).IsSuccess);

        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (watcher.Schedules.IsEmpty && DateTime.UtcNow < deadline) await Task.Delay(20);
        var change = Assert.Single(watcher.Schedules);
        Assert.Equal((staff, start.Epoch, start.Sequence + 1), (change.ResourceId, change.Epoch, change.Sequence));
        fixture.Grains.DeleteObjectReference<ILocationFeedObserver>(reference);
    }

    [Fact]
    public async Task A_visit_at_another_location_tells_the_desks_where_its_staff_also_works_and_takes_it_back_when_cancelled()
    {
        var (chain, other, shared, onlyThere) = await TwoLocations();
        var (feed, watcher, reference, start) = await Watch(chain.LocationId);

        var (id, booked) = await chain.Book(chain.Booking([shared, onlyThere], chain.Local(2, 15)) with { LocationId = other });
        var taken = await Next(watcher, 1);
        Assert.Equal((start.Epoch, start.Sequence + 1, id), (taken.Epoch, taken.Sequence, taken.AppointmentId));
        var busy = taken.Busy!;
        Assert.Equal((id, booked.Start, booked.End, other, "Old town", AppointmentKind.Appointment), (busy.AppointmentId, busy.Start, busy.End, busy.LocationId, busy.LocationName, busy.Kind));
        Assert.Equal([shared], busy.ResourceIds); // not Olga, whom this desk does not show

        Chain.Ok(await fixture.Grains.GetGrain<IAppointmentGrain>(id).Cancel(new CancelAppointment(CancellationReason.Business, null, false, false, null, Chain.Desk)));
        var freed = await Next(watcher, 2);
        Assert.Equal((start.Sequence + 2, id, (BusyElsewhere?)null), (freed.Sequence, freed.AppointmentId, freed.Busy));
        fixture.Grains.DeleteObjectReference<ILocationFeedObserver>(reference);
        Assert.Equal(start.Sequence + 2, (await feed.Position()).Sequence);
    }

    [Fact]
    public async Task A_visit_moved_to_staff_who_does_not_work_here_leaves_this_desk()
    {
        var (chain, other, shared, onlyThere) = await TwoLocations();
        var (_, watcher, reference, _) = await Watch(chain.LocationId);

        var (id, _) = await chain.Book(chain.Booking([shared], chain.Local(2, 15)) with { LocationId = other });
        Assert.NotNull((await Next(watcher, 1)).Busy);
        Chain.Ok(await fixture.Grains.GetGrain<IAppointmentGrain>(id).Reschedule(new RescheduleAppointment(chain.Local(2, 16), [onlyThere], false, false, Chain.Desk)));
        var moved = await Next(watcher, 2);
        Assert.Equal((id, (BusyElsewhere?)null), (moved.AppointmentId, moved.Busy));
        fixture.Grains.DeleteObjectReference<ILocationFeedObserver>(reference);
    }

    [Fact]
    public async Task A_visit_of_staff_working_only_at_its_own_location_tells_no_other_desk()
    {
        var (chain, other, shared, onlyThere) = await TwoLocations();
        var (_, watcher, reference, _) = await Watch(chain.LocationId);

        var (id, _) = await chain.Book(chain.Booking([onlyThere], chain.Local(2, 15)) with { LocationId = other });
        // Its next version concerns this desk: the changes of an appointment are handed on in version order, so once
        // the second is here, the first would have been too.
        var moved = Chain.Ok(await fixture.Grains.GetGrain<IAppointmentGrain>(id).Reschedule(new RescheduleAppointment(chain.Local(2, 17), [shared], false, false, Chain.Desk)));
        var change = await Next(watcher, 1);
        Assert.Equal((id, moved.Start), (change.AppointmentId, change.Busy?.Start));
        fixture.Grains.DeleteObjectReference<ILocationFeedObserver>(reference);
    }

    [Fact]
    public async Task A_busy_elsewhere_version_is_published_once()
    {
        var feed = fixture.Grains.GetGrain<ILocationFeedGrain>(Guid.NewGuid());
        var appointmentId = Guid.NewGuid();
        var busy = new BusyElsewhere(appointmentId, [Guid.NewGuid()], DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(1), Guid.NewGuid(), "B", AppointmentKind.Break);
        var first = await feed.PublishElsewhere(appointmentId, 2, false, busy);
        Assert.Equal(first, await feed.PublishElsewhere(appointmentId, 2, false, busy));
        Assert.Equal(first, await feed.PublishElsewhere(appointmentId, 1, false, busy));
        Assert.Equal(first.Sequence + 1, (await feed.PublishElsewhere(appointmentId, 2, true, null)).Sequence);
    }

    /// <summary>A chain with a second location, the Old town, where Marta works afternoons (mornings at the first) and Olga all day.</summary>
    private async Task<(Chain Chain, Guid OldTown, Guid Marta, Guid Olga)> TwoLocations()
    {
        var chain = await Chain.Create(fixture.Grains);
        var oldTown = Guid.NewGuid();
        Chain.Ok(await fixture.Grains.GetGrain<ILocationGrain>(oldTown).Create(
            chain.OrganizationId, new LocationDefinition("Old town", null, "Europe/Warsaw", LocationPolicy.Default)));
        return (chain, oldTown, await AddResource(chain, "Marta", chain.LocationId, oldTown), await AddResource(chain, "Olga", oldTown));
    }

    /// <summary>A resource working every day at these locations: at one, 07:00-21:00; at two, mornings at the first and 14:00-21:00 at the second.</summary>
    private async Task<Guid> AddResource(Chain chain, string name, params Guid[] locationIds)
    {
        var id = Guid.NewGuid();
        var shifts = locationIds.Length == 1 ? [(7, 21)] : new[] { (7, 14), (14, 21) };
        WeeklyHours[] hours = [.. locationIds.Zip(shifts).SelectMany(l => Enum.GetValues<DayOfWeek>().Select(d => new WeeklyHours(l.First, d, new TimeOnly(l.Second.Item1, 0), new TimeOnly(l.Second.Item2, 0))))];
        Chain.Ok(await fixture.Grains.GetGrain<IResourceGrain>(id).Create(chain.OrganizationId, new ResourceDefinition(name, ResourceKind.Staff, hours)));
        return id;
    }

    private async Task<(ILocationFeedGrain Feed, Watcher Watcher, ILocationFeedObserver Reference, FeedPosition Start)> Watch(Guid locationId)
    {
        var feed = fixture.Grains.GetGrain<ILocationFeedGrain>(locationId);
        var watcher = new Watcher();
        var reference = fixture.Grains.CreateObjectReference<ILocationFeedObserver>(watcher);
        return (feed, watcher, reference, await feed.Subscribe(reference));
    }

    private static async Task<BusyElsewhereChanged> Next(Watcher watcher, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (watcher.Elsewhere.Count < count && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.Equal(count, watcher.Elsewhere.Count);
        return watcher.Elsewhere.OrderBy(c => c.Sequence).Last();
    }
}
