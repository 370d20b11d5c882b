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

/// <summary>
/// A client is not deleted from under visits still ahead without the business choosing what becomes of them: a deleted
/// client's booking would otherwise hold a resource's time for nobody, with nobody left to tell.
/// </summary>
public static class ClientDeletion
{
    /// <summary>The client's appointments that are booked and start after <paramref name="now"/>, a class they hold a seat in included.</summary>
    public static AppointmentView[] Upcoming(IEnumerable<AppointmentView> appointments, Guid clientId, DateTimeOffset now) =>
        [.. appointments.Where(a => a.Status == AppointmentStatus.Booked && a.Start > now
                               && (a.ClientId == clientId || a.Seats.Contains(clientId)))];

    /// <summary>
    /// Whether the client gives up their seat rather than cancel: in a class that other clients hold, as when they cancel it
    /// themselves.
    /// </summary>
    public static bool LeavesSeat(AppointmentView appointment, Guid clientId) =>
        GroupSeats.OthersThan(appointment.Seats, appointment.Capacity, clientId) > 0;
}
