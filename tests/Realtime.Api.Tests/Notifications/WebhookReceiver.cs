using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Realtime.Grains.Domain.Notifications;

namespace Realtime.Api.Tests.Notifications;

/// <summary>One request a receiver got, and whether its signature held.</summary>
public sealed record Delivery(
    string Endpoint, Guid DeliveryId, string Event, long Version, Guid AppointmentId, bool SignatureValid, bool DeliveryIdMatchesBody,
    long Timestamp, int Answer, JsonElement Body);

public sealed record TextMessage(string To, string Text);

/// <summary>
/// The business's own systems, as the tests play them: a Kestrel minimal API on a loopback port with webhook endpoints
/// (<c>POST /hooks/{name}</c>) that check each delivery's signature with the secret they were given and can be told
/// to fail, and an SMS gateway (<c>POST /sms</c>, <c>{to, text}</c>, with a Content-Length).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, string> secrets = new();
    private readonly ConcurrentDictionary<string, int> failuresLeft = new();
    private readonly ConcurrentQueue<Delivery> deliveries = new();
    private readonly ConcurrentQueue<TextMessage> texts = new();
    private readonly ConcurrentDictionary<string, HeldRequest> holds = new();

    private WebhookReceiver(WebApplication app) => this.app = app;

    public string BaseUrl { get; private set; } = "";

    public Delivery[] Deliveries => [.. deliveries];

    public TextMessage[] Texts => [.. texts];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hooks/{name}", receiver.Receive);
        app.MapPost("/sms", receiver.ReceiveText);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.BaseUrl = address.TrimEnd('/');
        return receiver;
    }

    public string Url(string name) => $"{BaseUrl}/hooks/{name}";

    public string SmsUrl => $"{BaseUrl}/sms";

    /// <summary>The secret the endpoint checks signatures with (given when it was registered).</summary>
    public void Trust(string name, string secret) => secrets[name] = secret;

    /// <summary>
    /// The endpoint keeps its next request waiting (without answering) until the returned action is called; the
    /// returned task completes when that request has come.
    /// </summary>
    public (Task Arrived, Action Release) Hold(string name)
    {
        var hold = new HeldRequest();
        holds[name] = hold;
        return (hold.Arrived.Task, () => hold.Released.TrySetResult());
    }

    /// <summary>The endpoint answers 500 to its next <paramref name="times"/> requests.</summary>
    public void FailNext(string name, int times) => failuresLeft[name] = times;

    public Delivery[] To(string name, Guid appointmentId) =>
        [.. deliveries.Where(d => d.Endpoint == name && d.AppointmentId == appointmentId)];

    public async Task<Delivery[]> WaitFor(string name, Guid appointmentId, Func<Delivery[], bool> done, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var received = To(name, appointmentId);
            if (done(received)) return received;
            if (deadline.Elapsed > (timeout ?? TimeSpan.FromSeconds(20)))
            {
                Assert.Fail($"Endpoint {name} got {received.Length} deliveries for {appointmentId}: " +
                            string.Join(", ", received.Select(d => $"v{d.Version} {d.Event} {d.Answer}")));
            }

            await Task.Delay(50);
        }
    }

    public async Task<TextMessage[]> WaitForTexts(string to, int count = 1)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var received = texts.Where(t => t.To == to).ToArray();
            if (received.Length >= count) return received;
            if (deadline.Elapsed > TimeSpan.FromSeconds(20)) Assert.Fail($"{received.Length} of {count} text messages to {to} arrived.");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task<IResult> Receive(string name, HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var raw = buffer.ToArray();
        var body = JsonDocument.Parse(raw).RootElement.Clone();
        var deliveryId = Guid.Parse(request.Headers[WebhookSignature.DeliveryHeader].ToString());
        var valid = secrets.TryGetValue(name, out var secret)
                    && WebhookSignature.Verify(
                        secret, request.Headers[WebhookSignature.TimestampHeader].ToString(), raw, request.Headers[WebhookSignature.SignatureHeader].ToString());
        if (holds.TryRemove(name, out var hold))
        {
            hold.Arrived.TrySetResult();
            await hold.Released.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }

        var answer = TakeFailure(name) ? StatusCodes.Status500InternalServerError : valid ? StatusCodes.Status200OK : StatusCodes.Status401Unauthorized;
        deliveries.Enqueue(new Delivery(
            name, deliveryId, body.GetProperty("event").GetString()!, body.GetProperty("version").GetInt64(),
            body.GetProperty("appointment").GetProperty("id").GetGuid(), valid, body.GetProperty("id").GetGuid() == deliveryId,
            long.Parse(request.Headers[WebhookSignature.TimestampHeader].ToString(), System.Globalization.CultureInfo.InvariantCulture),
            answer, body));
        return Results.StatusCode(answer);
    }

    private bool TakeFailure(string name)
    {
        while (failuresLeft.TryGetValue(name, out var left) && left > 0)
        {
            if (failuresLeft.TryUpdate(name, left - 1, left)) return true;
        }

        return false;
    }

    private async Task<IResult> ReceiveText(HttpRequest request)
    {
        // As strict gateways do: a chunked body, without a length, is refused.
        if (request.ContentLength is null) return Results.StatusCode(StatusCodes.Status411LengthRequired);
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = JsonDocument.Parse(await reader.ReadToEndAsync()).RootElement;
        texts.Enqueue(new TextMessage(body.GetProperty("to").GetString()!, body.GetProperty("text").GetString()!));
        return Results.Ok();
    }

    private sealed class HeldRequest
    {
        public TaskCompletionSource Arrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
