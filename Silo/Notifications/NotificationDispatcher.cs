using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;
using Realtime.Grains.Domain.Notifications;
using Realtime.Grains.Notifications;

namespace Realtime.Silo.Notifications;

/// <summary>
/// Sends what the outbox holds: claims due messages (<see cref="INotificationOutbox.ClaimDue"/>), hands each to the
/// sender of its channel, and records the outcome — sent, failed and retried later with exponential back-off and
/// jitter (<see cref="RetryPolicy"/>), or dead after <see cref="NotificationDispatcherOptions.MaxAttempts"/> attempts
/// or a failure that retrying cannot fix. Every silo runs one; they share the work through the outbox's claims.
/// Runs while the silo is active (it calls grains for webhook secrets and organisation names): it starts when the
/// silo has joined the cluster and stops before it leaves. A message being sent when the silo stops is sent again by
/// whichever silo claims it after its lease: deliveries are at least once (receivers drop repeats by delivery id).
/// </summary>
public sealed partial class NotificationDispatcher(
    INotificationOutbox outbox,
    IEnumerable<INotificationSender> senders,
    NotificationSignal signal,
    IOptions<NotificationDispatcherOptions> options,
    TimeProvider time,
    ILogger<NotificationDispatcher> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private const int MaxErrorLength = 1000;
    private readonly Dictionary<NotificationChannel, INotificationSender> sendersByChannel = senders.ToDictionary(s => s.Channel);
    private readonly CancellationTokenSource stopping = new();
    private Task? loop;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(NotificationDispatcher), ServiceLifecycleStage.Active, Start, Stop);

    public Task Start(CancellationToken ct)
    {
        var settings = options.Value;
        if (!settings.Dispatch)
        {
            LogDisabled();
            return Task.CompletedTask;
        }

        if (settings.RetryPolicy.Validate() is { Length: > 0 } errors)
        {
            throw new InvalidOperationException($"{NotificationDispatcherOptions.Section}: {string.Join(" ", errors)}");
        }

        loop = Task.Run(() => Run(stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task Stop(CancellationToken ct)
    {
        await stopping.CancelAsync();
        if (loop is not null) await loop.WaitAsync(ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>Claims one batch of due messages and delivers them.</summary>
    /// <returns>How many messages were claimed.</returns>
    public async Task<int> DispatchOnce(CancellationToken ct)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var claimed = await outbox.ClaimDue(now, settings.BatchSize, now + settings.Lease, ct);
        if (claimed.Length == 0) return 0;
        await Parallel.ForEachAsync(
            claimed,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, settings.Parallelism), CancellationToken = ct },
            async (notification, token) => await Deliver(notification, token));
        return claimed.Length;
    }

    public void Dispose() => stopping.Dispose();

    private async Task Run(CancellationToken ct)
    {
        var settings = options.Value;
        LogStarted(settings.PollInterval, settings.MaxAttempts);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (await DispatchOnce(ct) >= settings.BatchSize) continue;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogPollFailed(ex);
            }

            try
            {
                await signal.Wait(settings.PollInterval, ct);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task Deliver(Notification notification, CancellationToken ct)
    {
        try
        {
            if (!sendersByChannel.TryGetValue(notification.Channel, out var sender))
            {
                throw new DeliveryException($"No sender for the {NotificationNames.Of(notification.Channel)} channel.", permanent: true);
            }

            await sender.Send(notification, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping: the lease runs out and the message is claimed again.
            return;
        }
        catch (Exception ex)
        {
            var now = time.GetUtcNow();
            var permanent = ex is DeliveryException { Permanent: true };
            var retryAt = permanent ? null : options.Value.RetryPolicy.NextAttempt(notification.Attempts, now, Random.Shared.NextDouble());
            var error = Describe(ex);
            await outbox.MarkFailed(notification.Id, error, retryAt, CancellationToken.None);
            if (retryAt is { } next) LogRetrying(notification.Id, notification.Kind, NotificationNames.Of(notification.Channel), notification.Attempts, next, error);
            else LogDead(notification.Id, notification.Kind, NotificationNames.Of(notification.Channel), notification.Attempts, error);
            return;
        }

        await outbox.MarkSent(notification.Id, time.GetUtcNow(), CancellationToken.None);
    }

    private static string Describe(Exception ex)
    {
        var message = ex is DeliveryException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
        return message.Length <= MaxErrorLength ? message : message[..MaxErrorLength];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification dispatcher started (poll every {PollInterval}, at most {MaxAttempts} attempts).")]
    private partial void LogStarted(TimeSpan pollInterval, int maxAttempts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification dispatcher is off on this silo (Realtime:Notifications:Dispatch=false).")]
    private partial void LogDisabled();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the notification outbox; trying again.")]
    private partial void LogPollFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {Id} ({Kind}, {Channel}) failed on attempt {Attempt}; next attempt at {Next:O}: {Error}")]
    private partial void LogRetrying(Guid id, string kind, string channel, int attempt, DateTimeOffset next, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Notification {Id} ({Kind}, {Channel}) is dead after {Attempts} attempts: {Error}")]
    private partial void LogDead(Guid id, string kind, string channel, int attempts, string error);
}
