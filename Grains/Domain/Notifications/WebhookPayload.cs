using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Notifications;

namespace Realtime.Grains.Domain.Notifications;

/// <summary>
/// The body of a webhook delivery: <c>{id, event, version, occurredAt, appointment}</c>, camelCase, enums as camelCase
/// strings and times as ISO 8601 with offset, like the REST API. <c>appointment</c> is the appointment as it was when
/// the event was queued (without its history); its <c>version</c> may be ahead of the event's when changes came quickly.
/// </summary>
public static class WebhookPayload
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Create(Guid deliveryId, WebhookEvent webhookEvent, long version, AppointmentView appointment)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        var view = JsonSerializer.SerializeToNode(appointment, Json)!.AsObject();
        view.Remove("history");
        var body = new JsonObject
        {
            ["id"] = deliveryId,
            ["event"] = NotificationNames.Of(webhookEvent),
            ["version"] = version,
            ["occurredAt"] = OccurredAt(appointment, version),
            ["appointment"] = view,
        };
        return body.ToJsonString(Json);
    }

    /// <summary>When the change of <paramref name="version"/> was recorded (from the appointment's history).</summary>
    public static DateTimeOffset OccurredAt(AppointmentView appointment, long version) =>
        appointment.History.FirstOrDefault(h => h.Version == version)?.At ?? appointment.UpdatedAt;
}
