using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Realtime.Api.Auth;
using Realtime.Grains.Access;
using Realtime.Testing;

namespace Realtime.FrontDesk.Tests.Infrastructure;

/// <summary>
/// The real API (with its co-hosted silo) on Kestrel on a free loopback port, on a fresh PostgreSQL database, and
/// Debian's Chromium driven by Playwright. Missing prerequisites fail the tests with a message saying what to do.
/// </summary>
public sealed class FrontDeskFixture : IAsyncLifetime
{
    public const string OperatorKey = "operator-key-for-front-desk-tests-0123456789";
    public const string ChromiumPath = "/usr/bin/chromium";

    private WebApplicationFactory<Program>? factory;
    private IPlaywright? playwright;

    public PostgresDatabase Database { get; private set; } = null!;

    /// <summary>Where the API listens, e.g. http://127.0.0.1:41234.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Screenshots are written here (printed by the tests that write them).</summary>
    public static string ArtefactsFolder { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "frontdesk");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Debian's Chromium is missing ({ChromiumPath}): run ./test.sh, which installs it, or `apt-get install chromium`. " +
                "The front-desk tests never download a browser.");
        }

        Directory.CreateDirectory(ArtefactsFolder);
        Database = await PostgresDatabase.CreateAsync("frontdesk");
        var apiFactory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            foreach (var (key, value) in ApiNodeSettings.For(Database, OperatorKey)) web.UseSetting(key, value);
        });
        apiFactory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        apiFactory.StartServer();
        factory = apiFactory;
        var address = apiFactory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);

        using var http = Http();
        (await http.GetAsync("/health/ready")).EnsureSuccessStatusCode();
        var page = await http.GetAsync("/frontdesk/");
        if (page.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException(
                $"GET /frontdesk/ answered {(int)page.StatusCode}: build the page first (scripts/frontdesk.sh build; ./test.sh does it) " +
                $"and make sure Program.cs calls app.MapFrontDesk(). {await page.Content.ReadAsStringAsync()}");
        }

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
        if (factory is not null) await factory.DisposeAsync();
        if (Database is not null) await Database.DisposeAsync();
    }

    /// <summary>An HTTP client of the running API, optionally with a bearer key.</summary>
    public HttpClient Http(string? key = null) => Http(BaseAddress, key);

    /// <summary>An HTTP client of the API at that address, optionally with a bearer key.</summary>
    public static HttpClient Http(Uri baseAddress, string? key = null)
    {
        var client = new HttpClient { BaseAddress = baseAddress };
        if (key is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>A session token for the client routes, issued by the running API.</summary>
    public string ClientSession(Guid organizationId, Guid clientId) =>
        factory!.Services.GetRequiredService<ClientSessions>().Issue(new ClientCaller(Guid.NewGuid(), organizationId, clientId, null)).Token;

    /// <summary>The path and query of a sign-in link the running API made for the client, as its e-mail carries it.</summary>
    public string SignInLink(Guid organizationId, Guid clientId) =>
        new Uri(factory!.Services.GetRequiredService<ClientLinks>().SignIn(organizationId, clientId).Url).PathAndQuery;

    /// <summary>
    /// A page in a browser context of its own (own sessionStorage), on a phone-sized screen; <paramref name="beforeLoad"/>
    /// runs before it loads (to install a fake clock, say).
    /// </summary>
    public async Task<IPage> OpenPhonePage(string path, Func<IPage, Task>? beforeLoad = null)
    {
        var context = await Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 390, Height = 844 }, DeviceScaleFactor = 2, IsMobile = true, HasTouch = true, Locale = "en-GB",
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(10_000);
        if (beforeLoad is not null) await beforeLoad(page);
        await page.GotoAsync(new Uri(BaseAddress, path).ToString());
        return page;
    }

    /// <summary>
    /// A front desk in its own browser context (own sessionStorage), in a browser time zone of its own, served by this
    /// fixture's API or by the API at <paramref name="apiAddress"/>, on the salon's location and day unless told another;
    /// with <paramref name="clock"/>, the browser's clock is a fake one set to that instant (tests move it on).
    /// </summary>
    public async Task<DeskPage> OpenDesk(
        Salon salon, string browserTimeZone, int width = 1440, int height = 900, bool phone = false, Uri? apiAddress = null,
        Guid? locationId = null, DateOnly? date = null, DateTimeOffset? clock = null)
    {
        var context = await Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = width, Height = height },
            DeviceScaleFactor = phone ? 2 : 1,
            IsMobile = phone,
            HasTouch = phone,
            Locale = "en-GB",
            TimezoneId = browserTimeZone,
        });
        if (clock is { } now) await context.Clock.InstallAsync(new() { TimeDate = now.UtcDateTime });
        var desk = new DeskPage(await context.NewPageAsync());
        desk.Page.SetDefaultTimeout(10_000);
        var path = $"/frontdesk/?location={locationId ?? salon.LocationId}&date={date ?? salon.Day:yyyy-MM-dd}#key={salon.OwnerKey}";
        await desk.Page.GotoAsync(new Uri(apiAddress ?? BaseAddress, path).ToString());
        await Assertions.Expect(desk.Page.Locator("#live")).ToHaveAttributeAsync("data-state", "live");
        return desk;
    }

    public static string Screenshot(string name) => Path.Combine(ArtefactsFolder, name);

}

[CollectionDefinition(Name)]
public sealed class FrontDeskCollection : ICollectionFixture<FrontDeskFixture>
{
    public const string Name = "frontdesk";
}
