namespace Realtime.Grains.Domain.Appointments;

/// <summary>
/// New appointments get time-ordered ids (UUID version 7). The appointment list and the due work are keyed by the id, so
/// with random ids every booking changed a random page of both primary keys, and PostgreSQL logs a page whole at its
/// first change after each checkpoint; in id order a booking changes the pages the previous ones changed.
/// </summary>
public static class AppointmentIds
{
    public static Guid New(DateTimeOffset now) => Guid.CreateVersion7(now);
}
