namespace Realtime.Grains.Domain.Notifications;

/// <summary>Whose birthday a date is (seed 004: birth dates are kept for birthday messages).</summary>
public static class BirthdayRules
{
    /// <summary>
    /// The same month and day; someone born on 29 February is greeted on 28 February in years without one. Nobody is
    /// greeted before they were born.
    /// </summary>
    public static bool IsBirthday(DateOnly birthDate, DateOnly date)
    {
        if (birthDate > date) return false;
        if (birthDate.Month == date.Month && birthDate.Day == date.Day) return true;
        return birthDate is { Month: 2, Day: 29 } && date is { Month: 2, Day: 28 } && !DateTime.IsLeapYear(date.Year);
    }

    /// <summary>
    /// Whether a greeting is due at <paramref name="localNow"/>, the wall-clock time of the client (see
    /// <see cref="OwnLocation"/>): on the birthday, from <paramref name="greetFrom"/> on (not at dawn).
    /// </summary>
    public static bool IsDue(DateOnly birthDate, DateTime localNow, TimeOnly greetFrom) =>
        IsBirthday(birthDate, DateOnly.FromDateTime(localNow)) && TimeOnly.FromDateTime(localNow) >= greetFrom;

    /// <summary>
    /// The location whose clock a client's birthday is read on: that of their next appointment (the first to start from
    /// <paramref name="now"/> on), else of their latest one; null for a client never booked, who is greeted on their
    /// business's clock. The client record has no home location: where they go is where they are.
    /// </summary>
    /// <param name="appointments">The client's appointments that count (as for the client list's last appointment: not cancelled).</param>
    public static Guid? OwnLocation(IEnumerable<(Guid LocationId, DateTimeOffset Start)> appointments, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(appointments);
        (Guid LocationId, DateTimeOffset Start)? next = null, latest = null;
        foreach (var appointment in appointments)
        {
            if (appointment.Start >= now && (next is null || appointment.Start < next.Value.Start)) next = appointment;
            if (appointment.Start < now && (latest is null || appointment.Start > latest.Value.Start)) latest = appointment;
        }

        return (next ?? latest)?.LocationId;
    }

    /// <summary>The (month, day) pairs of birth dates whose birthday <paramref name="date"/> is.</summary>
    public static (int Month, int Day)[] BirthDaysOn(DateOnly date) =>
        date is { Month: 2, Day: 28 } && !DateTime.IsLeapYear(date.Year) ? [(2, 28), (2, 29)] : [(date.Month, date.Day)];
}
