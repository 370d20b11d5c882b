namespace Realtime.Grains.Interfaces.Resources;

public enum ResourceKind { Staff, Room, Equipment }

/// <summary>Regular weekly hours at one location, in that location's local time.</summary>
[GenerateSerializer, Immutable, Alias("realtime.weekly-hours")]
public sealed record WeeklyHours(Guid LocationId, DayOfWeek DayOfWeek, TimeOnly Start, TimeOnly End);

public enum ScheduleExceptionKind { TimeOff, ExtraHours }

/// <summary>A dated change to the weekly hours at one location: time off (whole day when no times) or extra hours.</summary>
[GenerateSerializer, Immutable, Alias("realtime.schedule-exception")]
public sealed record ScheduleException(
    Guid Id, Guid LocationId, DateOnly Date, ScheduleExceptionKind Kind, TimeOnly? Start, TimeOnly? End, string? Note);

[GenerateSerializer, Immutable, Alias("realtime.resource-definition")]
public sealed record ResourceDefinition(string Name, ResourceKind Kind, WeeklyHours[] WorkingHours);

[GenerateSerializer, Immutable, Alias("realtime.resource-view")]
public sealed record ResourceView(
    Guid Id, Guid OrganizationId, string Name, ResourceKind Kind,
    WeeklyHours[] WorkingHours, ScheduleException[] Exceptions, long Version);

[Alias("realtime.resource")]
public interface IResourceGrain : IGrainWithGuidKey
{
    [Alias("create")]
    Task<Result<ResourceView>> Create(Guid organizationId, ResourceDefinition definition);

    [Alias("set-working-hours")]
    Task<Result<ResourceView>> SetWorkingHours(WeeklyHours[] workingHours);

    [Alias("add-exception")]
    Task<Result<ResourceView>> AddException(ScheduleException exception);

    [Alias("remove-exception")]
    Task<Result<ResourceView>> RemoveException(Guid exceptionId);

    /// <summary>A new secret for the resource's iCalendar feed URL, returned once; the previous one stops working.</summary>
    [Alias("issue-calendar-feed-token")]
    Task<Result<string>> IssueCalendarFeedToken();

    [Alias("revoke-calendar-feed")]
    Task<Result<bool>> RevokeCalendarFeed();

    [Alias("accepts-calendar-feed-token"), ReadOnly]
    Task<bool> AcceptsCalendarFeedToken(string token);

    [Alias("get"), ReadOnly]
    Task<ResourceView?> Get();
}
