using Realtime.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Realtime.Api.Demo;

namespace Realtime.Api.Tests.Endpoints;

[Collection(ApiCollection.Name)]
public sealed class PlatformTests(ApiFixture api)
{
    [Fact]
    public async Task The_openapi_document_docs_and_health_checks_are_served()
    {
        using var anonymous = api.Client();

        var document = await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/appointments", "/api/appointments/{id}/reschedule", "/api/locations/{id}/availability", "/api/keys" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} missing from the OpenAPI document");
        }
        // The Orleans dashboard's routes serve its page, not the API.
        Assert.DoesNotContain(paths.EnumerateObject(), path => path.Name.StartsWith("/dashboard", StringComparison.Ordinal));

        Assert.True((await anonymous.GetAsync("/docs")).IsSuccessStatusCode);
        Assert.Equal("Healthy", await anonymous.GetStringAsync("/health/live"));
        Assert.Equal("Healthy", await anonymous.GetStringAsync("/health/ready"));
    }

    [Fact]
    public async Task Keys_are_issued_listed_and_revoked_at_once()
    {
        var tenant = await api.NewTenant();
        var created = await Send(tenant.Owner, HttpMethod.Post, "/api/keys", new { name = "Reception tablet", role = "frontDesk" }, HttpStatusCode.Created);
        var keyId = Id(created);
        using var desk = api.Client(created.GetProperty("key").GetString());
        await Send(desk, HttpMethod.Get, "/api/locations", null, HttpStatusCode.OK);

        var listed = await Send(tenant.Owner, HttpMethod.Get, "/api/keys", null, HttpStatusCode.OK);
        Assert.Contains(listed.EnumerateArray(), k => Id(k) == keyId && !k.TryGetProperty("key", out _));
        Assert.DoesNotContain(created.GetProperty("key").GetString()!, listed.GetRawText());

        await Send(tenant.Owner, HttpMethod.Delete, $"/api/keys/{keyId}", null, HttpStatusCode.NoContent);
        await ProblemAssert.Is(await desk.GetAsync("/api/locations"), HttpStatusCode.Unauthorized, "unauthorized");
        await ProblemAssert.Is(await tenant.Owner.DeleteAsync($"/api/keys/{keyId}"), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task An_admin_cannot_mint_an_owner_key()
    {
        var tenant = await api.NewTenant();
        var admin = await tenant.KeyClient("admin");

        await ProblemAssert.Is(await admin.PostAsJsonAsync("/api/keys", new { name = "Boss", role = "owner" }, ApiFixture.Json),
            HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.Is(await admin.PostAsJsonAsync("/api/keys", new { name = "", role = "frontDesk" }, ApiFixture.Json),
            HttpStatusCode.BadRequest, "validation_failed", "name");
    }

    [Fact]
    public async Task Only_the_operator_creates_organisations()
    {
        using var anonymous = api.Client();
        using var wrongOperator = api.Client("not-the-operator-key");

        await ProblemAssert.Is(await anonymous.PostAsJsonAsync("/api/organizations", new { name = "X" }), HttpStatusCode.Unauthorized, "unauthorized");
        await ProblemAssert.Is(await wrongOperator.PostAsJsonAsync("/api/organizations", new { name = "X" }), HttpStatusCode.Unauthorized, "unauthorized");
        using var operatorClient = api.Client(ApiFixture.OperatorKey);
        await ProblemAssert.Is(await operatorClient.PostAsJsonAsync("/api/organizations", new { name = "" }), HttpStatusCode.BadRequest, "validation_failed", "name");
        await ProblemAssert.Is(await operatorClient.GetAsync("/api/locations"), HttpStatusCode.Forbidden, "forbidden");
    }
}

public sealed class DemoDataTests
{
    [Fact]
    public async Task The_demo_flag_fills_a_chain_in_memory_mode_and_prints_a_sign_in_link_to_where_it_listens()
    {
        var logged = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.ConfigureLogging(logging => logging.AddProvider(new MessageRecorder(logged)));
            web.UseSetting("Realtime:Storage", "Memory");
            web.UseSetting("Realtime:Demo", "true");
            web.UseSetting("Orleans:SiloPort", ApiNodeSettings.FreePort().ToString());
            web.UseSetting("Orleans:GatewayPort", ApiNodeSettings.FreePort().ToString());
        });
        // On a port of its own, as `./run.sh --demo --urls ...` is, with no public address configured.
        ApiFixture.ServeOverKestrel(factory);
        using var owner = factory.CreateClient();
        owner.DefaultRequestHeaders.Authorization = new("Bearer", DemoSeeder.OwnerKey);

        // The seeder runs once the host has started; wait until today's visits are in.
        var appointments = default(JsonElement);
        for (var attempt = 0; attempt < 150 && !(appointments.ValueKind == JsonValueKind.Object && appointments.GetProperty("total").GetInt32() >= 20); attempt++)
        {
            await Task.Delay(200);
            var response = await owner.GetAsync("/api/appointments?pageSize=500");
            if (response.IsSuccessStatusCode) appointments = await response.Content.ReadFromJsonAsync<JsonElement>();
        }

        var locations = await owner.GetFromJsonAsync<JsonElement>("/api/locations");
        Assert.Equal(2, locations.EnumerateArray().Select(l => l.GetProperty("timeZone").GetString()).Distinct().Count());
        var resources = await owner.GetFromJsonAsync<JsonElement>("/api/resources");
        Assert.Equal(6, resources.EnumerateArray().Count(r => r.GetProperty("kind").GetString() == "staff"));
        Assert.Equal(2, resources.EnumerateArray().Count(r => r.GetProperty("kind").GetString() == "room"));
        Assert.Equal(5, (await owner.GetFromJsonAsync<JsonElement>("/api/services")).GetArrayLength());
        Assert.True(appointments.GetProperty("total").GetInt32() >= 20);
        Assert.True(appointments.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("clientId")).Where(c => c.ValueKind == JsonValueKind.String).Distinct().Count() >= 10);

        // The demo sends no e-mail, so it prints a way in to the client page.
        var line = await Eventually.Value(() => Task.FromResult(logged.FirstOrDefault(m => m.StartsWith("DEMO DATA: the client page as", StringComparison.Ordinal))),
            found => found is not null, "the demo prints a client's sign-in link");
        var url = new Uri(line![(line!.LastIndexOf(' ') + 1)..]);
        Assert.Equal("/client/sign-in", url.AbsolutePath);
        Assert.Equal(ApiFixture.Address(factory).GetLeftPart(UriPartial.Authority), url.GetLeftPart(UriPartial.Authority));
        using (var browser = new HttpClient())
        {
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(url)).StatusCode);
        }

        var token = System.Web.HttpUtility.ParseQueryString(url.Query)["token"];
        using var anonymous = factory.CreateClient();
        var session = await Send(anonymous, HttpMethod.Post, "/api/client/auth/session", new { token }, HttpStatusCode.OK);
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", session.GetProperty("sessionToken").GetString());
        Assert.Equal(session.GetProperty("clientId").GetGuid(), Id(await Send(client, HttpMethod.Get, "/api/client/me", null, HttpStatusCode.OK)));
    }

    private sealed class MessageRecorder(System.Collections.Concurrent.ConcurrentQueue<string> messages) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Recorder(messages);

        public void Dispose()
        {
        }

        private sealed class Recorder(System.Collections.Concurrent.ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Enqueue(formatter(state, exception));
        }
    }
}
