namespace Realtime.Bench;

/// <summary>A system under test: one server process and its database on the shared PostgreSQL server; disposing stops it.</summary>
public interface IBookingSystem : IAsyncDisposable
{
    string Name { get; }

    string Database { get; }

    ServerProcess Server { get; }

    /// <summary>A fresh set of resources nobody has booked yet.</summary>
    Task<IBookingTarget> NewTargetAsync(int resources);
}

/// <summary>Resources of one system under test, booked and searched over HTTP exactly as a user would.</summary>
public interface IBookingTarget
{
    IReadOnlyList<Guid> ResourceIds { get; }

    /// <summary>Books one visit; a request cancelled by <paramref name="cancellationToken"/> counts as failed but is not reported.</summary>
    Task<Outcome> BookAsync(Guid resourceId, DateTimeOffset start, CancellationToken cancellationToken = default);

    /// <summary>The number of free visit slots in [from, to) over all the resources; null when the request failed.</summary>
    Task<int?> CountFreeSlotsAsync(DateTimeOffset from, DateTimeOffset to);

    /// <summary>Pairs of bookings of these resources that overlap, read from the system's own persisted state.</summary>
    Task<long> OverlappingPairsAsync();
}
