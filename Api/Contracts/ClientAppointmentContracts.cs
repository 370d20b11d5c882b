using System.Text.Json.Serialization;
using Realtime.Api.Endpoints.Support;
using Realtime.Grains.Domain.Appointments;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Interfaces.Organizations;

namespace Realtime.Api.Contracts;

/// <summary>
/// A client's own booking; without resources, the first free ones for the (single) service at that time. <c>asap</c>:
/// the client would come earlier if a slot frees up.
/// </summary>
public sealed record ClientBookingRequest(
    Guid? LocationId, Guid[]? ServiceIds, Guid[]? ResourceIds, DateTimeOffset? Start, Guid? HoldId, string? Notes, bool? Asap);

public sealed record ClientCancelRequest(string? Message);

public sealed record ClientRescheduleRequest(DateTimeOffset? Start);

public sealed record ClientCancellation(CancellationReason Reason, string? Message, DateTimeOffset At);

/// <summary>
/// Why the client may not do something now: the problem's <c>code</c> and words their attempt would meet, and, for a refusal
/// of the client policy, the number it rests on as that problem carries it (<c>noticeHours</c>, <c>maxReschedules</c>).
/// </summary>
public sealed record ClientRefusal(string Code, string Detail)
{
    [JsonExtensionData]
    public Dictionary<string, object>? Numbers { get; init; }

    public static ClientRefusal? Of(DomainError? error, ClientPolicy policy) => error is null ? null : new(error.Code, error.Message)
    {
        Numbers = ClientPolicies.NumbersOf(error.Code, policy) is { Count: > 0 } numbers ? numbers.ToDictionary(n => n.Key, n => n.Value!) : null,
    };
}

/// <summary>
/// An appointment as its client sees it: none of the staff's notes, comments, labels, prices or history, and of a
/// group only how many seats are taken (never who holds them). A cancellation's message shows only if the client was
/// told it: staff may write one for the staff alone. <c>may…</c> says whether the client's confirm, cancel and move
/// would be accepted now, and if not, the refusal it would meet (<see cref="ClientActions"/>).
/// </summary>
public sealed record ClientAppointmentResponse(
    Guid Id,
    Guid LocationId,
    AppointmentStatus Status,
    Guid[] ServiceIds,
    Guid[] ResourceIds,
    DateTimeOffset Start,
    DateTimeOffset End,
    int DurationMinutes,
    bool Confirmed,
    int ClientReschedules,
    ClientCancellation? Cancellation,
    int SeatsTaken,
    int Capacity,
    DateTimeOffset UpdatedAt,
    bool MayConfirm,
    ClientRefusal? ConfirmRefusal,
    bool MayCancel,
    ClientRefusal? CancelRefusal,
    bool MayReschedule,
    ClientRefusal? RescheduleRefusal)
{
    /// <summary>
    /// The appointment as <paramref name="clientId"/> sees it at <paramref name="now"/>, under the client policy of its
    /// services: a class they left is cancelled, by them, for them.
    /// </summary>
    public static ClientAppointmentResponse From(AppointmentView view, Guid clientId, ClientPolicy policy, bool blacklisted, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(view);
        var confirm = ClientRefusal.Of(ClientActions.CheckConfirm(view, clientId, now), policy);
        var cancel = ClientRefusal.Of(ClientActions.CheckCancel(view, clientId, policy, now), policy);
        var reschedule = ClientRefusal.Of(ClientActions.CheckReschedule(view, clientId, policy, blacklisted, now), policy);
        var seen = new ClientAppointmentResponse(
            view.Id, view.LocationId, view.Status, view.ServiceIds, view.ResourceIds, view.Start, view.End, view.DurationMinutes,
            GroupSeats.AttendanceConfirmed(view, clientId), view.ClientReschedules,
            view.Cancellation is { } c ? new ClientCancellation(c.Reason, c.ClientTold ? c.Message : null, c.At) : null,
            view.Seats.Length, view.Capacity, view.UpdatedAt,
            confirm is null, confirm, cancel is null, cancel, reschedule is null, reschedule);
        return GroupSeats.LeftBy(view, clientId) is { } left
            ? seen with
            {
                Status = AppointmentStatus.Cancelled,
                Confirmed = view.Confirmed,
                Cancellation = left.Actor.Kind == ActorKind.Client
                    ? new ClientCancellation(CancellationReason.Client, left.Message, left.At)
                    : new ClientCancellation(CancellationReason.Business, null, left.At),
            }
            : seen;
    }
}

/// <summary>One page of the client's appointments, and how many there are in all.</summary>
public sealed record ClientAppointmentPage(int Total, int Page, int PageSize, ClientAppointmentResponse[] Items);

public sealed record SeatRequest(Guid? ClientId);
