using System.Globalization;
using Realtime.Grains.Interfaces.Appointments;

namespace Realtime.Grains.Domain.Appointments;

/// <summary>
/// What an edit changed, in the words of its history entry (DESIGN.md: the history says who, when and what), e.g.
/// "duration 30 -> 45 min; price 100 -> 123.50; labels +vip". Null when it changed nothing.
/// </summary>
public static class AppointmentChanges
{
    /// <summary>A change's name in the history: <c>SeatFreed</c> is "seat-freed".</summary>
    public static string ActionName(AppointmentChangeKind change) =>
        string.Concat(change.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? $"-{char.ToLowerInvariant(c)}" : $"{char.ToLowerInvariant(c)}"));

    /// <summary>
    /// Whether the history holds a change made under the request id (<see cref="HistoryEntry.RequestId"/>): a keyed request
    /// seen again is then a repeat of an attempt that landed. Never so without a key.
    /// </summary>
    public static bool MadeUnder(HistoryEntry[] history, Guid? requestId) =>
        requestId is { } id && Array.Exists(history, entry => entry.RequestId == id);

    /// <summary>Whether the latest change is the one made under the request id: the appointment is still as that change left it.</summary>
    public static bool LastMadeUnder(HistoryEntry[] history, Guid requestId) => history is [.., { } last] && last.RequestId == requestId;

    /// <summary>The fact of an <see cref="ErrorCodes.AppointmentChanged"/> refusal that names the version the appointment is at.</summary>
    public const string CurrentVersionFact = "currentVersion";

    /// <summary>
    /// A change asked against <paramref name="expectedVersion"/> (the version a desk showed, from an If-Match) of an
    /// appointment now at <paramref name="currentVersion"/>: refused if someone else changed it meanwhile, so that their
    /// change is not silently overwritten. Without an expected version, nothing is checked.
    /// </summary>
    public static DomainError? CheckUnchangedSince(long? expectedVersion, long currentVersion) =>
        expectedVersion is { } expected && expected != currentVersion
            ? new DomainError(
                ErrorCodes.AppointmentChanged,
                $"Someone else changed this appointment meanwhile (it is at version {currentVersion}, the change was made on version {expected}). " +
                "Nothing was changed: look at it as it is now and make the change again if it still applies.",
                [], new Dictionary<string, string> { [CurrentVersionFact] = currentVersion.ToString(CultureInfo.InvariantCulture) })
            : null;

    /// <summary>Who a cancellation was for, in the history's words.</summary>
    public static string CancelledDetails(CancellationReason reason) => reason switch
    {
        CancellationReason.Client => "the client cancelled",
        CancellationReason.ClientDeleted => "the client was deleted",
        _ => "the business cancelled",
    };

    /// <summary>What a no-show did besides, if anything.</summary>
    public static string? NoShowDetails(bool blacklisted) => blacklisted ? "the client was put on the blacklist" : null;

    public static string? Describe(AppointmentView before, AppointmentView after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changes = new List<string>();
        if (!before.ServiceIds.SequenceEqual(after.ServiceIds)) changes.Add($"services {Ids(before.ServiceIds)} -> {Ids(after.ServiceIds)}");
        if (before.DurationMinutes != after.DurationMinutes) changes.Add($"duration {before.DurationMinutes} -> {after.DurationMinutes} min");
        if (before.Price != after.Price) changes.Add($"price {Price(before.Price)} -> {Price(after.Price)}");
        var added = after.Labels.Except(before.Labels).Select(l => $"+{l}");
        var removed = before.Labels.Except(after.Labels).Select(l => $"-{l}");
        if (added.Concat(removed).ToList() is { Count: > 0 } labels) changes.Add($"labels {string.Join(' ', labels)}");
        if (after.Comments.Length > before.Comments.Length) changes.Add("comment added");
        if ((before.Notes ?? "") != (after.Notes ?? "")) changes.Add("notes changed"); // the page sends "" for no notes
        Flag("payment due", before.PaymentDue, after.PaymentDue, changes);
        Flag("first consultation", before.FirstConsultation, after.FirstConsultation, changes);
        Flag("ASAP", before.Asap, after.Asap, changes);
        return changes.Count > 0 ? string.Join("; ", changes) : null;
    }

    /// <summary>A move's details: the old and new start ("old -> new", which messages read back), then other resources, if any.</summary>
    public static string DescribeMove(DateTimeOffset start, Guid[] resourceIds, DateTimeOffset newStart, Guid[] newResourceIds)
    {
        ArgumentNullException.ThrowIfNull(resourceIds);
        ArgumentNullException.ThrowIfNull(newResourceIds);
        var move = $"{start:O} -> {newStart:O}";
        return SameResources(resourceIds, newResourceIds) ? move : $"{move}; resources {Ids(resourceIds)} -> {Ids(newResourceIds)}";
    }

    /// <summary>The start a move's details (<see cref="DescribeMove"/>) moved from; null for other details.</summary>
    public static DateTimeOffset? MovedFrom(string? details)
    {
        var arrow = details?.IndexOf(" -> ", StringComparison.Ordinal) ?? -1;
        return arrow > 0 && DateTimeOffset.TryParse(
            details![..arrow], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var from)
            ? from
            : null;
    }

    /// <summary>The same resources, in whatever order.</summary>
    public static bool SameResources(Guid[] resourceIds, Guid[] otherResourceIds) =>
        resourceIds.Order().SequenceEqual(otherResourceIds.Order());

    private static void Flag(string name, bool before, bool after, List<string> changes)
    {
        if (before != after) changes.Add($"{name} {(after ? "on" : "off")}");
    }

    private static string Ids(Guid[] ids) => ids.Length == 0 ? "none" : string.Join(',', ids);

    private static string Price(decimal? price) => price?.ToString("0.00", CultureInfo.InvariantCulture) ?? "none";
}
