using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Text;
using Orleans;
using Realtime.Grains.Domain.Notifications;
using Realtime.Grains.Interfaces.Notifications;
using Realtime.Grains.Interfaces.Organizations;
using Realtime.Grains.Notifications;

namespace Realtime.Silo.Notifications;

/// <summary>Delivers messages of one channel; a failed delivery throws.</summary>
public interface INotificationSender
{
    NotificationChannel Channel { get; }

    Task Send(Notification notification, CancellationToken ct);
}

/// <summary>A delivery failed; <see cref="Permanent"/> when trying again cannot help (the message goes dead at once).</summary>
public sealed class DeliveryException(string message, bool permanent = false, Exception? inner = null) : Exception(message, inner)
{
    public bool Permanent { get; } = permanent;
}

/// <summary>E-mail with MailKit over SMTP (<see cref="SmtpOptions"/>): plain UTF-8 text, one connection per message.</summary>
public sealed class SmtpEmailSender(IOptions<SmtpOptions> options, IGrainFactory grains) : INotificationSender
{
    /// <summary>The header that carries the notification id (also the Message-Id's local part).</summary>
    public const string NotificationHeader = "X-Realtime-Notification";

    public NotificationChannel Channel => NotificationChannel.Email;

    public async Task Send(Notification notification, CancellationToken ct)
    {
        var smtp = options.Value;
        if (!smtp.Enabled) throw new DeliveryException($"E-mail is not configured ({SmtpOptions.Section}:Host).", permanent: true);
        if (!MailboxAddress.TryParse(notification.Recipient, out var to)) throw new DeliveryException($"'{notification.Recipient}' is not an e-mail address.", permanent: true);

        var fromName = smtp.FromName ?? (await grains.GetGrain<IOrganizationGrain>(notification.OrganizationId).Get())?.Name ?? "";
        var message = new MimeMessage
        {
            Subject = notification.Subject ?? "",
            MessageId = $"{notification.Id:N}@{DomainOf(smtp.From)}",
            Body = new TextPart(TextFormat.Plain) { Text = notification.Body },
        };
        message.From.Add(new MailboxAddress(fromName, smtp.From));
        message.To.Add(to);
        message.Headers.Add(NotificationHeader, notification.Id.ToString());

        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(smtp.Host!, smtp.Port, smtp.Security, ct);
            if (!string.IsNullOrEmpty(smtp.Username)) await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", ct);
            await client.SendAsync(message, ct);
            await client.DisconnectAsync(quit: true, ct);
        }
        catch (SmtpCommandException ex)
        {
            throw new DeliveryException($"SMTP {(int)ex.StatusCode}: {ex.Message}", inner: ex);
        }
    }

    private static string DomainOf(string address)
    {
        var at = address.LastIndexOf('@');
        return at >= 0 && at < address.Length - 1 ? address[(at + 1)..] : "realtime";
    }
}

/// <summary>SMS through an HTTP gateway (<see cref="SmsOptions"/>): <c>POST {Url}</c> with <c>{"to": ..., "text": ...}</c>.</summary>
public sealed class HttpSmsSender(IOptions<SmsOptions> options, NotificationHttp http) : INotificationSender
{
    public NotificationChannel Channel => NotificationChannel.Sms;

    public async Task Send(Notification notification, CancellationToken ct)
    {
        var sms = options.Value;
        if (!sms.Enabled) throw new DeliveryException($"SMS is not configured ({SmsOptions.Section}:Url).", permanent: true);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(sms.Timeout);
        // Buffered, so the request carries a Content-Length: gateways and proxies that refuse a chunked body read it.
        var body = JsonSerializer.SerializeToUtf8Bytes(new { to = notification.Recipient, text = notification.Body });
        using var request = new HttpRequestMessage(HttpMethod.Post, sms.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        if (!string.IsNullOrEmpty(sms.ApiKey)) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", sms.ApiKey);
        await http.Send(request, "The SMS gateway", timeout.Token, ct);
    }
}

/// <summary>
/// Webhook deliveries, signed as <see cref="WebhookSignature"/> says, with the endpoint's current secret. An endpoint
/// removed since the message was queued is not called (the message goes dead).
/// </summary>
public sealed class WebhookSender(IGrainFactory grains, IOptions<NotificationDispatcherOptions> options, NotificationHttp http, TimeProvider time)
    : INotificationSender
{
    public NotificationChannel Channel => NotificationChannel.Webhook;

    public async Task Send(Notification notification, CancellationToken ct)
    {
        var endpointId = notification.EndpointId ?? throw new DeliveryException("The delivery names no endpoint.", permanent: true);
        var signing = await grains.GetGrain<INotificationSettingsGrain>(notification.OrganizationId).Signing(endpointId)
            ?? throw new DeliveryException("The webhook endpoint was removed.", permanent: true);

        var body = Encoding.UTF8.GetBytes(notification.Body);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.WebhookTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, signing.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(signing.Secret, timestamp, body));
        request.Headers.Add(WebhookSignature.DeliveryHeader, notification.Id.ToString());
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp);
        request.Headers.Add(WebhookSignature.EventHeader, notification.Kind.StartsWith(NotificationNames.WebhookKindPrefix, StringComparison.Ordinal)
            ? notification.Kind[NotificationNames.WebhookKindPrefix.Length..]
            : notification.Kind);
        await http.SendWebhook(request, timeout.Token, ct);
    }
}

/// <summary>
/// The HTTP clients of SMS and webhook deliveries: no redirects followed (a redirect is a failure), pooled connections
/// renewed. The SMS gateway is the operator's; a webhook endpoint is an organisation's, so unless private networks are
/// allowed (<see cref="WebhookOptions.AllowPrivateNetworks"/>) it is connected to only at a public address, whatever
/// its name resolves to.
/// </summary>
public sealed class NotificationHttp(IOptions<WebhookOptions> webhooks) : IDisposable
{
    private readonly HttpClient client = NewClient(connect: null);
    private readonly HttpClient? webhookClient = webhooks.Value.AllowPrivateNetworks ? null : NewClient(ConnectToPublicAddress);

    /// <summary>Sends; anything but a 2xx answer (or no answer in time) is a <see cref="DeliveryException"/>.</summary>
    public Task Send(HttpRequestMessage request, string who, CancellationToken timeout, CancellationToken shutdown) =>
        Send(client, request, who, timeout, shutdown);

    /// <summary>As <see cref="Send(HttpRequestMessage, string, CancellationToken, CancellationToken)"/>, to an organisation's endpoint.</summary>
    public Task SendWebhook(HttpRequestMessage request, CancellationToken timeout, CancellationToken shutdown) =>
        Send(webhookClient ?? client, request, "The endpoint", timeout, shutdown);

    private static HttpClient NewClient(Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>>? connect)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        if (connect is not null) handler.ConnectCallback = connect;
        var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("Realtime-Notifications/1.0");
        return client;
    }

    /// <summary>Resolves the endpoint's name at each connection and connects only to its public addresses.</summary>
    private static async ValueTask<Stream> ConnectToPublicAddress(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        var allowed = addresses.Where(WebhookAddresses.IsPublic).ToArray();
        if (allowed.Length == 0)
        {
            throw new HttpRequestException($"{host} is not a public address, and webhooks go to public addresses only ({WebhookOptions.Section}:AllowPrivateNetworks).");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task Send(HttpClient client, HttpRequestMessage request, string who, CancellationToken timeout, CancellationToken shutdown)
    {
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout);
        }
        catch (OperationCanceledException ex) when (!shutdown.IsCancellationRequested)
        {
            throw new DeliveryException($"{who} did not answer in time.", inner: ex);
        }
        catch (HttpRequestException ex)
        {
            throw new DeliveryException($"{who} could not be reached: {ex.Message}", inner: ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new DeliveryException($"{who} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            }
        }
    }

    public void Dispose()
    {
        client.Dispose();
        webhookClient?.Dispose();
    }
}
