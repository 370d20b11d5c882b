using Realtime.Grains.Domain.Appointments;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Notifications;

namespace Realtime.Grains.Domain.Notifications;

/// <summary>What a recorded change is, as far as messages are concerned.</summary>
public sealed record ChangeFacts(
    AppointmentChangeKind Change,
    ActorKind Actor,
    bool NotifyClient,
    bool NotifyResource,
    AppointmentKind Kind,
    AppointmentStatus Status,
    bool HasClient,
    bool Begun = false);

/// <summary>One message a change calls for, before recipients and channels are known.</summary>
public sealed record PlannedMessage(MessageKind Kind, Audience Audience, ClientChangeKind? ClientChange = null);

/// <summary>
/// Which messages a change calls for (DESIGN.md section 2, seeds 001–004):
/// <list type="bullet">
/// <item>booking, move, cancellation: to the client when staff ask for it ("notify client"); a client's own booking,
/// move or cancellation is always confirmed to them (seed 002: the client "receives a confirmation e-mail");</item>
/// <item>cancellation: also to the staff (the resource) when staff ask for it ("notify resource", seed 002);</item>
/// <item>a client's own booking, move, cancellation or confirmation: the staff are told (seeds 002, 004) — instead of
/// the plain cancellation message, never as well;</item>
/// <item>the reminder: to the client, while the appointment is still booked and has not begun (a reminder handed on
/// late is not worth sending);</item>
/// <item>breaks have no client and get no client messages.</item>
/// </list>
/// Webhooks are separate: <see cref="WebhookEventOf"/>.
/// </summary>
public static class NotificationPlanner
{
    public static PlannedMessage[] Messages(ChangeFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var byClient = facts.Actor == ActorKind.Client;
        var clientMessages = facts.Kind == AppointmentKind.Appointment && facts.HasClient;
        var toClient = clientMessages && (facts.NotifyClient || byClient);
        var messages = new List<PlannedMessage>(2);

        switch (facts.Change)
        {
            case AppointmentChangeKind.Booked:
                if (toClient) messages.Add(new(MessageKind.Booked, Audience.Client));
                if (byClient && clientMessages) messages.Add(new(MessageKind.ClientChange, Audience.Staff, ClientChangeKind.Booked));
                break;
            case AppointmentChangeKind.Rescheduled:
                if (toClient) messages.Add(new(MessageKind.Rescheduled, Audience.Client));
                if (byClient && clientMessages) messages.Add(new(MessageKind.ClientChange, Audience.Staff, ClientChangeKind.Rescheduled));
                break;
            case AppointmentChangeKind.Cancelled:
                if (toClient) messages.Add(new(MessageKind.Cancelled, Audience.Client));
                if (byClient && clientMessages) messages.Add(new(MessageKind.ClientChange, Audience.Staff, ClientChangeKind.Cancelled));
                else if (facts.NotifyResource) messages.Add(new(MessageKind.Cancelled, Audience.Staff));
                break;
            case AppointmentChangeKind.Confirmed:
                if (byClient && clientMessages) messages.Add(new(MessageKind.ClientChange, Audience.Staff, ClientChangeKind.Confirmed));
                break;
            // A client joining or leaving a class: they are confirmed, the staff told; the seat holder is the client here.
            case AppointmentChangeKind.SeatTaken:
                if (byClient && clientMessages)
                {
                    messages.Add(new(MessageKind.Booked, Audience.Client));
                    messages.Add(new(MessageKind.ClientChange, Audience.Staff, ClientChangeKind.JoinedClass));
                }
                break;
            case AppointmentChangeKind.SeatFreed:
                if (byClient && clientMessages)
                {
                    messages.Add(new(MessageKind.Cancelled, Audience.Client));
                    messages.Add(new(MessageKind.ClientChange, Audience.Staff, ClientChangeKind.LeftClass));
                }
                break;
            case AppointmentChangeKind.Reminded:
                if (clientMessages && facts.Status == AppointmentStatus.Booked && !facts.Begun) messages.Add(new(MessageKind.Reminder, Audience.Client));
                break;
        }

        return [.. messages];
    }

    /// <summary>
    /// The webhook event a change is: the event of the same name, for every change a copy of the calendar must follow; null
    /// for the reminder, which changes nothing a copy holds.
    /// </summary>
    public static WebhookEvent? WebhookEventOf(AppointmentChangeKind change) =>
        Enum.TryParse<WebhookEvent>(change.ToString(), out var webhookEvent) ? webhookEvent : null;

    /// <summary>
    /// The clients a change's messages go to: the client who made it (in a class, who took, left or confirmed a seat),
    /// every seat holder of a class, or else the appointment's client.
    /// </summary>
    public static Guid[] ClientsOf(AppointmentView appointment, AppointmentChangeKind change, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        ArgumentNullException.ThrowIfNull(actor);
        if ((appointment.Capacity > 1 || change is AppointmentChangeKind.SeatTaken or AppointmentChangeKind.SeatFreed)
            && actor.Kind == ActorKind.Client && Guid.TryParse(actor.Id, out var seatHolder))
        {
            return [seatHolder];
        }

        return appointment.Capacity > 1 ? appointment.Seats : appointment.ClientId is { } clientId ? [clientId] : [];
    }

    /// <summary>The start before a move, from the move's history entry ("old -> new", as the appointment records it).</summary>
    public static DateTimeOffset? PreviousStart(AppointmentView appointment, long version)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        return AppointmentChanges.MovedFrom(appointment.History.FirstOrDefault(h => h.Version == version)?.Details);
    }
}
