using System.Collections.Concurrent;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Feeds;
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
}
