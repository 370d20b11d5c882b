using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Realtime.Bench;

/// <summary>How the harness talks HTTP: one pooled client per server, answers mapped to outcomes, failures kept.</summary>
public static class Http
{
    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);
    private static string? _firstFailure;

    /// <summary>The first failed request of the run (status and body, or the exception), for the report.</summary>
    public static string? FirstFailure => _firstFailure;

    public static HttpClient Client(Uri address, string? bearer = null)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan, MaxConnectionsPerServer = 1024 };
        var client = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        if (bearer is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", bearer);
        return client;
    }

    /// <summary>201 is accepted, 409 rejected, anything else (or no answer) failed.</summary>
    public static async Task<Outcome> OutcomeAsync(string request, Func<Task<HttpResponseMessage>> send, CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await send();
            switch (response.StatusCode)
            {
                case HttpStatusCode.Created: return Outcome.Accepted;
                case HttpStatusCode.Conflict: return Outcome.Rejected;
                default:
                    Fail($"{request}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    return Outcome.Failed;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Outcome.Failed;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Fail($"{request}: {e.Message}");
            return Outcome.Failed;
        }
    }

    /// <summary>The answer, or null (and the failure kept) when there was none.</summary>
    public static async Task<HttpResponseMessage?> GetAsync(HttpClient http, string url)
    {
        try
        {
            var response = await http.GetAsync(url);
            if (!response.IsSuccessStatusCode) Fail($"GET {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return response;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Fail($"GET {url}: {e.Message}");
            return null;
        }
    }

    /// <summary>
    /// A JSON body sent with its length, as a browser's <c>fetch</c> sends one. <c>PostAsJsonAsync</c> streams its body, so
    /// HTTP/1.1 sends it chunked, which makes the server pump it through a pipe of its own on every request.
    /// </summary>
    public static async Task<HttpResponseMessage> PostJsonAsync(HttpClient http, string url, object body, CancellationToken cancellationToken = default)
    {
        using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, WebJson));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json", "utf-8");
        return await http.PostAsync(url, content, cancellationToken);
    }

    /// <summary>An instant as a query parameter: ISO 8601 with its offset, escaped.</summary>
    public static string Instant(DateTimeOffset value) => Uri.EscapeDataString(value.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture));

    private static void Fail(string failure) => Interlocked.CompareExchange(ref _firstFailure, failure, null);
}
