using Realtime.Grains.Domain.Appointments;
using Realtime.Grains.Interfaces.Appointments;

namespace Realtime.Grains.Appointments;

/// <summary>
/// A recorded change whose side effects have not yet been handed on; dispatched at least once, in version order.
/// <see cref="Freed"/> is the calendar time the change gave up, if any, and <see cref="LeftServiceIds"/> the services it
/// took off the appointment (both for the waitlists). Who made the change is in the history entry of its version.
/// </summary>
public sealed record OutboxEntry(
    long Version, AppointmentChangeKind Change, bool NotifyClient, bool NotifyResource, bool Blacklist, Occupancy? Freed = null,
    Guid[]? LeftServiceIds = null);

/// <summary>Immutable, so a refused or failed change never leaves half-applied state behind.</summary>
public sealed record AppointmentState
{
    public Guid Id { get; init; }
    public long Version { get; init; }
    public bool Deleted { get; init; }
    public Guid OrganizationId { get; init; }
    public Guid LocationId { get; init; }
    public AppointmentKind Kind { get; init; }
    public AppointmentStatus Status { get; init; }
    public Guid[] ResourceIds { get; init; } = [];
    public Guid[] ServiceIds { get; init; } = [];
    public Guid? ClientId { get; init; }
    public DateTimeOffset Start { get; init; }
    public AppointmentTiming Timing { get; init; }
    public bool Confirmed { get; init; }

    /// <summary>See <see cref="AppointmentView.InsideReminderWindow"/>.</summary>
    public bool? InsideReminderWindow { get; init; }
    public decimal? Price { get; init; }
    public string[] Labels { get; init; } = [];
    public AppointmentComment[] Comments { get; init; } = [];
    public string? Notes { get; init; }
    public bool FirstConsultation { get; init; }
    public bool Asap { get; init; }
    public string? Source { get; init; }
    public bool PaymentDue { get; init; }
    public int ClientReschedules { get; init; }
    public Guid[] Seats { get; init; } = [];
    public int Capacity { get; init; } = 1;
    public Cancellation? Cancellation { get; init; }
    public HistoryEntry[] History { get; init; } = [];
    public OutboxEntry[] Outbox { get; init; } = [];

    /// <summary>When it was booked: its first change. Derived, not stored, as are <see cref="UpdatedAt"/> and the outbox's actors.</summary>
    public DateTimeOffset CreatedAt => History.Length > 0 ? History[0].At : default;

    public DateTimeOffset UpdatedAt => History.Length > 0 ? History[^1].At : default;

    /// <summary>Who made the change of this version.</summary>
    public Actor ActorOf(long version) => History.Last(h => h.Version == version).Actor;

    public bool Exists => Version > 0 && !Deleted;

    public DateTimeOffset End => Start.AddMinutes(Timing.DurationMinutes);

    /// <summary>The calendar time this appointment holds: none once cancelled, a no-show or deleted.</summary>
    public Occupancy? Occupancy =>
        Version > 0 && !Deleted && AppointmentTransitions.OccupiesTime(Status)
            ? new Occupancy(ResourceIds, Timing.Occupied(Start))
            : null;

    /// <summary>
    /// Whether the stored outbox was handed on already, given the version the appointment list holds: the list is the last
    /// effect but the live feed, so holding the change's version means the effects before it ran. That holds for an outbox
    /// of one change only: with more, handing the first on lists the appointment as it is now, at the last change's
    /// version, before the later changes' effects run.
    /// </summary>
    public bool OutboxHandedOn(long? listedVersion) => ListVouchesForOutbox && listedVersion >= Outbox[0].Version;

    /// <summary>Whether the list can tell if the outbox was handed on at all (see <see cref="OutboxHandedOn"/>).</summary>
    public bool ListVouchesForOutbox => Outbox.Length == 1;

    /// <summary>The appointment as callers see it, its times in UTC whatever offset they were given in (an end worked out in the
    /// start's offset would read an hour off across a change of the clocks).</summary>
    public AppointmentView ToView() => new(
        Id, Version, OrganizationId, LocationId, Kind, Status, ResourceIds, ServiceIds, ClientId, Start.ToUniversalTime(),
        Timing.DurationMinutes, Timing.BufferBeforeMinutes, Timing.BufferAfterMinutes, Confirmed, Price, Labels,
        Comments, Notes, FirstConsultation, Asap, Source, PaymentDue, ClientReschedules, Cancellation, History,
        CreatedAt, UpdatedAt, Seats, Capacity, InsideReminderWindow);
}

public sealed record Occupancy(Guid[] ResourceIds, TimeRange Occupied)
{
    public IEnumerable<(Guid ResourceId, TimeRange Occupied)> Claims => ResourceIds.Select(r => (r, Occupied));

    /// <summary>What <paramref name="before"/> occupied that <paramref name="after"/> no longer does, as one whole.</summary>
    public static Occupancy? Freed(Occupancy? before, Occupancy? after) =>
        before is not null && (after is null || after.Occupied != before.Occupied || !after.ResourceIds.Order().SequenceEqual(before.ResourceIds.Order()))
            ? before
            : null;
}
