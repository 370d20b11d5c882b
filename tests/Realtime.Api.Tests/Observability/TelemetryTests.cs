using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Realtime.Api.Tests.Infrastructure;
using Realtime.Api.Tests.Live;
using Realtime.Grains.Domain.Notifications;
using Realtime.Grains.Notifications;
using Realtime.Grains.Telemetry;
using Realtime.Silo.Hosting;
using Realtime.Silo.Notifications;
using static Realtime.Api.Tests.Infrastructure.Tenant;

namespace Realtime.Api.Tests.Observability;

[Collection(ApiCollection.Name)]
public sealed class TelemetryTests(ApiFixture api)
{
    [Fact]
    public async Task A_booking_and_a_refused_double_booking_are_counted()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var anna = await tenant.Resource(location);
        using var measurements = new Measurements(api.Factory.Services.GetRequiredService<IMeterFactory>());
        var start = Local(3, 10);

        await Send(tenant.Owner, HttpMethod.Post, "/api/appointments", Booking(location, [anna], start), HttpStatusCode.Created);
        await Send(tenant.Owner, HttpMethod.Post, "/api/appointments", Booking(location, [anna], start), HttpStatusCode.Conflict);

        Assert.Equal(1, measurements.Sum(RealtimeMetrics.BookingsName, "booked"));
        Assert.Equal(1, measurements.Sum(RealtimeMetrics.ConflictsName));
    }

    [Fact]
    public async Task A_watched_booking_records_its_fan_out_to_the_desks()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var anna = await tenant.Resource(location);
        var start = Local(3, 12);
        await using var desk = await Desk.Open(api.Factory, tenant.OwnerKey, location, start);
        using var measurements = new Measurements(api.Factory.Services.GetRequiredService<IMeterFactory>());

        var booked = Id(await Send(tenant.Owner, HttpMethod.Post, "/api/appointments", Booking(location, [anna], start), HttpStatusCode.Created));
        await desk.Until(d => d.Appointments.ContainsKey(booked));

        var fannedOut = await measurements.Await(RealtimeMetrics.FanOutName);
        Assert.InRange(fannedOut, 0, 10);
    }

    [Fact]
    public async Task The_outbox_gauge_counts_the_notifications_waiting_to_be_sent()
    {
        var outbox = api.Factory.Services.GetRequiredService<INotificationOutbox>();
        var tomorrow = DateTimeOffset.UtcNow.AddDays(1);
        await outbox.Enqueue([new Notification
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = Guid.NewGuid(),
            AppointmentId = Guid.NewGuid(),
            Kind = "booked",
            Channel = NotificationChannel.Email,
            Recipient = "ewa@example.com",
            Body = "not due before tomorrow",
            NextAttemptAt = tomorrow,
            CreatedAt = DateTimeOffset.UtcNow,
        }], CancellationToken.None);
        using var measurements = new Measurements(api.Factory.Services.GetRequiredService<IMeterFactory>());

        await measurements.Observe(RealtimeMetrics.NotificationsWaitingName, waiting => waiting >= 1);
    }

    [Fact]
    public async Task A_traced_booking_includes_its_grain_calls()
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var anna = await tenant.Resource(location);
        var traceId = ActivityTraceId.CreateRandom();
        var orleans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { if (activity.TraceId == traceId) orleans.Add(activity); },
        };
        ActivitySource.AddActivityListener(listener);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/appointments")
        {
            Content = System.Net.Http.Json.JsonContent.Create(Booking(location, [anna], Local(4, 10)), options: ApiFixture.Json),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        using var response = await tenant.Owner.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains(orleans, activity => activity.DisplayName.Contains("IAppointmentGrain", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_dashboard_is_for_owners_admins_and_the_operator()
    {
        var tenant = await api.NewTenant();
        using var anonymous = api.Client();
        using var desk = await tenant.KeyClient("frontDesk");
        using var admin = await tenant.KeyClient("admin");
        using var @operator = api.Client(ApiFixture.OperatorKey);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await desk.GetAsync("/dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tenant.Owner.GetAsync("/dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await @operator.GetAsync("/dashboard/")).StatusCode);
    }

    [Fact]
    public async Task A_browser_gives_the_dashboard_its_key_as_the_basic_password_and_nothing_else_takes_basic()
    {
        using var anonymous = api.Client();
        HttpRequestMessage Get(string path, string? authorization)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
            return request;
        }
        static string Basic(string user, string password) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

        var challenged = await anonymous.SendAsync(Get("/dashboard/", null));
        Assert.Equal(HttpStatusCode.Unauthorized, challenged.StatusCode);
        Assert.Equal(["Bearer", "Basic realm=\"Realtime dashboard\", charset=\"UTF-8\""], challenged.Headers.WwwAuthenticate.Select(c => c.ToString()));

        Assert.Equal(HttpStatusCode.OK, (await anonymous.SendAsync(Get("/dashboard/", Basic("anyone", ApiFixture.OperatorKey)))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.SendAsync(Get("/dashboard/DashboardCounters", Basic("", ApiFixture.OperatorKey)))).StatusCode);
        foreach (var refused in new[] { Basic("anyone", "not-the-key"), "Basic !!!", "Basic", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("no-colon")) })
        {
            var answer = await anonymous.SendAsync(Get("/dashboard/", refused));
            Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
            Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        }

        var elsewhere = await anonymous.SendAsync(Get("/api/locations", Basic("anyone", ApiFixture.OperatorKey)));
        await ProblemAssert.Is(elsewhere, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.DoesNotContain(elsewhere.Headers.WwwAuthenticate, c => c.Scheme == "Basic");
    }

    [Fact]
    public async Task The_dashboards_silo_pages_refuse_an_address_that_is_not_a_silo_of_the_cluster()
    {
        var tenant = await api.NewTenant();
        var silo = api.Factory.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToParsableString();

        foreach (var page in new[] { "SiloCounters", "SiloProperties", "SiloMetadata", "SiloStats", "HistoricalStats" })
        {
            Assert.Equal(HttpStatusCode.OK, (await tenant.Owner.GetAsync($"/dashboard/{page}/{silo}")).StatusCode);
            await ProblemAssert.Is(await tenant.Owner.GetAsync($"/dashboard/{page}/not-a-silo"), HttpStatusCode.BadRequest, "validation_failed");
            await ProblemAssert.Is(await tenant.Owner.GetAsync($"/dashboard/{page}/10.0.0.5:11111@1"), HttpStatusCode.NotFound, "not_found");
        }
    }

    [Theory]
    [InlineData(null, null, null)]
    [InlineData("http://collector:4317", null, "http://collector:4317/")]
    [InlineData(null, "http://env-collector:4317", "http://env-collector:4317/")]
    [InlineData("http://collector:4317", "http://env-collector:4317", "http://collector:4317/")]
    public void Telemetry_is_exported_only_where_an_endpoint_is_set(string? setting, string? environment, string? expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [SiloTelemetry.OtlpEndpointSetting] = setting,
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = environment,
        }).Build();

        Assert.Equal(expected, SiloTelemetry.OtlpEndpoint(configuration)?.ToString());
    }

    /// <summary>What the product meter of this API node records while it listens; other nodes' meters are not heard.</summary>
    private sealed class Measurements : IDisposable
    {
        private readonly MeterListener listener = new();
        private readonly ConcurrentQueue<(string Instrument, string? Kind, double Value)> recorded = new();

        public Measurements(IMeterFactory node)
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == RealtimeMetrics.MeterName && instrument.Meter.Scope == node) l.EnableMeasurementEvents(instrument);
            };
            listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
            listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
            listener.Start();
        }

        public double Sum(string instrument, string? kind = null) =>
            recorded.Where(m => m.Instrument == instrument && (kind is null || m.Kind == kind)).Sum(m => m.Value);

        /// <summary>The first value of the instrument, waiting for it up to a deadline (it may be recorded after what it measures).</summary>
        public async Task<double> Await(string instrument)
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (true)
            {
                var found = recorded.FirstOrDefault(m => m.Instrument == instrument);
                if (found.Instrument is not null) return found.Value;
                Assert.True(DateTime.UtcNow < deadline, $"Nothing recorded on {instrument}.");
                await Task.Delay(20);
            }
        }

        /// <summary>Reads the gauge until it shows what is expected, up to a deadline beyond one count of the outbox.</summary>
        public async Task Observe(string instrument, Func<double, bool> expected)
        {
            var deadline = DateTime.UtcNow + NotificationBacklog.Interval * 3;
            while (true)
            {
                listener.RecordObservableInstruments();
                if (recorded.LastOrDefault(m => m.Instrument == instrument) is { Instrument: not null } last && expected(last.Value)) return;
                Assert.True(DateTime.UtcNow < deadline, $"{instrument} never showed the expected value.");
                await Task.Delay(100);
            }
        }

        private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string? kind = null;
            foreach (var tag in tags) if (tag.Key == "kind") kind = tag.Value as string;
            recorded.Enqueue((instrument.Name, kind, value));
        }

        public void Dispose() => listener.Dispose();
    }
}
