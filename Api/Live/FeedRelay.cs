using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Realtime.Grains.Caching;
using Realtime.Grains.Interfaces.Feeds;
using Realtime.Grains.Telemetry;

namespace Realtime.Api.Live;

/// <summary>
/// Receives one location's feed on this node and forwards it to the desks connected here, in sequence order:
/// Orleans does not promise that one-way messages arrive in the order sent, so a change that overtakes an earlier one
/// waits briefly for it. A change that never comes is skipped over, and the desks, seeing the gap, reload.
/// </summary>
internal sealed class FeedRelay : ILocationFeedObserver, IAsyncDisposable
{
    private static readonly TimeSpan GapPatience = TimeSpan.FromMilliseconds(300);
    private readonly Channel<IFeedChange> incoming = Channel.CreateUnbounded<IFeedChange>(new() { SingleReader = true });
    private readonly SortedDictionary<long, IFeedChange> waiting = [];
    private readonly Guid locationId;
    private readonly IGrainFactory grains;
    private readonly DefinitionCache definitions;
    private readonly IHubContext<FrontDeskHub> hub;
    private readonly RealtimeMetrics metrics;
    private readonly TimeProvider time;
    private readonly Task forwarding;
    private string? epoch;
    private long forwarded;

    public FeedRelay(
        Guid locationId, IGrainFactory grains, DefinitionCache definitions, IHubContext<FrontDeskHub> hub, RealtimeMetrics metrics, TimeProvider time)
    {
        this.locationId = locationId;
        this.grains = grains;
        this.definitions = definitions;
        this.hub = hub;
        this.metrics = metrics;
        this.time = time;
        forwarding = Task.Run(Forward);
    }

    public Task OnAppointmentChanged(AppointmentChanged change)
    {
        incoming.Writer.TryWrite(change);
        return Task.CompletedTask;
    }

    public Task OnHoldChanged(HoldChanged change)
    {
        incoming.Writer.TryWrite(change);
        return Task.CompletedTask;
    }

    public Task OnScheduleChanged(ScheduleChanged change)
    {
        incoming.Writer.TryWrite(change);
        return Task.CompletedTask;
    }

    public Task OnBusyElsewhereChanged(BusyElsewhereChanged change)
    {
        incoming.Writer.TryWrite(change);
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        incoming.Writer.TryComplete();
        await forwarding;
    }

    private async Task Forward()
    {
        while (await incoming.Reader.WaitToReadAsync())
        {
            while (incoming.Reader.TryRead(out var change)) Accept(change);
            while (waiting.Count > 0)
            {
                var next = waiting.First();
                if (next.Key != forwarded + 1 && !await GapClosed()) forwarded = next.Key - 1;
                if (!waiting.Remove(forwarded + 1, out var due)) continue;
                await Send(due);
                metrics.FannedOut(time.GetUtcNow() - due.PublishedAt);
                forwarded = due.Sequence;
            }
        }
    }

    private void Accept(IFeedChange change)
    {
        if (change.Epoch != epoch)
        {
            epoch = change.Epoch;
            forwarded = change.Sequence - 1;
            waiting.Clear();
        }

        if (change.Sequence > forwarded) waiting[change.Sequence] = change;
    }

    private async Task<bool> GapClosed()
    {
        using var patience = new CancellationTokenSource(GapPatience);
        try
        {
            while (!waiting.ContainsKey(forwarded + 1))
            {
                await incoming.Reader.WaitToReadAsync(patience.Token);
                while (incoming.Reader.TryRead(out var change)) Accept(change);
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private Task Send(IFeedChange change) => change switch
    {
        AppointmentChanged appointment => Send(appointment),
        HoldChanged hold => hub.Clients.Group(FrontDeskHub.Group(locationId)).SendAsync(
            "holdChanged", new HoldChangedMessage(locationId, hold.Epoch, hold.Sequence, hold.Released, hold.Hold)),
        ScheduleChanged schedule => hub.Clients.Group(FrontDeskHub.Group(locationId)).SendAsync(
            "scheduleChanged", new ScheduleChangedMessage(locationId, schedule.Epoch, schedule.Sequence, schedule.ResourceId)),
        BusyElsewhereChanged elsewhere => hub.Clients.Group(FrontDeskHub.Group(locationId)).SendAsync(
            "busyElsewhere", new BusyElsewhereMessage(locationId, elsewhere.Epoch, elsewhere.Sequence, elsewhere.AppointmentId, elsewhere.Busy)),
        _ => throw new ArgumentOutOfRangeException(nameof(change), change, null),
    };

    private async Task Send(AppointmentChanged change)
    {
        var clients = change.Appointment.ClientId is { } clientId ? await ClientSummary.Of(grains, [clientId]) : [];
        var conflicts = !change.Deleted && await definitions.Location(locationId) is { } location
            ? await VisitConflicts.Of(definitions, [change.Appointment], location.Definition.TimeZone)
            : [];
        var message = new AppointmentChangedMessage(
            locationId, change.Epoch, change.Sequence, change.Deleted, change.Appointment, clients.FirstOrDefault(), conflicts);
        await hub.Clients.Group(FrontDeskHub.Group(locationId)).SendAsync("appointmentChanged", message);
    }
}
