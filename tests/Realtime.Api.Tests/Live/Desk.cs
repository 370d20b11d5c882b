using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Realtime.Api.Hosting;
using Realtime.Api.Live;

namespace Realtime.Api.Tests.Live;

/// <summary>
/// A front desk as the page is one: a hub connection, the calendar of one location and day, and the page's rule —
/// load the snapshot, apply changes of its epoch in sequence order, reload on a gap, a new epoch, a feed reset or a
/// reconnect (after watching the location again: the new connection is in no group yet).
/// </summary>
public sealed class Desk : IAsyncDisposable
{
    private readonly HubConnection connection;
    private readonly HttpClient http;
    private readonly Guid locationId;
    private readonly string date;
    private readonly Channel<JsonElement?> received = Channel.CreateUnbounded<JsonElement?>(); // null: reconnected
    private readonly Func<JsonElement, bool> deliver;
    private readonly TaskCompletionSource closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private Desk(HttpClient http, HubConnection connection, Guid locationId, DateTimeOffset day, Func<JsonElement, bool>? drop)
    {
        this.http = http;
        this.connection = connection;
        this.locationId = locationId;
        date = day.ToString("yyyy-MM-dd");
        deliver = drop is null ? _ => true : e => !drop(e);
        connection.On<JsonElement>("appointmentChanged", change => received.Writer.TryWrite(change));
        connection.On<JsonElement>("holdChanged", change => received.Writer.TryWrite(change));
        connection.On<JsonElement>("scheduleChanged", change => received.Writer.TryWrite(change));
        connection.On<JsonElement>("busyElsewhere", change => received.Writer.TryWrite(change));
        connection.On<JsonElement>("feedReset", reset => received.Writer.TryWrite(reset));
        connection.Reconnected += _ =>
        {
            received.Writer.TryWrite(null);
            return Task.CompletedTask;
        };
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
    }

    /// <summary>Completes when the connection closes for good (the server closed it, or it gave up reconnecting).</summary>
    public Task Closed => closed.Task;

    public string Epoch { get; private set; } = "";

    public long Sequence { get; private set; }

    public int Reloads { get; private set; }

    public int Reconnects { get; private set; }

    /// <summary>Every change this desk applied, in order.</summary>
    public List<JsonElement> Applied { get; } = [];

    public Dictionary<Guid, JsonElement> Appointments { get; } = [];

    /// <summary>The time the location's resources are taken at other locations, by appointment id.</summary>
    public Dictionary<Guid, JsonElement> Elsewhere { get; } = [];

    /// <summary>The slots held right now, by hold id.</summary>
    public Dictionary<Guid, JsonElement> Holds { get; } = [];

    /// <summary>A desk of an API node in this process (long polling through the test server), optionally dropping some changes.</summary>
    public static Task<Desk> Open(
        WebApplicationFactory<Program> node, string key, Guid locationId, DateTimeOffset day, Func<JsonElement, bool>? drop = null)
    {
        var http = node.CreateClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", key);
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(node.Server.BaseAddress, FrontDeskHub.Path), options =>
            {
                options.HttpMessageHandlerFactory = _ => node.Server.CreateHandler();
                options.Transports = HttpTransportType.LongPolling;
                options.AccessTokenProvider = () => Task.FromResult<string?>(key);
            })
            .AddJsonProtocol(o => ApiHosting.Configure(o.PayloadSerializerOptions))
            .Build();
        return Start(new Desk(http, connection, locationId, day, drop));
    }

    /// <summary>A desk of the API at that address, over the network as the page connects, reconnecting by itself (every half second).</summary>
    public static Task<Desk> Open(Uri api, string key, Guid locationId, DateTimeOffset day)
    {
        var http = new HttpClient { BaseAddress = api };
        http.DefaultRequestHeaders.Authorization = new("Bearer", key);
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(api, FrontDeskHub.Path), options => options.AccessTokenProvider = () => Task.FromResult<string?>(key))
            .WithAutomaticReconnect([.. Enumerable.Repeat(TimeSpan.FromMilliseconds(500), 60)])
            .AddJsonProtocol(o => ApiHosting.Configure(o.PayloadSerializerOptions))
            .Build();
        return Start(new Desk(http, connection, locationId, day, drop: null));
    }

    private static async Task<Desk> Start(Desk desk)
    {
        await desk.connection.StartAsync();
        await desk.connection.InvokeAsync("Watch", desk.locationId);
        await desk.Reload();
        desk.Reloads = 0;
        return desk;
    }

    public Task Watch(Guid otherLocation) => connection.InvokeAsync("Watch", otherLocation);

    /// <summary>Applies what arrives until the condition holds; fails after the timeout.</summary>
    public async Task Until(Func<Desk, bool> condition, TimeSpan? timeout = null)
    {
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (!condition(this))
        {
            var message = await received.Reader.ReadAsync(limit.Token);
            if (message is not { } change) await WatchAgain(limit.Token);
            else if (deliver(change)) await Apply(change);
        }
    }

    /// <summary>After a reconnect, possibly to another node: watches again (until that node reaches the location) and reloads.</summary>
    private async Task WatchAgain(CancellationToken cancellation)
    {
        Reconnects++;
        while (true)
        {
            try
            {
                await connection.InvokeAsync("Watch", locationId, cancellation);
                break;
            }
            catch (HubException)
            {
                await Task.Delay(250, cancellation);
            }
        }

        await Reload();
    }

    private async Task Apply(JsonElement message)
    {
        var epoch = message.GetProperty("epoch").GetString()!;
        var sequence = message.GetProperty("sequence").GetInt64();
        var isHold = message.TryGetProperty("hold", out var hold);
        var isSchedule = message.TryGetProperty("resourceId", out _);
        var isElsewhere = message.TryGetProperty("busy", out var busy);
        var isReset = !isHold && !isSchedule && !isElsewhere && !message.TryGetProperty("appointment", out _);
        if (epoch != Epoch || (!isReset && sequence > Sequence + 1) || (isReset && sequence != Sequence))
        {
            await Reload();
            return;
        }

        if (isReset || sequence <= Sequence) return;
        Sequence = sequence;
        if (isSchedule) return; // working time, which this desk does not draw, though it follows the feed's numbering
        Applied.Add(message);
        if (isElsewhere)
        {
            if (busy.ValueKind == JsonValueKind.Null) Elsewhere.Remove(message.GetProperty("appointmentId").GetGuid());
            else Elsewhere[message.GetProperty("appointmentId").GetGuid()] = busy.Clone();
            return;
        }

        if (isHold)
        {
            if (message.GetProperty("released").GetBoolean()) Holds.Remove(hold.GetProperty("id").GetGuid());
            else Holds[hold.GetProperty("id").GetGuid()] = hold.Clone();
            return;
        }

        var appointment = message.GetProperty("appointment");
        var id = appointment.GetProperty("id").GetGuid();
        if (message.GetProperty("deleted").GetBoolean()) Appointments.Remove(id);
        else if (!Appointments.TryGetValue(id, out var known) || known.GetProperty("version").GetInt64() < appointment.GetProperty("version").GetInt64())
        {
            Appointments[id] = appointment.Clone();
        }
    }

    private async Task Reload()
    {
        var snapshot = await http.GetFromJsonAsync<JsonElement>($"/api/locations/{locationId}/calendar?date={date}", ApiFixture.Json);
        Epoch = snapshot.GetProperty("epoch").GetString()!;
        Sequence = snapshot.GetProperty("sequence").GetInt64();
        Appointments.Clear();
        foreach (var appointment in snapshot.GetProperty("appointments").EnumerateArray()) Appointments[appointment.GetProperty("id").GetGuid()] = appointment.Clone();
        Elsewhere.Clear();
        foreach (var busy in snapshot.GetProperty("elsewhere").EnumerateArray()) Elsewhere[busy.GetProperty("appointmentId").GetGuid()] = busy.Clone();
        Holds.Clear();
        foreach (var hold in snapshot.GetProperty("holds").EnumerateArray()) Holds[hold.GetProperty("id").GetGuid()] = hold.Clone();
        Reloads++;
    }

    public async ValueTask DisposeAsync()
    {
        await connection.DisposeAsync();
        http.Dispose();
    }
}
