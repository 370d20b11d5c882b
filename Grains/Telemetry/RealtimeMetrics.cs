using System.Diagnostics.Metrics;
using Realtime.Grains.Interfaces.Appointments;

namespace Realtime.Grains.Telemetry;

/// <summary>The product's own instruments, on the <see cref="MeterName"/> meter; grains record through this class only.</summary>
public sealed class RealtimeMetrics
{
    public const string MeterName = "Realtime";
    public const string BookingsName = "realtime.appointments.changes";
    public const string ConflictsName = "realtime.appointments.conflicts";
    public const string FanOutName = "realtime.feed.fanout.duration";
    public const string NotificationsWaitingName = "realtime.notifications.waiting";

    private readonly Counter<long> changes;
    private readonly Counter<long> conflicts;
    private readonly Histogram<double> fanOut;
    private long notificationsWaiting;

    public RealtimeMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        changes = meter.CreateCounter<long>(BookingsName, "{change}", "Appointment changes recorded, by kind (booked, rescheduled, cancelled, ...).");
        conflicts = meter.CreateCounter<long>(ConflictsName, "{refusal}", "Bookings and moves refused because the time is taken (slot_taken).");
        meter.CreateObservableGauge(NotificationsWaitingName, () => Interlocked.Read(ref notificationsWaiting), "{message}",
            "Notifications still to be sent, as this silo last counted them.");
        fanOut = meter.CreateHistogram<double>(FanOutName, "s", "From a location feed publishing a change to an API node sending it to the desks.");
    }

    public void Recorded(AppointmentChangeKind kind) =>
        changes.Add(1, new KeyValuePair<string, object?>("kind", kind.ToString().ToLowerInvariant()));

    public void Conflict() => conflicts.Add(1);

    public void FannedOut(TimeSpan latency) => fanOut.Record(latency.TotalSeconds);

    public void NotificationsWaiting(long count) => Interlocked.Exchange(ref notificationsWaiting, count);
}
