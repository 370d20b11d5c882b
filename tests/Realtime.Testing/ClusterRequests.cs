using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Realtime.Testing;

/// <summary>What a caller of a cluster that is losing a node does.</summary>
public static class ClusterRequests
{
    /// <summary>
    /// Books through that API node under one <c>Idempotency-Key</c>, sending the same request again (every quarter second)
    /// while it fails or answers 5xx — calls to a dead node's grains fail until the cluster has declared it dead — and
    /// answers the first other response.
    /// </summary>
    public static async Task<(HttpStatusCode Status, string Body)> BookUntilAnswered(Uri node, string key, object booking, TimeSpan within)
    {
        using var http = new HttpClient { BaseAddress = node, Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        http.DefaultRequestHeaders.Add("Idempotency-Key", $"retried-{Guid.NewGuid():N}");
        var deadline = DateTime.UtcNow + within;
        var failures = new List<string>();
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await http.PostAsJsonAsync("/api/appointments", booking);
                var body = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode < 500) return (response.StatusCode, body);
                failures.Add($"{(int)response.StatusCode} {body}");
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                failures.Add(ex.Message);
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"No answer to the booking within {within}: {string.Join(" | ", failures)}");
    }
}
