using Realtime.Grains.Domain.Notifications;

namespace Realtime.Grains.Notifications;

/// <summary>
/// One message in the outbox (table <c>notifications</c>): what to send, to whom, over which channel, and how its
/// delivery is going. Queueing is idempotent on (appointment id, client id, appointment version, kind, channel,
/// recipient): the same change queued twice is one message. Birthday greetings have no appointment; their "version" is
/// the year.
/// </summary>
public sealed record Notification
{
    public required Guid Id { get; init; }
    public required Guid OrganizationId { get; init; }
    public Guid? AppointmentId { get; init; }
    public long AppointmentVersion { get; init; }
    public Guid? ClientId { get; init; }

    /// <summary>booked, rescheduled, cancelled, reminder, client_change, birthday, or webhook:&lt;event&gt;.</summary>
    public required string Kind { get; init; }

    public required NotificationChannel Channel { get; init; }

    /// <summary>An e-mail address, a phone number, or a webhook URL.</summary>
    public required string Recipient { get; init; }

    /// <summary>The webhook endpoint (its secret signs the delivery); null for e-mail and SMS.</summary>
    public Guid? EndpointId { get; init; }

    public string? Subject { get; init; }

    /// <summary>The e-mail's text, the text message, or the webhook's JSON body.</summary>
    public required string Body { get; init; }

    /// <summary>One of <see cref="NotificationStatus"/>.</summary>
    public string Status { get; init; } = NotificationStatus.Pending;

    /// <summary>Attempts started so far (counted when an attempt is claimed).</summary>
    public int Attempts { get; init; }

    public required DateTimeOffset NextAttemptAt { get; init; }
    public string? LastError { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? SentAt { get; init; }

    /// <summary>Whether two messages are the same message (the outbox keeps the first).</summary>
    public bool SameKeyAs(Notification other) =>
        AppointmentId == other.AppointmentId && ClientId == other.ClientId && AppointmentVersion == other.AppointmentVersion
        && Kind == other.Kind && Channel == other.Channel && Recipient == other.Recipient;
}
