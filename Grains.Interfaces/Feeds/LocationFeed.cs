using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Holds;

namespace Realtime.Grains.Interfaces.Feeds;

/// <summary>
/// Where a location's feed stands. The epoch changes whenever the feed restarts; within an epoch the sequence
/// grows by one with every change, so a watcher that sees a gap or a new epoch knows it missed something.
/// </summary>
[GenerateSerializer, Immutable, Alias("realtime.feed-position")]
public sealed record FeedPosition(string Epoch, long Sequence);

/// <summary>One numbered change of a location's feed.</summary>
public interface IFeedChange
{
    string Epoch { get; }

    long Sequence { get; }

    /// <summary>When the feed published it: the relay measures the fan-out to the desks from here.</summary>
    DateTimeOffset PublishedAt { get; }
}

[GenerateSerializer, Immutable, Alias("realtime.appointment-changed")]
public sealed record AppointmentChanged(
    Guid LocationId, string Epoch, long Sequence, bool Deleted, AppointmentView Appointment, DateTimeOffset PublishedAt) : IFeedChange;

/// <summary>A slot hold taken, or <see cref="Released"/> (freed, booked or expired).</summary>
[GenerateSerializer, Immutable, Alias("realtime.hold-changed")]
public sealed record HoldChanged(
    Guid LocationId, string Epoch, long Sequence, bool Released, HoldView Hold, DateTimeOffset PublishedAt) : IFeedChange;

/// <summary>A resource's working hours or dated exceptions at the location changed: watchers read the day again.</summary>
[GenerateSerializer, Immutable, Alias("realtime.schedule-changed")]
public sealed record ScheduleChanged(Guid LocationId, string Epoch, long Sequence, Guid ResourceId, DateTimeOffset PublishedAt) : IFeedChange;

/// <summary>
/// Time that resources shown at a location's desk are taken at another location of the organisation: a visit's occupied
/// time (buffers included) or a break there, for the <see cref="ResourceIds"/> shown at the desk. Deliberately bare: a
/// key limited to the desk's location learns nothing of the other location's client, notes or price.
/// </summary>
[GenerateSerializer, Immutable, Alias("realtime.busy-elsewhere")]
public sealed record BusyElsewhere(
    Guid AppointmentId, Guid[] ResourceIds, DateTimeOffset Start, DateTimeOffset End, Guid LocationId, string LocationName, AppointmentKind Kind);

/// <summary>
/// A visit at another location that takes (<see cref="Busy"/>) or no longer takes (null: moved away, cancelled, deleted)
/// time of resources shown at this location.
/// </summary>
[GenerateSerializer, Immutable, Alias("realtime.busy-elsewhere-changed")]
public sealed record BusyElsewhereChanged(
    Guid LocationId, string Epoch, long Sequence, Guid AppointmentId, BusyElsewhere? Busy, DateTimeOffset PublishedAt) : IFeedChange;

[Alias("realtime.location-feed-observer")]
public interface ILocationFeedObserver : IGrainObserver
{
    [Alias("changed"), OneWay]
    Task OnAppointmentChanged(AppointmentChanged change);

    [Alias("hold-changed"), OneWay]
    Task OnHoldChanged(HoldChanged change);

    [Alias("schedule-changed"), OneWay]
    Task OnScheduleChanged(ScheduleChanged change);

    [Alias("busy-elsewhere-changed"), OneWay]
    Task OnBusyElsewhereChanged(BusyElsewhereChanged change);
}

/// <summary>The ordered stream of changes at one location that front desks watch. Keyed by location id.</summary>
[Alias("realtime.location-feed")]
public interface ILocationFeedGrain : IGrainWithGuidKey
{
    /// <summary>Idempotent per appointment version: a repeated or older version is not published again.</summary>
    [Alias("publish")]
    Task<FeedPosition> Publish(AppointmentView appointment, bool deleted);

    /// <summary>A hold taken or released, numbered in the same sequence as the appointments' changes.</summary>
    [Alias("publish-hold")]
    Task<FeedPosition> PublishHold(HoldView hold, bool released);

    /// <summary>
    /// A visit at another location changed that occupies, or occupied, resources shown here; <paramref name="busy"/> is
    /// what it takes of them now (null: nothing). Idempotent per appointment version as <see cref="Publish"/> is.
    /// </summary>
    [Alias("publish-elsewhere")]
    Task<FeedPosition> PublishElsewhere(Guid appointmentId, long version, bool deleted, BusyElsewhere? busy);

    /// <summary>
    /// A resource's schedule at the location changed (time off, hours), numbered in the same sequence: which visits lie
    /// outside working time may have changed with it, and only a new snapshot says.
    /// </summary>
    [Alias("publish-schedule")]
    Task<FeedPosition> PublishSchedule(Guid resourceId);

    /// <summary>The location's live holds, as of the position returned with them (kept in memory by the feed).</summary>
    [Alias("holds")]
    Task<(FeedPosition Position, HoldView[] Holds)> Holds();

    [Alias("position"), AlwaysInterleave]
    Task<FeedPosition> Position();

    /// <summary>Subscribes or renews; a subscription not renewed within <see cref="SubscriptionLifetime"/> lapses.</summary>
    [Alias("subscribe")]
    Task<FeedPosition> Subscribe(ILocationFeedObserver observer);

    [Alias("unsubscribe")]
    Task Unsubscribe(ILocationFeedObserver observer);

    public static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromMinutes(1);
}
