using Realtime.Api.Endpoints;
using Realtime.Api.Hosting;
using Realtime.Silo.Hosting;

// One process: the API and a silo of the Realtime cluster (co-hosted; README, "Running a cluster", says why).
var builder = WebApplication.CreateBuilder(args);
builder.UseOrleans(silo => silo.ConfigureRealtimeSilo(builder.Configuration));
builder.AddRealtimeApi();

var app = builder.Build();
app.UseRealtimeApi().MapFrontDesk().MapClientPage().MapRealtimeEndpoints();
app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
