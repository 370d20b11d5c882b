using Microsoft.Extensions.Hosting;
using Realtime.Silo.Hosting;

// A silo process of the Realtime cluster. Configuration: appsettings.json, then environment variables
// (e.g. ConnectionStrings__Postgres, Orleans__SiloPort), then the command line.
var builder = Host.CreateApplicationBuilder(args);
builder.UseOrleans(silo => silo.ConfigureRealtimeSilo(builder.Configuration));
await builder.Build().RunAsync();

/// <summary>Internal: the dashboard brings ASP.NET Core, whose generator would make it public and clash with the API's Program.</summary>
internal partial class Program;
