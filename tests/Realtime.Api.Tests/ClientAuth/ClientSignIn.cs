using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Realtime.Api.Tests.ClientAuth;

/// <summary>The client sign-in routes as the tests call them.</summary>
internal static partial class ClientSignIn
{
    public static Task<HttpResponseMessage> RequestLink(HttpClient http, Guid organizationId, string email) =>
        http.PostAsJsonAsync("/api/client/auth/link", new { organizationId, email }, ApiFixture.Json);

    public static Task<HttpResponseMessage> OpenSession(HttpClient http, string token) =>
        http.PostAsJsonAsync("/api/client/auth/session", new { token }, ApiFixture.Json);

    /// <summary>Exchanges a link that must work, and answers the session.</summary>
    public static async Task<JsonElement> Session(HttpClient http, string token)
    {
        using var response = await OpenSession(http, token);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"expected a session, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<HttpResponseMessage> Me(HttpClient http, string sessionToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/client/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", sessionToken);
        return await http.SendAsync(request);
    }

    /// <summary>The token of the first link to <paramref name="path"/> (client/sign-in or client/manage) in a text.</summary>
    public static string TokenIn(string text, string path)
    {
        var match = Regex.Match(text, $@"/{Regex.Escape(path)}\?token=([^&\s]+)");
        Assert.True(match.Success, $"no {path} link in: {text}");
        return Uri.UnescapeDataString(match.Groups[1].Value);
    }

    /// <summary>Waits until the client list (which sign-in links are looked up in) shows, or no longer shows, the address.</summary>
    public static async Task WaitUntilListed(HttpClient owner, string email, bool listed = true)
    {
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var page = await Send(owner, HttpMethod.Get, $"/api/clients?search={Uri.EscapeDataString(email)}", null, HttpStatusCode.OK);
            if (page.GetProperty("total").GetInt32() == (listed ? 1 : 0)) return;
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(20), $"{email} is {(listed ? "not yet" : "still")} in the client list");
            await Task.Delay(25);
        }
    }
}
