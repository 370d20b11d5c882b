using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Realtime.Silo.Hosting;
using Realtime.Testing;

namespace Realtime.Api.Tests.Observability;

/// <summary>A node started with the dashboard turned off serves no dashboard and runs none of its services.</summary>
public sealed class DashboardSwitchTests : IAsyncLifetime
{
    private PostgresDatabase database = null!;
    private WebApplicationFactory<Program> node = null!;

    public async Task InitializeAsync()
    {
        database = await PostgresDatabase.CreateAsync("no_dashboard");
        node = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            foreach (var (key, value) in ApiNodeSettings.For(database, ApiFixture.OperatorKey)) web.UseSetting(key, value);
            web.UseSetting(SiloTelemetry.DashboardSetting, "false");
        });
    }

    public async Task DisposeAsync()
    {
        await node.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task A_node_without_the_dashboard_answers_its_path_not_found_and_runs_no_dashboard_service()
    {
        using var @operator = node.CreateClient();
        @operator.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiFixture.OperatorKey);

        Assert.Equal(HttpStatusCode.OK, (await @operator.GetAsync("/health/ready")).StatusCode);
        await ProblemAssert.Is(await @operator.GetAsync("/dashboard/"), HttpStatusCode.NotFound, "not_found");
        Assert.DoesNotContain(node.Services.GetServices<IHostedService>(), service => service.GetType().Assembly.GetName().Name == "Orleans.Dashboard");
    }
}
