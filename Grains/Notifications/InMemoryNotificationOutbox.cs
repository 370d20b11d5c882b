using Realtime.Grains.Domain.Notifications;

namespace Realtime.Grains.Notifications;

/// <summary>The outbox in process memory, for the in-memory demo mode (one silo) and tests: the same rules as the table.</summary>
public sealed class InMemoryNotificationOutbox : INotificationOutbox
{
    private readonly Lock gate = new();
    private readonly List<Notification> rows = [];

    public Task<int> Enqueue(IReadOnlyCollection<Notification> notifications, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        var added = 0;
        lock (gate)
        {
            foreach (var notification in notifications)
            {
                if (rows.Any(row => row.SameKeyAs(notification))) continue;
                rows.Add(notification);
                added++;
            }
        }

        return Task.FromResult(added);
    }

    public Task<Notification[]> ForAppointment(Guid organizationId, Guid appointmentId, CancellationToken ct)
    {
        lock (gate)
        {
            return Task.FromResult(rows
                .Where(row => row.OrganizationId == organizationId && row.AppointmentId == appointmentId)
                .OrderBy(row => row.CreatedAt).ThenBy(row => row.AppointmentVersion).ThenBy(row => row.Id)
                .ToArray());
        }
    }

    public Task<Notification[]> ClaimDue(DateTimeOffset now, int max, DateTimeOffset leaseUntil, CancellationToken ct)
    {
        lock (gate)
        {
            var due = rows
                .Where(row => Waiting(row) && row.NextAttemptAt <= now && !rows.Any(earlier => BlocksInOrder(earlier, row)))
                .OrderBy(row => row.NextAttemptAt).ThenBy(row => row.AppointmentVersion)
                .Take(max)
                .ToArray();
            var claimed = new Notification[due.Length];
            for (var i = 0; i < due.Length; i++)
            {
                claimed[i] = due[i] with { Attempts = due[i].Attempts + 1, NextAttemptAt = leaseUntil };
                rows[rows.IndexOf(due[i])] = claimed[i];
            }

            return Task.FromResult(claimed);
        }
    }

    public Task<long> CountWaiting(CancellationToken ct)
    {
        lock (gate) return Task.FromResult((long)rows.Count(row => NotificationStatus.Waiting.Contains(row.Status)));
    }

    public Task MarkSent(Guid id, DateTimeOffset sentAt, CancellationToken ct) =>
        Update(id, row => row with { Status = NotificationStatus.Sent, SentAt = sentAt, LastError = null });

    public Task MarkFailed(Guid id, string error, DateTimeOffset? retryAt, CancellationToken ct) =>
        Update(id, row => row with
        {
            Status = retryAt is null ? NotificationStatus.Dead : NotificationStatus.FailedRetrying,
            LastError = error,
            NextAttemptAt = retryAt ?? row.NextAttemptAt,
        });

    /// <summary>Every message (tests).</summary>
    public Notification[] All()
    {
        lock (gate) return [.. rows];
    }

    private Task Update(Guid id, Func<Notification, Notification> change)
    {
        lock (gate)
        {
            var index = rows.FindIndex(row => row.Id == id);
            if (index >= 0) rows[index] = change(rows[index]);
        }

        return Task.CompletedTask;
    }

    private static bool Waiting(Notification row) => NotificationStatus.Waiting.Contains(row.Status);

    private static bool BlocksInOrder(Notification earlier, Notification row) =>
        row.AppointmentId is not null && earlier.AppointmentId == row.AppointmentId && earlier.Channel == row.Channel
        && earlier.Recipient == row.Recipient && earlier.AppointmentVersion < row.AppointmentVersion && Waiting(earlier);
}
