using Microsoft.AspNetCore.Http.HttpResults;
using Realtime.Api.Auth;
using Realtime.Api.Endpoints.Support;
using Realtime.Api.Errors;
using Realtime.Api.Idempotency;
using Realtime.Grains.Domain.Notifications;
using Realtime.Grains.Interfaces.Notifications;

namespace Realtime.Api.Endpoints;

/// <summary>
/// <c>events</c>: one or more of booked, rescheduled, cancelled, confirmed, arrived, completed, noShow.
/// </summary>
public sealed record CreateWebhookRequest(string? Url, string[]? Events);

/// <summary>A webhook endpoint without its secret.</summary>
public sealed record WebhookEndpointResponse(Guid Id, string Url, WebhookEvent[] Events, DateTimeOffset CreatedAt)
{
    internal static WebhookEndpointResponse From(WebhookEndpointView endpoint) => new(endpoint.Id, endpoint.Url, endpoint.Events, endpoint.CreatedAt);
}

/// <summary>
/// A new webhook endpoint; <see cref="Secret"/> signs its deliveries and is shown in this answer only. Each delivery
/// is a POST of <c>{id, event, version, occurredAt, appointment}</c> with <c>X-Realtime-Signature: sha256=&lt;hex&gt;</c>
/// (HMAC-SHA256 of the raw body, keyed with the secret), <c>X-Realtime-Delivery</c> (the id, the same on a repeat),
/// <c>X-Realtime-Event</c> and <c>X-Realtime-Timestamp</c> (Unix seconds of the attempt). Deliveries to an endpoint
/// come in the order of each appointment's changes, at least once; a 2xx answer counts as delivered.
/// </summary>
public sealed record CreatedWebhookEndpointResponse(Guid Id, string Url, WebhookEvent[] Events, DateTimeOffset CreatedAt, string Secret);

/// <summary>
/// The organisation's webhook endpoints; owner or admin keys that are not limited to some locations (an endpoint
/// receives the changes of every location).
/// </summary>
public static class WebhooksApi
{
    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        var webhooks = app.MapGroup("/api/webhooks").WithTags("Webhooks").RequireAuthorization(Policies.Admin);
        webhooks.MapPost("/", Create).Idempotent();
        webhooks.MapGet("/", List);
        webhooks.MapGet("/{id:guid}", Get);
        webhooks.MapDelete("/{id:guid}", Delete);
        return app;
    }

    private static async Task<Results<Created<CreatedWebhookEndpointResponse>, ProblemHttpResult>> Create(
        CreateWebhookRequest body, HttpContext http, IGrainFactory grains)
    {
        var caller = Caller.From(http.User);
        if (LimitedKey(caller) is { } forbidden) return forbidden;

        var fields = new RequestFields();
        var url = fields.Required(body.Url, "url");
        var events = new List<WebhookEvent>();
        foreach (var name in body.Events ?? [])
        {
            if (NotificationNames.TryParse(name, out var webhookEvent)) events.Add(webhookEvent);
            else fields.Add("events", $"'{name}' is not an event; use {string.Join(", ", Enum.GetValues<WebhookEvent>().Select(NotificationNames.Of))}.");
        }

        if (!fields.Valid) return fields.Problem;
        var created = await grains.GetGrain<INotificationSettingsGrain>(caller.OrganizationId)
            .AddWebhook(new NewWebhookEndpoint(url, [.. events], caller.Actor));
        if (created.Error is { } error) return Problems.From(error);
        var endpoint = created.Value!.Endpoint;
        return TypedResults.Created(
            $"/api/webhooks/{endpoint.Id}",
            new CreatedWebhookEndpointResponse(endpoint.Id, endpoint.Url, endpoint.Events, endpoint.CreatedAt, created.Value.Secret));
    }

    private static async Task<Results<Ok<WebhookEndpointResponse[]>, ProblemHttpResult>> List(HttpContext http, IGrainFactory grains)
    {
        var caller = Caller.From(http.User);
        if (LimitedKey(caller) is { } forbidden) return forbidden;
        var endpoints = await grains.GetGrain<INotificationSettingsGrain>(caller.OrganizationId).GetWebhooks();
        return TypedResults.Ok(endpoints.Select(WebhookEndpointResponse.From).ToArray());
    }

    private static async Task<Results<Ok<WebhookEndpointResponse>, ProblemHttpResult>> Get(Guid id, HttpContext http, IGrainFactory grains)
    {
        var caller = Caller.From(http.User);
        if (LimitedKey(caller) is { } forbidden) return forbidden;
        var endpoints = await grains.GetGrain<INotificationSettingsGrain>(caller.OrganizationId).GetWebhooks();
        return endpoints.FirstOrDefault(e => e.Id == id) is { } endpoint
            ? TypedResults.Ok(WebhookEndpointResponse.From(endpoint))
            : Problems.NotFound("The webhook endpoint");
    }

    /// <summary>Deliveries still queued for a deleted endpoint are not sent (they are marked dead).</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, HttpContext http, IGrainFactory grains)
    {
        var caller = Caller.From(http.User);
        if (LimitedKey(caller) is { } forbidden) return forbidden;
        var removed = await grains.GetGrain<INotificationSettingsGrain>(caller.OrganizationId).RemoveWebhook(id);
        return removed.IsSuccess ? TypedResults.NoContent() : Problems.From(removed.Error!);
    }

    /// <summary>Organisation-wide notification set-up needs a key that sees every location.</summary>
    internal static ProblemHttpResult? LimitedKey(Caller caller) =>
        caller.LocationIds is null
            ? null
            : Problems.Create(
                StatusCodes.Status403Forbidden, Problems.Forbidden,
                "Webhooks and notification settings cover every location: use a key that is not limited to some locations.");
}
