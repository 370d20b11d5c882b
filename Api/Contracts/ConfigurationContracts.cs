using Realtime.Api.Endpoints.Support;
using Realtime.Grains.Interfaces.Organizations;
using Realtime.Grains.Interfaces.Resources;

namespace Realtime.Api.Contracts;

// Requests carry nullable members: a missing field becomes a field error, not a deserialisation failure.

public sealed record ClientPolicyRequest(
    bool? ClientMayCancel, int? CancelNoticeHours, int? RescheduleNoticeHours, int? MaxReschedules,
    int? BookingNoticeHours, int? BookingHorizonDays)
{
    public ClientPolicy ToPolicy(ClientPolicy defaults) => new(
        ClientMayCancel ?? defaults.ClientMayCancel, CancelNoticeHours ?? defaults.CancelNoticeHours,
        RescheduleNoticeHours ?? defaults.RescheduleNoticeHours, MaxReschedules ?? defaults.MaxReschedules,
        BookingNoticeHours ?? defaults.BookingNoticeHours, BookingHorizonDays ?? defaults.BookingHorizonDays);
}

public sealed record LocationPolicyRequest(
    int? ReminderLeadMinutes, bool? AutoConfirmInsideReminderWindow, AfterEndAction? AfterEnd, int? AfterEndGraceMinutes,
    ClientPolicyRequest? ClientPolicy)
{
    public LocationPolicy ToPolicy(LocationPolicy defaults) => new(
        ReminderLeadMinutes ?? defaults.ReminderLeadMinutes,
        AutoConfirmInsideReminderWindow ?? defaults.AutoConfirmInsideReminderWindow,
        AfterEnd ?? defaults.AfterEnd,
        AfterEndGraceMinutes ?? defaults.AfterEndGraceMinutes,
        ClientPolicy?.ToPolicy(defaults.ClientPolicy) ?? defaults.ClientPolicy);
}

public sealed record LocationRequest(string? Name, string? Address, string? TimeZone, LocationPolicyRequest? Policies);

public sealed record LocationResponse(Guid Id, string Name, string? Address, string TimeZone, LocationPolicy Policies, long Version)
{
    public static LocationResponse From(LocationView view) => new(
        view.Id, view.Definition.Name, view.Definition.Address, view.Definition.TimeZone, view.Definition.Policy, view.Version);
}

public sealed record WorkingHoursRequest(Guid? LocationId, DayOfWeek? DayOfWeek, TimeOnly? Start, TimeOnly? End);

public sealed record ResourceRequest(string? Name, ResourceKind? Kind, WorkingHoursRequest[]? WorkingHours);

public sealed record ScheduleExceptionRequest(
    Guid? LocationId, DateOnly? Date, ScheduleExceptionKind? Kind, TimeOnly? Start, TimeOnly? End, string? Note);

public record ResourceResponse(
    Guid Id, string Name, ResourceKind Kind, WeeklyHours[] WorkingHours, ScheduleException[] Exceptions, long Version)
{
    public static ResourceResponse From(ResourceView view) =>
        new(view.Id, view.Name, view.Kind, view.WorkingHours, view.Exceptions, view.Version);
}

/// <summary>The resource after a change of its working hours or exceptions, with the visits that change left outside them.</summary>
public sealed record ScheduleChangeResponse : ResourceResponse
{
    public ScheduleChangeResponse(ResourceView view, VisitToRebook[] visitsToRebook) : base(From(view)) => VisitsToRebook = visitsToRebook;

    /// <summary>
    /// Booked or arrived visits, from now on, that now lie outside this resource's working time (time off or hours taken
    /// away): the desk rebooks or cancels them, nothing is moved by itself. Read from the appointment list, which follows
    /// bookings shortly after their answers, so a visit booked a moment before the change may be missing: the calendar
    /// snapshot's <c>conflicts</c> show them too.
    /// </summary>
    public VisitToRebook[] VisitsToRebook { get; }
}

public sealed record ServiceRequest(
    string? Name, int? DurationMinutes, decimal? Price, int? BufferBeforeMinutes, int? BufferAfterMinutes, int? Capacity,
    ResourceKind[]? RequiredResourceKinds, ClientPolicyRequest? Policy);

public sealed record ServiceResponse(
    Guid Id, string Name, int DurationMinutes, decimal Price, int BufferBeforeMinutes, int BufferAfterMinutes, int Capacity,
    ResourceKind[] RequiredResourceKinds, ClientPolicy? Policy, long Version)
{
    public static ServiceResponse From(ServiceView view)
    {
        var d = view.Definition;
        return new(view.Id, d.Name, d.DurationMinutes, d.Price, d.BufferBeforeMinutes, d.BufferAfterMinutes, d.Capacity,
            d.RequiredResourceKinds, d.Policy, view.Version);
    }
}
