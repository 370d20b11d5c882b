using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Organizations;

namespace Realtime.Grains.Domain.Appointments;

/// <summary>
/// What a client may do with an appointment on their record now: the refusal their attempt would meet, from the rules
/// the appointment applies (the status table, the seats of a class, the client policy), in the order it applies them;
/// null where the attempt would succeed. A page offers only what can succeed, and says why in place of the rest.
/// </summary>
public static class ClientActions
{
    /// <summary>A class the client left stays on their record, to read as cancelled, no longer to change.</summary>
    public static DomainError? CheckHeld(AppointmentView appointment, Guid clientId) =>
        GroupSeats.HeldBy(appointment, clientId)
            ? null
            : DomainError.Of(ErrorCodes.InvalidTransition, "You have left this class; join it again to take part.");

    public static DomainError? CheckConfirm(AppointmentView appointment, Guid clientId, DateTimeOffset now) =>
        CheckHeld(appointment, clientId) ?? CheckTransition(appointment, AppointmentAction.Confirm, now);

    /// <summary>In a class others hold, the client's cancellation gives their seat up instead (as the appointment does).</summary>
    public static DomainError? CheckCancel(AppointmentView appointment, Guid clientId, ClientPolicy policy, DateTimeOffset now) =>
        CheckHeld(appointment, clientId)
        ?? CheckTransition(appointment, AppointmentAction.Cancel, now)
        ?? (GroupSeats.OthersThan(appointment.Seats, appointment.Capacity, clientId) > 0
            ? GroupSeats.Leave(appointment.Status, appointment.Seats, appointment.Capacity, clientId).Error
            : null)
        ?? ClientPolicyRules.CheckCancel(ActorKind.Client, policy, appointment.Start, now);

    /// <summary>A move anywhere at all (<see cref="ClientPolicyRules.CheckMayReschedule"/>); where to is the new time's own question.</summary>
    public static DomainError? CheckReschedule(AppointmentView appointment, Guid clientId, ClientPolicy policy, bool blacklisted, DateTimeOffset now) =>
        CheckHeld(appointment, clientId)
        ?? CheckTransition(appointment, AppointmentAction.Reschedule, now)
        ?? ClientPolicyRules.CheckBlacklist(ActorKind.Client, blacklisted)
        ?? ClientPolicyRules.CheckMayReschedule(ActorKind.Client, policy, new RescheduleFacts(
            appointment.Start, appointment.Start, appointment.ClientReschedules,
            GroupSeats.OthersThan(appointment.Seats, appointment.Capacity, clientId), appointment.Status), now);

    private static DomainError? CheckTransition(AppointmentView appointment, AppointmentAction action, DateTimeOffset now) =>
        AppointmentTransitions.Next(appointment.Kind, appointment.Status, action, appointment.End <= now).Error;
}
