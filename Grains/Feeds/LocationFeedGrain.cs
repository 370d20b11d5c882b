using Microsoft.Extensions.Logging;
using Orleans.Utilities;
using Realtime.Grains.Domain.Holds;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Feeds;
using Realtime.Grains.Interfaces.Holds;

namespace Realtime.Grains.Feeds;

/// <summary>
/// Keeps nothing durable: the appointments are the truth and the calendar snapshot is rebuilt from the read model.
/// A new activation starts a new epoch, which tells every watcher to reload. The live holds are kept here in memory for
/// the snapshot; one the feed never heard released drops out when it expires.
/// </summary>
public sealed class LocationFeedGrain(ILogger<LocationFeedGrain> logger, TimeProvider time) : Grain, ILocationFeedGrain
{
    private const int RememberedAppointments = 20_000;
    private readonly ObserverManager<ILocationFeedObserver> observers = new(ILocationFeedGrain.SubscriptionLifetime, logger);
    private readonly Dictionary<Guid, (long Version, bool Deleted)> published = [];
    private readonly Queue<Guid> publishOrder = new();
    private readonly Dictionary<Guid, HoldView> holds = [];
    private readonly string epoch = Guid.NewGuid().ToString("N")[..12];
    private long sequence;

    private Guid LocationId => this.GetPrimaryKey();

    private FeedPosition Current => new(epoch, sequence);

    public Task<FeedPosition> Publish(AppointmentView appointment, bool deleted)
    {
        if (!Remember(appointment.Id, (appointment.Version, deleted))) return Task.FromResult(Current);
        var change = new AppointmentChanged(LocationId, epoch, ++sequence, deleted, appointment, time.GetUtcNow());
        observers.ClearExpired();
        observers.Notify(observer => observer.OnAppointmentChanged(change));
        return Task.FromResult(Current);
    }

    /// <summary>Remembered with this location's own appointments: an appointment never changes its location, so ids do not meet.</summary>
    public Task<FeedPosition> PublishElsewhere(Guid appointmentId, long version, bool deleted, BusyElsewhere? busy)
    {
        if (!Remember(appointmentId, (version, deleted))) return Task.FromResult(Current);
        var change = new BusyElsewhereChanged(LocationId, epoch, ++sequence, appointmentId, busy, time.GetUtcNow());
        observers.ClearExpired();
        observers.Notify(observer => observer.OnBusyElsewhereChanged(change));
        return Task.FromResult(Current);
    }

    public Task<FeedPosition> PublishHold(HoldView hold, bool released)
    {
        var now = time.GetUtcNow();
        foreach (var expired in holds.Values.Where(h => !HoldRules.IsLive(h, now)).ToList()) holds.Remove(expired.Id);
        if (released) holds.Remove(hold.Id);
        else holds[hold.Id] = hold;

        var change = new HoldChanged(LocationId, epoch, ++sequence, released, hold, now);
        observers.ClearExpired();
        observers.Notify(observer => observer.OnHoldChanged(change));
        return Task.FromResult(Current);
    }

    public Task<FeedPosition> PublishSchedule(Guid resourceId)
    {
        var change = new ScheduleChanged(LocationId, epoch, ++sequence, resourceId, time.GetUtcNow());
        observers.ClearExpired();
        observers.Notify(observer => observer.OnScheduleChanged(change));
        return Task.FromResult(Current);
    }

    public Task<(FeedPosition Position, HoldView[] Holds)> Holds()
    {
        var now = time.GetUtcNow();
        return Task.FromResult((Current, holds.Values.Where(h => HoldRules.IsLive(h, now)).OrderBy(h => h.Start).ToArray()));
    }

    public Task<FeedPosition> Position() => Task.FromResult(Current);

    public Task<FeedPosition> Subscribe(ILocationFeedObserver observer)
    {
        observers.Subscribe(observer, observer);
        return Task.FromResult(Current);
    }

    public Task Unsubscribe(ILocationFeedObserver observer)
    {
        observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Remembers a version to publish, answering false for one published already or older than one published (a delete
    /// comes with the version it deletes). Forgetting an old appointment only risks publishing a duplicate, which
    /// watchers ignore by version.
    /// </summary>
    private bool Remember(Guid appointmentId, (long Version, bool Deleted) seen)
    {
        if (published.TryGetValue(appointmentId, out var known)
            && (known.Version > seen.Version || (known.Version == seen.Version && (known.Deleted || !seen.Deleted))))
        {
            return false;
        }

        if (!published.ContainsKey(appointmentId))
        {
            publishOrder.Enqueue(appointmentId);
            if (publishOrder.Count > RememberedAppointments) published.Remove(publishOrder.Dequeue());
        }

        published[appointmentId] = seen;
        return true;
    }
}
