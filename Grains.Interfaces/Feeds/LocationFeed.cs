using Realtime.Grains.Interfaces.Appointments;

namespace Realtime.Grains.Interfaces.Feeds;

/// <summary>
/// Where a location's feed stands. The epoch changes whenever the feed restarts; within an epoch the sequence
/// grows by one with every change, so a watcher that sees a gap or a new epoch knows it missed something.
/// </summary>
[GenerateSerializer, Immutable, Alias("realtime.feed-position")]
public sealed record FeedPosition(string Epoch, long Sequence);

[GenerateSerializer, Immutable, Alias("realtime.appointment-changed")]
public sealed record AppointmentChanged(Guid LocationId, string Epoch, long Sequence, bool Deleted, AppointmentView Appointment);

[Alias("realtime.location-feed-observer")]
public interface ILocationFeedObserver : IGrainObserver
{
    [Alias("changed"), OneWay]
    Task OnAppointmentChanged(AppointmentChanged change);
}

/// <summary>The ordered stream of changes at one location that front desks watch. Keyed by location id.</summary>
[Alias("realtime.location-feed")]
public interface ILocationFeedGrain : IGrainWithGuidKey
{
    /// <summary>Idempotent per appointment version: a repeated or older version is not published again.</summary>
    [Alias("publish")]
    Task<FeedPosition> Publish(AppointmentView appointment, bool deleted);

    [Alias("position"), AlwaysInterleave]
    Task<FeedPosition> Position();

    /// <summary>Subscribes or renews; a subscription not renewed within <see cref="SubscriptionLifetime"/> lapses.</summary>
    [Alias("subscribe")]
    Task<FeedPosition> Subscribe(ILocationFeedObserver observer);

    [Alias("unsubscribe")]
    Task Unsubscribe(ILocationFeedObserver observer);

    public static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromMinutes(1);
}
