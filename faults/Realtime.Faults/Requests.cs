using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Realtime.Faults;

/// <summary>
/// One answer of the API: its status (none when the request failed or timed out), its problem code and body, and whether
/// it was the stored answer of an earlier attempt under the same Idempotency-Key (<c>Idempotency-Replayed: true</c>).
/// </summary>
public sealed record Answer(HttpStatusCode? Status, string? Code, JsonElement Body, bool Replayed = false)
{
    public bool Success => Status is { } status && (int)status is >= 200 and < 300;

    /// <summary>
    /// Worth another attempt: no answer, a server error (a silo or the database was away), or the same keyed request still
    /// running (its first attempt may be on a node that died, which holds the key until the cluster says so).
    /// </summary>
    public bool Transient => Status is null || ServerError || Code == "idempotency_request_in_progress";

    /// <summary>A server error: by the server's rule the answer was not stored, so a retry under the same key runs again.</summary>
    public bool ServerError => Status is { } status && (int)status >= 500;

    public override string ToString() =>
        (Status is not { } status ? Code ?? "no answer" : Code is null ? $"{(int)status}" : $"{(int)status} {Code}") + (Replayed ? " (replayed)" : "");
}

/// <summary>
/// A request sent until it got a real answer: the last answer, how many attempts it took, and whether an earlier
/// attempt was answered with a server error.
/// </summary>
public sealed record Tried(Answer Answer, int Attempts, bool EarlierServerError);

/// <summary>How the simulated clients talk to the API: each request answered or not, retried while the failure is transient.</summary>
public static class Requests
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public const string ReplayedHeader = "Idempotency-Replayed";

    private static readonly TimeSpan MaxBackOff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan SetUpRetryFor = TimeSpan.FromMinutes(1);

    /// <summary>A pooled client for one caller; every request gives up after <paramref name="timeout"/>.</summary>
    public static HttpClient Client(Uri address, string bearer, TimeSpan timeout)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1), MaxConnectionsPerServer = 256 };
        var client = new HttpClient(handler) { BaseAddress = address, Timeout = timeout };
        client.DefaultRequestHeaders.Authorization = new("Bearer", bearer);
        return client;
    }

    public static async Task<Answer> SendAsync(HttpClient http, HttpMethod method, string url, object? body = null, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        if (idempotencyKey is not null) request.Headers.Add(IdempotencyKeyHeader, idempotencyKey);
        try
        {
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var json = text.Length > 0 && response.Content.Headers.ContentType?.MediaType?.EndsWith("json", StringComparison.Ordinal) == true
                ? JsonDocument.Parse(text).RootElement.Clone()
                : default;
            var code = json.ValueKind == JsonValueKind.Object && json.TryGetProperty("code", out var c) ? c.GetString() : null;
            var replayed = response.Headers.TryGetValues(ReplayedHeader, out var values) && values.Contains("true");
            return new Answer(response.StatusCode, code, json, replayed);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return new Answer(null, e is TaskCanceledException ? "timeout" : "connection failed", default);
        }
    }

    /// <summary>Sends until an answer is not <see cref="Answer.Transient"/> or <paramref name="budget"/> is spent, backing off a little more each time.</summary>
    public static async Task<Tried> RetryAsync(Func<Task<Answer>> send, TimeSpan budget)
    {
        var clock = Stopwatch.StartNew();
        var serverError = false;
        for (var attempt = 1; ; attempt++)
        {
            var answer = await send();
            if (!answer.Transient || clock.Elapsed >= budget) return new Tried(answer, attempt, serverError);
            serverError |= answer.ServerError;
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(MaxBackOff.TotalMilliseconds, 50 * Math.Pow(2, attempt))));
        }
    }

    /// <summary>A new Idempotency-Key: one per operation, sent again with each of its attempts.</summary>
    public static string NewKey() => Guid.NewGuid().ToString("N");

    /// <summary>
    /// A set-up request, retried while the cluster is still warming up, under one Idempotency-Key (so a retry never
    /// creates a second item); the body of its 2xx answer, or an exception with what the API said.
    /// </summary>
    public static async Task<JsonElement> SetUpAsync(HttpClient http, string url, object body, string? idempotencyKey = null)
    {
        var key = idempotencyKey ?? NewKey();
        var answer = (await RetryAsync(() => SendAsync(http, HttpMethod.Post, url, body, key), SetUpRetryFor)).Answer;
        return answer.Success ? answer.Body : throw new InvalidOperationException($"POST {url}: {answer} {answer.Body}");
    }
}
