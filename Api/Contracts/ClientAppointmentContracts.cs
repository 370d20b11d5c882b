using Realtime.Grains.Domain.Appointments;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Common;

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
/// An appointment as its client sees it: none of the staff's notes, comments, labels, prices or history, and of a
/// group only how many seats are taken (never who holds them). A cancellation's message shows only if the client was
/// told it: staff may write one for the staff alone.
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
    DateTimeOffset UpdatedAt)
{
    /// <summary>The appointment as <paramref name="clientId"/> sees it: a class they left is cancelled, by them, for them.</summary>
    public static ClientAppointmentResponse From(AppointmentView view, Guid clientId) =>
        GroupSeats.LeftBy(view, clientId) is { } left
            ? From(view) with
            {
                Status = AppointmentStatus.Cancelled,
                Cancellation = left.Actor.Kind == ActorKind.Client
                    ? new ClientCancellation(CancellationReason.Client, left.Message, left.At)
                    : new ClientCancellation(CancellationReason.Business, null, left.At),
            }
            : From(view) with { Confirmed = view.Capacity > 1 ? GroupSeats.ConfirmedBy(view, clientId) : view.Confirmed };

    private static ClientAppointmentResponse From(AppointmentView view) => new(
        view.Id, view.LocationId, view.Status, view.ServiceIds, view.ResourceIds, view.Start, view.End, view.DurationMinutes,
        view.Confirmed, view.ClientReschedules,
        view.Cancellation is { } c ? new ClientCancellation(c.Reason, c.ClientTold ? c.Message : null, c.At) : null,
        view.Seats.Length, view.Capacity, view.UpdatedAt);
}

/// <summary>One page of the client's appointments, and how many there are in all.</summary>
public sealed record ClientAppointmentPage(int Total, int Page, int PageSize, ClientAppointmentResponse[] Items);

public sealed record SeatRequest(Guid? ClientId);
