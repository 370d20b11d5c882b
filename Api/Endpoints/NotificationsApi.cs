using Microsoft.AspNetCore.Http.HttpResults;
using Realtime.Api.Auth;
using Realtime.Api.Endpoints.Support;
using Realtime.Api.Errors;
using Realtime.Grains.Domain.Notifications;
using Realtime.Grains.Interfaces.Notifications;
using Realtime.Grains.Notifications;

namespace Realtime.Api.Endpoints;

/// <summary>
/// One queued message and how its delivery goes. <c>status</c>: pending, sent, failed-retrying or dead;
/// <c>attempts</c>: attempts made so far; <c>nextAttemptAt</c>: when it is tried (again), none once sent or dead.
/// </summary>
public sealed record NotificationResponse(
    Guid Id,
    string Kind,
    string Channel,
    string Recipient,
    string? Subject,
    long Version,
    string Status,
    int Attempts,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? SentAt)
{
    internal static NotificationResponse From(Notification n) => new(
        n.Id, n.Kind, NotificationNames.Of(n.Channel), n.Recipient, n.Subject, n.AppointmentVersion, n.Status, n.Attempts, n.LastError,
        n.CreatedAt, NotificationStatus.Waiting.Contains(n.Status) ? n.NextAttemptAt : null, n.SentAt);
}

/// <summary>
/// Where staff messages go: cancellations sent "to the resource" and a client's own changes (resources have no
/// address of their own). <c>staffEmail</c> null: staff are told through webhooks only. <c>staffLanguage</c>: en, pl,
/// es, fr or lt.
/// </summary>
public sealed record NotificationSettingsRequest(string? StaffEmail, string? StaffLanguage);

public sealed record NotificationSettingsResponse(string? StaffEmail, string StaffLanguage)
{
    internal static NotificationSettingsResponse From(NotificationSettings s) => new(s.StaffEmail, s.StaffLanguage);
}

public static class NotificationsApi
{
    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/appointments/{id:guid}/notifications", ForAppointment)
            .WithTags("Appointments").RequireAuthorization(Policies.Staff);
        var settings = app.MapGroup("/api/notifications/settings").WithTags("Notifications").RequireAuthorization(Policies.Admin);
        settings.MapGet("/", GetSettings);
        settings.MapPut("/", SetSettings);
        return app;
    }

    /// <summary>Every message about an appointment the caller may see, oldest first; anything else is not found.</summary>
    private static async Task<Results<Ok<NotificationResponse[]>, ProblemHttpResult>> ForAppointment(
        Guid id, HttpContext http, IGrainFactory grains, INotificationOutbox outbox, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        if (await grains.Appointment(caller, id) is null) return Problems.NotFound("The appointment");
        var notifications = await outbox.ForAppointment(caller.OrganizationId, id, ct);
        return TypedResults.Ok(notifications.Select(NotificationResponse.From).ToArray());
    }

    private static async Task<Results<Ok<NotificationSettingsResponse>, ProblemHttpResult>> GetSettings(HttpContext http, IGrainFactory grains)
    {
        var caller = Caller.From(http.User);
        if (WebhooksApi.LimitedKey(caller) is { } forbidden) return forbidden;
        var settings = await grains.GetGrain<INotificationSettingsGrain>(caller.OrganizationId).GetSettings();
        return TypedResults.Ok(NotificationSettingsResponse.From(settings));
    }

    private static async Task<Results<Ok<NotificationSettingsResponse>, ProblemHttpResult>> SetSettings(
        NotificationSettingsRequest body, HttpContext http, IGrainFactory grains)
    {
        var caller = Caller.From(http.User);
        if (WebhooksApi.LimitedKey(caller) is { } forbidden) return forbidden;
        var settings = new NotificationSettings(body.StaffEmail, body.StaffLanguage ?? NotificationSettings.Default.StaffLanguage);
        if (NotificationSettingsRules.Validate(settings) is { Length: > 0 } invalid) return Problems.Validation(invalid);
        var saved = await grains.GetGrain<INotificationSettingsGrain>(caller.OrganizationId).SetSettings(settings);
        return saved.IsSuccess ? TypedResults.Ok(NotificationSettingsResponse.From(saved.Value!)) : Problems.From(saved.Error!);
    }
}
