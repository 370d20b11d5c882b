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

    /// <summary>
    /// A composed message to a client by e-mail and by SMS, for each channel that can deliver and that the client has an
    /// address for; <paramref name="row"/> makes the row for a channel and a recipient.
    /// </summary>
    public static IEnumerable<Notification> ToClient(
        string? email, string? phone, ComposedMessage message, NotificationChannels enabled, Func<NotificationChannel, string, Notification> row)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(enabled);
        ArgumentNullException.ThrowIfNull(row);
        if (enabled.Email && !string.IsNullOrWhiteSpace(email))
        {
            yield return row(NotificationChannel.Email, email.Trim()) with { Subject = message.Subject, Body = message.Body };
        }

        if (enabled.Sms && !string.IsNullOrWhiteSpace(phone)) yield return row(NotificationChannel.Sms, phone.Trim()) with { Body = message.Sms };
    }

    /// <summary>Whether two messages are the same message (the outbox keeps the first).</summary>
    public bool SameKeyAs(Notification other) =>
        AppointmentId == other.AppointmentId && ClientId == other.ClientId && AppointmentVersion == other.AppointmentVersion
        && Kind == other.Kind && Channel == other.Channel && Recipient == other.Recipient;
}
