using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace Realtime.Bench.Scenarios;

/// <summary>
/// Front desks watching locations over SignalR while bookings arrive at a steady rate: the time from a booking's
/// acknowledgement (its 201 reaching the client) to its change reaching each connection watching its location.
/// Realtime only: the baseline pushes nothing.
/// </summary>
public static class SignalRFanOut
{
    private const string Name = "SignalR fan-out";
    private const int ConnectingAtOnce = 20;
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(3);

    public static async Task RunAsync(BenchContext bench)
    {
        var settings = bench.Settings;
        var tenant = await bench.Realtime.NewTenantAsync();
        var locations = await Task.WhenAll(Enumerable.Range(0, settings.FanOutLocations).Select(async _ =>
        {
            var location = await tenant.LocationAsync();
            return (Location: location, Resource: await tenant.ResourceAsync(location));
        }));

        var clock = Stopwatch.StartNew();
        var receipts = new ConcurrentBag<(int Connection, Guid Appointment, TimeSpan At)>();
        var connections = new HubConnection[settings.FanOutConnections];
        try
        {
            await Parallel.ForAsync(0, connections.Length, new ParallelOptions { MaxDegreeOfParallelism = ConnectingAtOnce }, async (i, ct) =>
            {
                var connection = connections[i] = new HubConnectionBuilder()
                    .WithUrl(new Uri(bench.Realtime.Server.Address, "/hubs/frontdesk"),
                        o => o.AccessTokenProvider = () => Task.FromResult<string?>(tenant.OwnerKey))
                    .Build();
                connection.On<JsonElement>("appointmentChanged", change =>
                    receipts.Add((i, change.GetProperty("appointment").GetProperty("id").GetGuid(), clock.Elapsed)));
                await connection.StartAsync(ct);
                await connection.InvokeAsync("Watch", locations[i % locations.Length].Location, ct);
            });

            var sent = await BookSteadilyAsync(tenant, locations, settings, clock);
            await Task.Delay(Grace);
            Report(bench, settings, sent, receipts.ToArray());
        }
        finally
        {
            await Task.WhenAll(connections.Where(c => c is not null).Select(c => c.DisposeAsync().AsTask()));
        }
    }

    /// <summary>
    /// Bookings at the set rate (open loop: not waiting for answers) through the warm-up and the window, each location
    /// in turn filling its resource's slots in order. At most a second's worth are in flight: when the server falls
    /// further behind, the bookings due are skipped (and counted), so that a slow server cannot stall the run.
    /// </summary>
    private static async Task<Sent> BookSteadilyAsync(
        RealtimeSystem.Tenant tenant, (Guid Location, Guid Resource)[] locations, BenchSettings settings, Stopwatch clock)
    {
        var acknowledged = new ConcurrentBag<Booking>();
        var bookings = new List<Task>();
        var (skipped, failed, inFlight) = (0, 0, 0);
        var started = clock.Elapsed;
        var (windowStart, end) = (started + settings.WarmUp, started + settings.WarmUp + settings.Window);
        using var timer = new PeriodicTimer(Tick);
        for (var n = 0; clock.Elapsed < end && await timer.WaitForNextTickAsync();)
        {
            for (var due = (int)((clock.Elapsed - started).TotalSeconds * settings.FanOutBookingsPerSecond); n < due; n++)
            {
                var (location, slot, sentAt) = (n % locations.Length, n / locations.Length, clock.Elapsed);
                if (Volatile.Read(ref inFlight) >= settings.FanOutBookingsPerSecond)
                {
                    if (sentAt >= windowStart) skipped++;
                    continue;
                }
                Interlocked.Increment(ref inFlight);
                bookings.Add(Task.Run(async () =>
                {
                    var (outcome, id) = await tenant.BookAsync(locations[location].Location, locations[location].Resource, BenchCalendar.NthSlot(slot));
                    Interlocked.Decrement(ref inFlight);
                    if (sentAt < windowStart) return;
                    if (outcome == Outcome.Accepted) acknowledged.Add(new(id!.Value, location, sentAt, clock.Elapsed));
                    else Interlocked.Increment(ref failed);
                }));
            }
        }
        await Task.WhenAll(bookings);
        return new([.. acknowledged], skipped, failed);
    }

    private sealed record Booking(Guid Appointment, int Location, TimeSpan SentAt, TimeSpan AcknowledgedAt);

    private sealed record Sent(Booking[] Acknowledged, int Skipped, int Failed);

    private static void Report(BenchContext bench, BenchSettings settings, Sent sent, (int Connection, Guid Appointment, TimeSpan At)[] receipts)
    {
        var received = receipts.ToLookup(r => r.Appointment);
        var (fromAcknowledgement, fromSending) = (new List<double>(), new List<double>());
        var (early, expected) = (0, 0);
        foreach (var booking in sent.Acknowledged)
        {
            var watchers = Enumerable.Range(0, settings.FanOutConnections).Where(c => c % settings.FanOutLocations == booking.Location).ToHashSet();
            expected += watchers.Count;
            foreach (var receipt in received[booking.Appointment].Where(r => watchers.Contains(r.Connection)))
            {
                var ms = (receipt.At - booking.AcknowledgedAt).TotalMilliseconds;
                if (ms < 0) early++;
                fromAcknowledgement.Add(Math.Max(0, ms));
                fromSending.Add((receipt.At - booking.SentAt).TotalMilliseconds);
            }
        }

        var p99 = Percentiles.Of(fromAcknowledgement, 0.99);
        var measure = $"{settings.FanOutConnections} connections over {settings.FanOutLocations} locations, {settings.FanOutBookingsPerSecond} bookings/s";
        bench.Results.Figures.AddRange(
        [
            new(Name, $"p50 acknowledgement → receipt at every watcher (ms) ({measure})", Percentiles.Of(fromAcknowledgement, 0.50)),
            new(Name, "p99 acknowledgement → receipt at every watcher (ms)", p99, Target: new("≤ 100 ms", p99 <= 100)),
            new(Name, "p50 request sent → receipt (ms)", Percentiles.Of(fromSending, 0.50)),
            new(Name, "p99 request sent → receipt (ms)", Percentiles.Of(fromSending, 0.99)),
        ]);
        bench.Results.Notes.Add(
            $"{Name}: in the window {sent.Acknowledged.Length:N0} bookings acknowledged, {sent.Failed:N0} failed, {sent.Skipped:N0} skipped " +
            $"because a second's worth were still unanswered; {fromAcknowledgement.Count:N0} of {expected:N0} expected deliveries arrived " +
            $"within {Grace.TotalSeconds:N0} s after the last booking ({early:N0} before the acknowledgement itself, counted as 0 ms).");
    }
}
