namespace Realtime.Bench;

/// <summary>
/// The time every scenario books in: 30-minute visits inside opening hours of 07:00-21:00 UTC, from tomorrow on
/// (both systems refuse nothing for being in the past or outside working hours).
/// </summary>
public static class BenchCalendar
{
    public const int VisitMinutes = 30;
    public const string TimeZone = "Etc/UTC";
    public static readonly TimeOnly Opens = new(7, 0);
    public static readonly TimeOnly Closes = new(21, 0);
    public static readonly int SlotsPerDay = (int)((Closes - Opens).TotalMinutes / VisitMinutes);

    private static readonly DateTimeOffset Tomorrow = new(DateTime.UtcNow.Date.AddDays(1), TimeSpan.Zero);

    /// <summary>Midnight UTC starting day <paramref name="day"/> (0 is tomorrow).</summary>
    public static DateTimeOffset Day(int day) => Tomorrow.AddDays(day);

    /// <summary>The start of visit <paramref name="slot"/> (0 to <see cref="SlotsPerDay"/> - 1) of day <paramref name="day"/>.</summary>
    public static DateTimeOffset Slot(int day, int slot) => Day(day).Add(Opens.ToTimeSpan()).AddMinutes(slot * VisitMinutes);

    /// <summary>A slot of day <paramref name="slotNumber"/> / <see cref="SlotsPerDay"/>: consecutive numbers fill days one after another.</summary>
    public static DateTimeOffset NthSlot(int slotNumber) => Slot(slotNumber / SlotsPerDay, slotNumber % SlotsPerDay);
}
