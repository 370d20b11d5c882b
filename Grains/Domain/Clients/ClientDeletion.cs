using Realtime.Grains.Domain.Appointments;
using Realtime.Grains.Interfaces.Appointments;

namespace Realtime.Grains.Domain.Clients;

/// <summary>What deleting a client does with the appointments they still have ahead.</summary>
public enum UpcomingAppointments
{
    /// <summary>They stay on the calendar, showing a deleted client.</summary>
    Keep,

    /// <summary>They are cancelled by the business (a class others hold is left instead), telling no one.</summary>
    Cancel,
}

/// <summary>What an appointment gives up of a client who was deleted before it became theirs (<see cref="ClientDeletion.PlaceToGiveUp"/>).</summary>
public enum DeletedClientPlace
{
    /// <summary>Nothing: the client holds no place in it, or it is no longer only booked and so a record of what happened.</summary>
    None,

    /// <summary>Their seat in a class that other clients hold.</summary>
    Seat,

    /// <summary>The whole appointment, cancelled as the client was deleted.</summary>
    Appointment,
}

/// <summary>
/// A client is not deleted from under visits still ahead without the business choosing what becomes of them: a deleted
/// client's booking would otherwise hold a resource's time for nobody, with nobody left to tell.
/// </summary>
public static class ClientDeletion
{
    /// <summary>The client's appointments that are booked and start after <paramref name="now"/>, a class they hold a seat in included.</summary>
    public static AppointmentView[] Upcoming(IEnumerable<AppointmentView> appointments, Guid clientId, DateTimeOffset now) =>
        [.. appointments.Where(a => a.Status == AppointmentStatus.Booked && a.Start > now && GroupSeats.HeldBy(a, clientId))];

    /// <summary>
    /// Whether the client gives up their seat rather than cancel: in a class that other clients hold, as when they cancel it
    /// themselves.
    /// </summary>
    public static bool LeavesSeat(AppointmentView appointment, Guid clientId) =>
        GroupSeats.OthersThan(appointment.Seats, appointment.Capacity, clientId) > 0;

    /// <summary>
    /// A booking (or a seat) made for a client while they were being deleted, and refused by the deleted client: it goes
    /// as a booking for a deleted client is refused, with what deleting them with <see cref="UpcomingAppointments.Cancel"/>
    /// does to a visit ahead — their seat in a class others hold, else the appointment. It stays once begun or done.
    /// </summary>
    public static DeletedClientPlace PlaceToGiveUp(AppointmentView appointment, Guid clientId)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        if (appointment.Status != AppointmentStatus.Booked || (appointment.ClientId != clientId && !appointment.Seats.Contains(clientId)))
        {
            return DeletedClientPlace.None;
        }

        return LeavesSeat(appointment, clientId) ? DeletedClientPlace.Seat : DeletedClientPlace.Appointment;
    }
}
