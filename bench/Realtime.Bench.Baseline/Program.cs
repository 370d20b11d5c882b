using Npgsql;
using Realtime.Bench.Baseline;

// The obvious alternative to Realtime, for the benchmarks: bookings in one PostgreSQL table whose exclusion
// constraint refuses overlaps, behind a minimal API.
var builder = WebApplication.CreateBuilder(args);
var connectionString = builder.Configuration.GetConnectionString("Baseline")
    ?? throw new InvalidOperationException("ConnectionStrings:Baseline is required.");
builder.Services.AddSingleton(NpgsqlDataSource.Create(connectionString));
builder.Services.AddSingleton<RetryCounters>();

var app = builder.Build();
await BookingsSchema.CreateAsync(app.Services.GetRequiredService<NpgsqlDataSource>());
app.MapBookingsApi().MapAvailabilityApi();
app.MapGet("/health", () => TypedResults.Ok());
app.Run();
