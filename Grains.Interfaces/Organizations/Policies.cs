namespace Realtime.Grains.Interfaces.Organizations;

/// <summary>Rules that bind clients only; staff are never bound by them (seed 001).</summary>
[GenerateSerializer, Immutable, Alias("realtime.client-policy")]
public sealed record ClientPolicy(
    bool ClientMayCancel,
    int CancelNoticeHours,
    int RescheduleNoticeHours,
    int MaxReschedules,
    int BookingNoticeHours,
    int BookingHorizonDays)
{
    public static readonly ClientPolicy Default = new(
        ClientMayCancel: true, CancelNoticeHours: 24, RescheduleNoticeHours: 24, MaxReschedules: 3,
        BookingNoticeHours: 2, BookingHorizonDays: 90);
}

public enum AfterEndAction { MarkPast, MarkNoShow }

[GenerateSerializer, Immutable, Alias("realtime.location-policy")]
public sealed record LocationPolicy(
    int ReminderLeadMinutes,
    bool AutoConfirmInsideReminderWindow,
    AfterEndAction AfterEnd,
    int AfterEndGraceMinutes,
    ClientPolicy ClientPolicy)
{
    public static readonly LocationPolicy Default = new(
        ReminderLeadMinutes: 24 * 60, AutoConfirmInsideReminderWindow: true, AfterEnd: AfterEndAction.MarkPast,
        AfterEndGraceMinutes: 60, ClientPolicy: ClientPolicy.Default);
}
