using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Realtime.Api.Hosting;

namespace Realtime.Api.Tests.Endpoints;

/// <summary>
/// A request over the product's size limits gets a problem naming what was too large, over Kestrel as in service (whose
/// own limits would otherwise answer first, with an empty body); one at the limits is served.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class RequestLimitTests(ApiFixture api) : IAsyncLifetime
{
    [Fact]
    public async Task A_query_over_8_KiB_gets_a_problem_naming_its_longest_parameter()
    {
        using var client = await Client();

        var problem = await ProblemAssert.Is(
            await client.GetAsync(Target("/api/clients?page=1&search=", RequestLimits.MaxTargetBytes + 1)), HttpStatusCode.RequestUriTooLong, "uri_too_long", "search");

        Assert.Contains("8,193 bytes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Target("/health/live?q=", RequestLimits.MaxTargetBytes))).StatusCode);
    }

    [Fact]
    public async Task A_path_over_8_KiB_gets_a_problem_naming_the_path()
    {
        using var client = await Client();

        await ProblemAssert.Is(await client.GetAsync(Target("/api/", 20_000)), HttpStatusCode.RequestUriTooLong, "uri_too_long", "path");
    }

    [Fact]
    public async Task One_header_over_32_KiB_gets_a_problem_naming_it()
    {
        using var client = await Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Add("X-Trace-Note", new string('n', 40_000));

        await ProblemAssert.Is(await client.SendAsync(request), HttpStatusCode.RequestHeaderFieldsTooLarge, "request_headers_too_large", "X-Trace-Note");
    }

    [Fact]
    public async Task Headers_over_32_KiB_in_all_get_a_problem_naming_the_largest_and_32_KiB_is_served()
    {
        using var client = await Client();
        using var over = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        for (var i = 0; i < 10; i++) over.Headers.Add($"X-Part-{i}", new string('p', 3_300));
        over.Headers.Add("X-Largest", new string('l', 3_400));
        // Host and "X-Filler: ...": each header line counts its name, ": ", its value and its line break.
        using var at = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        var host = $"Host: {client.BaseAddress!.Authority}\r\n".Length;
        at.Headers.Add("X-Filler", new string('f', RequestLimits.MaxHeadersBytes - host - "X-Filler: \r\n".Length));

        await ProblemAssert.Is(await client.SendAsync(over), HttpStatusCode.RequestHeaderFieldsTooLarge, "request_headers_too_large", "X-Largest");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(at)).StatusCode);
    }

    [Fact]
    public async Task More_than_100_headers_get_a_problem()
    {
        using var client = await Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        for (var i = 0; i < RequestLimits.MaxHeaderCount; i++) request.Headers.Add($"X-H{i}", "v");

        var problem = await ProblemAssert.Is(await client.SendAsync(request), HttpStatusCode.RequestHeaderFieldsTooLarge, "request_headers_too_large");

        Assert.Contains("101 headers", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chunked_body_found_too_large_while_read_gets_the_body_limits_problem()
    {
        var tenant = await api.NewTenant();
        using var client = await Client();
        var json = $$"""{"firstName":"Ewa","lastName":"Nowak","email":"ewa@example.com","note":"{{new string('n', 300_000)}}"}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/clients")
        {
            // Without a declared length, the limit is only met while the body is read.
            Content = new StreamContent(new NoLengthStream(Encoding.UTF8.GetBytes(json))) { Headers = { ContentType = new("application/json") } },
        };
        request.Headers.Authorization = new("Bearer", tenant.OwnerKey);
        request.Headers.TransferEncodingChunked = true;

        var problem = await ProblemAssert.Is(await client.SendAsync(request), HttpStatusCode.RequestEntityTooLarge, "payload_too_large");

        Assert.Equal("The request body may be at most 256 KiB.", problem.GetProperty("detail").GetString());
    }

    /// <summary>A node of each test's own, gone with it: one left in the cluster would take grains other tests expect on theirs.</summary>
    private WebApplicationFactory<Program>? node;

    public async Task InitializeAsync() => node = await api.StartNode(overKestrel: true);

    public async Task DisposeAsync()
    {
        if (node is not null) await node.DisposeAsync();
    }

    /// <summary>Sends only the headers a test adds, and Host (no trace context), so that sizes at the limit are exact.</summary>
    private Task<HttpClient> Client() =>
        Task.FromResult(new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null }) { BaseAddress = ApiFixture.Address(node!) });

    /// <summary><paramref name="prefix"/> filled up to <paramref name="length"/> characters.</summary>
    private static string Target(string prefix, int length) => prefix + new string('a', length - prefix.Length);

    private sealed class NoLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
