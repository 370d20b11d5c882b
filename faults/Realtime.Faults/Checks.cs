using System.Collections.Concurrent;
using System.Diagnostics;

namespace Realtime.Faults;

/// <summary>After the load: every appointment read from storage, through its grain and from the read model, and the invariants over them.</summary>
public static class Checks
{
    private const int ParallelReads = 8;
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    public static async Task<IReadOnlyList<InvariantResult>> RunAsync(
        string connectionString, Guid organization, IReadOnlyCollection<Operation> operations, HttpClient owner, FaultSettings settings)
    {
        var stored = await StoredState.PersistedAsync(connectionString, organization);
        var persisted = stored.ToDictionary(s => s.Key, s => s.Value.Appointment);
        // Before any grain is read: reading one activates it, which would hand on what a killed silo left in its outbox.
        var listedUnread = await SettledReadModelAsync(connectionString, organization, persisted, settings.SettleLimit);
        var grains = await ReadThroughGrainsAsync(owner, stored.Keys, settings.RetryFor);
        var readModel = await SettledReadModelAsync(connectionString, organization, grains, settings.SettleLimit);
        var lastAcknowledged = Invariants.LastAcknowledged(operations, stored);
        var booked = operations.Count(o => o is { Kind: OperationKind.Book, Outcome: Outcome.Acknowledged });
        var retried = operations.Count(o => o.Attempts > 1);
        return
        [
            new("Overlapping active intervals (persisted)", await PersistedInvariants.OverlappingPairs(connectionString, organization), "pairs of live appointments on one resource"),
            new("Live intervals no calendar holds", await PersistedInvariants.LiveIntervalsNotHeldByCalendars(connectionString, organization), "appointment intervals"),
            new("Acknowledged bookings missing", Invariants.MissingBookings(operations, stored), $"of {booked} acknowledged bookings"),
            new("Acknowledged changes lost", Invariants.LostChanges(operations, stored), "moves, cancels, restores stored at an older version"),
            new("Duplicate bookings from retries", Invariants.DuplicateBookings(stored.Values), "bookings stored more than once"),
            new("Retries answered otherwise than their first attempt", Invariants.RetriesAnsweredOtherwise(operations, stored.Values), $"of {retried} retried operations"),
            new("Read model ≠ persisted state, before any grain is read", Invariants.Differences(persisted, listedUnread), $"of {stored.Count} appointments, after up to {settings.SettleLimit.TotalSeconds:N0} s"),
            new("Grains' state ≠ persisted state", Invariants.Differences(persisted, grains), $"of {stored.Count} appointments"),
            new("Read model ≠ grains' state", Invariants.Differences(grains, readModel), $"of {grains.Count} appointments, after up to {settings.SettleLimit.TotalSeconds:N0} s"),
            new("Last acknowledged state ≠ persisted", lastAcknowledged.Differ, $"of {lastAcknowledged.Checked} appointments with no unknown operation after it"),
        ];
    }

    private static async Task<Dictionary<Guid, Appointment>> ReadThroughGrainsAsync(HttpClient owner, IEnumerable<Guid> ids, TimeSpan retryFor)
    {
        var read = new ConcurrentDictionary<Guid, Appointment>();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = ParallelReads }, async (id, _) =>
        {
            var answer = (await Requests.RetryAsync(() => Requests.SendAsync(owner, HttpMethod.Get, $"/api/appointments/{id}"), retryFor)).Answer;
            if (answer.Success) read[id] = Appointment.FromView(answer.Body);
        });
        return new Dictionary<Guid, Appointment>(read);
    }

    /// <summary>The read model once it agrees with <paramref name="expected"/>, or as it is when <paramref name="limit"/> has passed.</summary>
    private static async Task<Dictionary<Guid, Appointment>> SettledReadModelAsync(
        string connectionString, Guid organization, IReadOnlyDictionary<Guid, Appointment> expected, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var readModel = await StoredState.ReadModelAsync(connectionString, organization);
            if (Invariants.Differences(expected, readModel) == 0 || clock.Elapsed >= limit) return readModel;
            await Task.Delay(Poll);
        }
    }
}
