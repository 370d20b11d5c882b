using Realtime.Grains.Domain.Appointments;
using Realtime.Grains.Interfaces.Appointments;

namespace Realtime.Grains.Projections;

/// <summary>
/// The appointment list in process memory: for the in-memory demo mode (one silo) and fast tests.
/// Queries scan every row, which is fine at demo sizes.
/// </summary>
public sealed class InMemoryAppointmentReadModel : IAppointmentReadModel
{
    private readonly Lock gate = new();
    private readonly Dictionary<Guid, Row> rows = [];

    public Task Apply(AppointmentView appointment, bool deleted, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        lock (gate)
        {
            if (!rows.TryGetValue(appointment.Id, out var stored)
                || AppointmentListRules.Replaces(stored.Appointment.Version, stored.Deleted, appointment.Version, deleted))
            {
                rows[appointment.Id] = new Row(AppointmentListRules.ListItem(appointment), deleted);
            }
        }
        return Task.CompletedTask;
    }

    public Task<long?> ListedVersion(Guid appointmentId, CancellationToken ct)
    {
        lock (gate)
        {
            return Task.FromResult(rows.TryGetValue(appointmentId, out var row) ? row.Appointment.Version : (long?)null);
        }
    }

    public Task<IReadOnlySet<Guid>> Listed(IReadOnlyCollection<Guid> appointmentIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(appointmentIds);
        lock (gate)
        {
            return Task.FromResult<IReadOnlySet<Guid>>(appointmentIds.Where(rows.ContainsKey).ToHashSet());
        }
    }

    public Task<IReadOnlyList<ListedOccupancy>> Occupancies(IReadOnlyCollection<Guid> appointmentIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(appointmentIds);
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<ListedOccupancy>>([.. appointmentIds
                .Select(id => rows.GetValueOrDefault(id))
                .Where(row => row is { Deleted: false } && AppointmentTransitions.OccupiesTime(row.Appointment.Status))
                .Select(row => ListedOccupancy.Of(row!.Appointment))]);
        }
    }

    public Task<AppointmentPage> Query(AppointmentQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.ThrowIfInvalid();
        AppointmentView[] matching;
        lock (gate)
        {
            matching = rows.Values
                .Where(row => !row.Deleted && AppointmentListRules.Matches(query, row.Appointment))
                .Select(row => row.Appointment)
                .ToArray();
        }
        var items = matching
            .OrderBy(a => a.Start)
            .ThenBy(a => a.Id)
            .Skip((int)Math.Min(query.Offset, int.MaxValue))
            .Take(query.PageSize)
            .ToArray();
        return Task.FromResult(new AppointmentPage(matching.Length, query.Page, query.PageSize, items));
    }

    public Task<IReadOnlyList<ReportAppointment>> ListForReports(Guid organizationId, Guid locationId, TimeRange period, CancellationToken ct)
    {
        lock (gate)
        {
            IReadOnlyList<ReportAppointment> found = rows.Values
                .Where(row => !row.Deleted
                    && row.Appointment.OrganizationId == organizationId
                    && row.Appointment.LocationId == locationId
                    && row.Appointment.Start < period.End
                    && row.Appointment.End > period.Start)
                .Select(row => ReportAppointment.Of(row.Appointment))
                .ToArray();
            return Task.FromResult(found);
        }
    }

    private sealed record Row(AppointmentView Appointment, bool Deleted);
}
