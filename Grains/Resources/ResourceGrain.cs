using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Realtime.Grains.Caching;
using Realtime.Grains.Domain.Organizations;
using Realtime.Grains.Domain.Schedules;
using Realtime.Grains.Hosting;
using Realtime.Grains.Interfaces.Feeds;
using Realtime.Grains.Interfaces.Resources;

namespace Realtime.Grains.Resources;

public sealed class ResourceState
{
    public Guid OrganizationId { get; set; }
    public string Name { get; set; } = "";
    public ResourceKind Kind { get; set; }
    public List<WeeklyHours> WorkingHours { get; set; } = [];
    public List<ScheduleException> Exceptions { get; set; } = [];
    public byte[]? CalendarFeedTokenHash { get; set; }
    public long Version { get; set; }
}

public sealed class ResourceGrain(
    [PersistentState("resource", StorageNames.Default)] IPersistentState<ResourceState> state,
    DefinitionChanges changes,
    DefinitionCache definitions,
    TimeProvider time) : Grain, IResourceGrain
{
    private const int MaxExceptions = 2000;

    public async Task<Result<ResourceView>> Create(Guid organizationId, ResourceDefinition definition)
    {
        if (state.RecordExists) return DomainError.Of(ErrorCodes.AlreadyExists, "The resource exists already.");
        if (ConfigurationRules.Validate(definition) is { Length: > 0 } errors) return DomainError.Validation(errors);
        if (await AtTwoLocationsAtOnce(definition.WorkingHours, []) is { Length: > 0 } clash) return DomainError.Validation(clash);
        state.State.OrganizationId = organizationId;
        state.State.Name = definition.Name.Trim();
        state.State.Kind = definition.Kind;
        state.State.WorkingHours = [.. definition.WorkingHours];
        return await Save();
    }

    public async Task<Result<ResourceView>> SetWorkingHours(WeeklyHours[] workingHours)
    {
        if (!state.RecordExists) return DomainError.NotFound("The resource");
        if (WorkingHoursRules.Validate(workingHours) is { Length: > 0 } errors) return DomainError.Validation(errors);
        if (await AtTwoLocationsAtOnce(workingHours, state.State.Exceptions) is { Length: > 0 } clash) return DomainError.Validation(clash);
        var locations = state.State.WorkingHours.Concat(workingHours).Select(h => h.LocationId).ToArray();
        state.State.WorkingHours = [.. workingHours];
        return await SaveAndTellDesks(locations);
    }

    public async Task<Result<ResourceView>> AddException(ScheduleException exception)
    {
        if (!state.RecordExists) return DomainError.NotFound("The resource");
        if (WorkingHoursRules.Validate(exception, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)) is { Length: > 0 } errors)
        {
            return DomainError.Validation(errors);
        }
        if (state.State.Exceptions.Count >= MaxExceptions)
        {
            return DomainError.Validation(new FieldError("exceptions", $"At most {MaxExceptions} dated exceptions per resource."));
        }

        if (state.State.Exceptions.Any(e => e.Id == exception.Id)) return DomainError.Of(ErrorCodes.AlreadyExists, "The exception exists already.");
        if (await AtTwoLocationsAtOnce(exception, [.. state.State.Exceptions, exception], "start") is { Length: > 0 } clash) return DomainError.Validation(clash);

        state.State.Exceptions.Add(exception);
        return await SaveAndTellDesks([exception.LocationId]);
    }

    public async Task<Result<ResourceView>> RemoveException(Guid exceptionId)
    {
        if (!state.RecordExists) return DomainError.NotFound("The resource");
        if (state.State.Exceptions.Find(e => e.Id == exceptionId) is not { } removed) return DomainError.NotFound("The exception");
        if (removed.Kind == ScheduleExceptionKind.TimeOff
            && await AtTwoLocationsAtOnce(removed, [.. state.State.Exceptions.Where(e => e != removed)], "exceptionId") is { Length: > 0 } clash)
        {
            return DomainError.Validation(clash);
        }

        state.State.Exceptions.Remove(removed);
        return await SaveAndTellDesks([removed.LocationId]);
    }

    public async Task<Result<string>> IssueCalendarFeedToken()
    {
        if (!state.RecordExists) return DomainError.NotFound("The resource");
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        state.State.CalendarFeedTokenHash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        await Save();
        return token;
    }

    public async Task<Result<bool>> RevokeCalendarFeed()
    {
        if (!state.RecordExists) return DomainError.NotFound("The resource");
        state.State.CalendarFeedTokenHash = null;
        await Save();
        return true;
    }

    public Task<bool> AcceptsCalendarFeedToken(string token) => Task.FromResult(
        state.State.CalendarFeedTokenHash is { } expected
        && CryptographicOperations.FixedTimeEquals(expected, SHA256.HashData(Encoding.UTF8.GetBytes(token))));

    public Task<ResourceView?> Get() => Task.FromResult(state.RecordExists ? View() : null);

    private async Task<FieldError[]> AtTwoLocationsAtOnce(IReadOnlyList<WeeklyHours> weekly, IReadOnlyList<ScheduleException> exceptions)
    {
        var locations = await Locations(weekly.Select(h => h.LocationId).Concat(exceptions.Select(e => e.LocationId)));
        return locations.Count < 2 ? [] : WorkingHoursRules.CheckOneLocationAtATime(weekly, exceptions, locations, time.GetUtcNow());
    }

    private async Task<FieldError[]> AtTwoLocationsAtOnce(ScheduleException changed, IReadOnlyList<ScheduleException> exceptionsAfter, string field)
    {
        var locations = await Locations(state.State.WorkingHours.Select(h => h.LocationId).Concat(exceptionsAfter.Select(e => e.LocationId)).Append(changed.LocationId));
        return WorkingHoursRules.CheckOneLocationAtATime(changed, state.State.WorkingHours, exceptionsAfter, locations, field);
    }

    /// <summary>The locations that still exist among <paramref name="ids"/>; hours at a deleted one occupy nothing.</summary>
    private async Task<Dictionary<Guid, LocationClock>> Locations(IEnumerable<Guid> ids)
    {
        var locations = new Dictionary<Guid, LocationClock>();
        foreach (var id in ids.Distinct())
        {
            if (await definitions.Location(id) is { } location)
            {
                locations[id] = new LocationClock(location.Definition.Name, location.Definition.TimeZone);
            }
        }
        return locations;
    }

    private async Task<Result<ResourceView>> Save()
    {
        state.State.Version++;
        await state.WriteStateAsync();
        await changes.Saved(this.GetPrimaryKey(), state.State.Version);
        return View();
    }

    /// <summary>Saves a change of working time, then tells the desks watching those locations: their shading and flagged visits follow it.</summary>
    private async Task<Result<ResourceView>> SaveAndTellDesks(IEnumerable<Guid> locationIds)
    {
        var saved = await Save();
        await Task.WhenAll(locationIds.Distinct().Select(id => GrainFactory.GetGrain<ILocationFeedGrain>(id).PublishSchedule(this.GetPrimaryKey())));
        return saved;
    }

    private ResourceView View() => new(
        this.GetPrimaryKey(), state.State.OrganizationId, state.State.Name, state.State.Kind,
        [.. state.State.WorkingHours], [.. state.State.Exceptions], state.State.Version);
}
