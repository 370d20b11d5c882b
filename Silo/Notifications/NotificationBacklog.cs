using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Realtime.Grains.Notifications;
using Realtime.Grains.Telemetry;

namespace Realtime.Silo.Notifications;

/// <summary>Counts the outbox for the <see cref="RealtimeMetrics"/> gauge every few seconds, so that reading it costs no query.</summary>
public sealed partial class NotificationBacklog(
    INotificationOutbox outbox, RealtimeMetrics metrics, TimeProvider time, ILogger<NotificationBacklog> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                metrics.NotificationsWaiting(await outbox.CountWaiting(stoppingToken));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                CountFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not count the notifications waiting to be sent")]
    private partial void CountFailed(Exception ex);
}
