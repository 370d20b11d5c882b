namespace Realtime.Grains.Notifications;

/// <summary>
/// The notification outbox: written by <see cref="NotificationEffect"/> and <see cref="BirthdayGreetings"/>, worked
/// through by the dispatcher of every silo, read by the API. Safe for several dispatchers at once: a message is
/// claimed by one of them for a lease, and sent again only if that one neither finished nor failed it in time.
/// </summary>
public interface INotificationOutbox
{
    /// <summary>Queues messages; those already queued (same key, see <see cref="Notification"/>) are left as they are.</summary>
    /// <returns>How many were new.</returns>
    Task<int> Enqueue(IReadOnlyCollection<Notification> notifications, CancellationToken ct);

    /// <summary>Every message about one appointment of the organisation, oldest first.</summary>
    Task<Notification[]> ForAppointment(Guid organizationId, Guid appointmentId, CancellationToken ct);

    /// <summary>
    /// Claims up to <paramref name="max"/> messages that are due at <paramref name="now"/>: counts an attempt and moves
    /// their next attempt to <paramref name="leaseUntil"/>, so no other dispatcher takes them meanwhile. A message is
    /// never claimed while an earlier version about the same appointment waits for the same recipient on the same
    /// channel: deliveries follow the order of the changes.
    /// </summary>
    Task<Notification[]> ClaimDue(DateTimeOffset now, int max, DateTimeOffset leaseUntil, CancellationToken ct);

    /// <summary>How many messages are still to be sent (pending, or failed and to be retried).</summary>
    Task<long> CountWaiting(CancellationToken ct);

    Task MarkSent(Guid id, DateTimeOffset sentAt, CancellationToken ct);

    /// <summary>Records a failed attempt: tried again at <paramref name="retryAt"/>, or dead when it is null.</summary>
    Task MarkFailed(Guid id, string error, DateTimeOffset? retryAt, CancellationToken ct);
}
