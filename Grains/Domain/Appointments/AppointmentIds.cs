namespace Realtime.Grains.Domain.Appointments;

/// <summary>
/// New appointments get time-ordered ids (UUID version 7). The appointment list's and the due work's primary keys are
/// the id, and the grain state's key index leads with the instant in it (schema script 0014), so a booking changes the
/// pages of those indexes that the previous bookings changed. With random ids it changed a random page of each, and
/// PostgreSQL logs a page whole at its first change after each checkpoint.
/// </summary>
public static class AppointmentIds
{
    public static Guid New(DateTimeOffset now) => Guid.CreateVersion7(now);
}
