using System.Text.Json;
using Realtime.Grains.Interfaces.Appointments;

namespace Realtime.Faults;

/// <summary>What the invariants compare of an appointment, wherever it was read: an answer, the grain, its stored state, the read model.</summary>
public sealed record Appointment(Guid Id, long Version, AppointmentStatus Status, DateTimeOffset Start, Guid[] ResourceIds)
{
    /// <summary>From the API's view of an appointment (an action that returns the next visit too wraps it as <c>appointment</c>).</summary>
    public static Appointment FromView(JsonElement view)
    {
        if (view.TryGetProperty("appointment", out var inner)) view = inner;
        return new(
            view.GetProperty("id").GetGuid(),
            view.GetProperty("version").GetInt64(),
            Enum.Parse<AppointmentStatus>(view.GetProperty("status").GetString()!, ignoreCase: true),
            view.GetProperty("start").GetDateTimeOffset(),
            [.. view.GetProperty("resourceIds").EnumerateArray().Select(r => r.GetGuid())]);
    }

    /// <summary>Same version, status, start instant and resources (in any order).</summary>
    public bool SameAs(Appointment other) =>
        Id == other.Id && Version == other.Version && Status == other.Status && Start.UtcDateTime == other.Start.UtcDateTime
        && ResourceIds.Order().SequenceEqual(other.ResourceIds.Order());
}
