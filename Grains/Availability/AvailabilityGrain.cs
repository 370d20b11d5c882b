using Realtime.Grains.Caching;
using Realtime.Grains.Domain.Availability;
using Realtime.Grains.Domain.Holds;
using Realtime.Grains.Interfaces.Availability;
using Realtime.Grains.Interfaces.Feeds;

namespace Realtime.Grains.Availability;

/// <summary>
/// Answers availability searches from the configuration and calendar grains, which hold their state in memory once
/// active: no database query per search. Stateless, so it runs wherever it is called and scales with the silos.
/// </summary>
[StatelessWorker]
public sealed class AvailabilityGrain(DefinitionCache definitions, TimeProvider time) : Grain, IAvailabilityGrain
{
    public async Task<Result<AvailableSlot[]>> Find(AvailabilityQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var now = time.GetUtcNow();
        if (AvailabilityRules.Validate(query, now) is { Length: > 0 } invalid) return DomainError.Validation(invalid);

        var loaded = await AvailabilityContext.Load(GrainFactory, definitions, query);
        if (loaded.Error is { } notFound) return notFound;
        var context = loaded.Value!;

        var allowedStarts = AvailabilityRules.AllowedStarts(
            new TimeRange(query.From, query.To), now, query.ApplyClientPolicy ? context.ClientPolicy : null);
        if (allowedStarts.Start >= allowedStarts.End) return Array.Empty<AvailableSlot>();

        var candidates = await context.Candidates(GrainFactory, allowedStarts, query.TakesOfferHolds ? await OfferHolds(query.LocationId) : []);
        var search = new SlotSearch(
            context.Location.Definition.TimeZone, allowedStarts, context.Timing, context.Service.Definition.RequiredResourceKinds, query.ResourceId);
        return SlotFinder.Find(search, candidates);
    }

    /// <summary>The waitlist offers' holds at the location, which the location's feed keeps while they live.</summary>
    private async Task<HashSet<Guid>> OfferHolds(Guid locationId)
    {
        var (_, holds) = await GrainFactory.GetGrain<ILocationFeedGrain>(locationId).Holds();
        return [.. holds.Where(h => HoldRules.IsOffer(h.ClientId)).Select(h => h.Id)];
    }
}
