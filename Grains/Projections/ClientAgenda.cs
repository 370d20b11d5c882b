using Realtime.Grains.Domain.Appointments;
using Realtime.Grains.Interfaces.Appointments;

namespace Realtime.Grains.Projections;

/// <summary>
/// A client's appointments as their page lists them: the visits still to come, the next first, then the others (ended,
/// cancelled, missed, classes they left), the latest first.
/// </summary>
public static class ClientAgenda
{
    /// <summary>The statuses of a visit that is still to happen or happening.</summary>
    public static readonly AppointmentStatus[] AheadStatuses = [AppointmentStatus.Booked, AppointmentStatus.Arrived];

    /// <summary>The visits still to come, the next first; ties by id, as the appointment list orders them.</summary>
    public static readonly IComparer<AppointmentView> SoonestFirst = Comparer<AppointmentView>.Create(
        (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Id.CompareTo(b.Id));

    /// <summary>The others, the latest first: the appointment list's order reversed.</summary>
    public static readonly IComparer<AppointmentView> LatestFirst = Comparer<AppointmentView>.Create((a, b) => SoonestFirst.Compare(b, a));

    /// <summary>Still to come for the client: booked or arrived, not yet ended, and theirs (a class they left is not).</summary>
    public static bool IsAhead(AppointmentView appointment, Guid clientId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        return AheadStatuses.Contains(appointment.Status) && appointment.End > now && GroupSeats.HeldBy(appointment, clientId);
    }

    /// <summary>
    /// Whether the list's row of an appointment is not enough to show it to the client, so the appointment is asked itself:
    /// a visit still to come, which the client may have changed a moment ago (the list follows a change within moments),
    /// or a class, whose seats' history (who left, who confirmed) the row leaves out.
    /// </summary>
    public static bool AskItself(AppointmentView listed, Guid clientId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(listed);
        return listed.Capacity > 1 || IsAhead(listed, clientId, now);
    }

    /// <summary>
    /// A page of the appointment list as it is now: <paramref name="current"/> holds, index for index with the page's rows,
    /// each appointment as it now is (the row itself where it was not asked, null where it is gone); the appointments the
    /// list does not hold yet (<paramref name="notListed"/>: booked a moment ago) are added where <paramref name="order"/>
    /// puts them on this page, and those that do not (or no longer) <paramref name="belong"/> are left out. The total follows.
    /// </summary>
    public static AppointmentPage Current(
        AppointmentPage listed, IReadOnlyList<AppointmentView?> current, IEnumerable<AppointmentView> notListed,
        Func<AppointmentView, bool> belong, IComparer<AppointmentView> order)
    {
        ArgumentNullException.ThrowIfNull(listed);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(order);
        var rows = current.OfType<AppointmentView>().Where(belong).ToList();
        var added = notListed.Where(belong).ToList();
        var lastPage = (long)listed.Page * listed.PageSize >= listed.Total;
        var first = listed.Items.FirstOrDefault();
        var last = listed.Items.LastOrDefault();
        bool OnThisPage(AppointmentView appointment) =>
            (listed.Page == 1 || (first is not null && order.Compare(appointment, first) >= 0))
            && (lastPage || (last is not null && order.Compare(appointment, last) <= 0));

        var items = rows.Concat(added.Where(OnThisPage)).Order(order).ToArray();
        return listed with { Total = listed.Total - (listed.Items.Length - rows.Count) + added.Count, Items = items };
    }
}
