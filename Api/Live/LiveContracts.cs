using Realtime.Grains.Domain.Schedules;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Clients;
using Realtime.Grains.Interfaces.Feeds;
using Realtime.Grains.Interfaces.Holds;

namespace Realtime.Api.Live;

/// <summary>The client as a calendar shows it: looked up when shown, so an edit to the client shows everywhere.</summary>
public sealed record ClientSummary(Guid Id, string FirstName, string LastName, string? Phone, bool Blacklisted)
{
    public static ClientSummary From(ClientView view) =>
        new(view.Id, view.Profile.FirstName, view.Profile.LastName, view.Profile.Phone, view.Blacklist is not null);

    public static async Task<ClientSummary[]> Of(IGrainFactory grains, IEnumerable<Guid> clientIds)
    {
        var found = await Task.WhenAll(clientIds.Distinct().Select(id => grains.GetGrain<IClientGrain>(id).Get()));
        return [.. found.OfType<ClientView>().Select(From)];
    }
}

/// <summary>What the hub sends as <c>appointmentChanged</c>, with the visit's <see cref="Conflicts"/> as the calendar snapshot has them.</summary>
public sealed record AppointmentChangedMessage(
    Guid LocationId, string Epoch, long Sequence, bool Deleted, AppointmentView Appointment, ClientSummary? Client,
    WorkingTimeConflict[] Conflicts);

/// <summary>What the hub sends as <c>scheduleChanged</c>: a resource's working time at the location changed, so watchers reload the snapshot.</summary>
public sealed record ScheduleChangedMessage(Guid LocationId, string Epoch, long Sequence, Guid ResourceId);

/// <summary>
/// What the hub sends as <c>busyElsewhere</c>: a visit or break at another location (<see cref="AppointmentId"/>) now
/// takes <see cref="Busy"/> of resources shown at this one, or, when null, no longer takes any (moved away, cancelled,
/// deleted). It replaces whatever the desk showed for that appointment, like the snapshot's <c>elsewhere</c> entries.
/// </summary>
public sealed record BusyElsewhereMessage(Guid LocationId, string Epoch, long Sequence, Guid AppointmentId, BusyElsewhere? Busy);

/// <summary>What the hub sends as <c>feedReset</c>: the feed restarted, so watchers must reload the snapshot.</summary>
public sealed record FeedResetMessage(Guid LocationId, string Epoch, long Sequence);

/// <summary>What the hub sends as <c>holdChanged</c>: a slot hold taken, or released (freed, booked or expired).</summary>
public sealed record HoldChangedMessage(Guid LocationId, string Epoch, long Sequence, bool Released, HoldView Hold);
