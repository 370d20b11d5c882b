using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Realtime.Grains.Domain.Calendars;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Calendars;
using Realtime.Grains.Interfaces.Availability;
using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Interfaces.Organizations;
using Realtime.Grains.Interfaces.Resources;
using Realtime.Grains.Projections;
using static Realtime.Grains.Tests.Infrastructure.Chain;

namespace Realtime.Grains.Tests.Availability;

[Collection(MemoryClusterCollection.Name)]
public sealed class AvailabilityTests(MemoryClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private IAvailabilityGrain Availability => Grains.GetGrain<IAvailabilityGrain>(IAvailabilityGrain.Key);

    /// <summary>A resource working 07:00-21:00 every day, listed in the organisation's directory as the API does.</summary>
    private async Task<Guid> Listed(Chain chain, string name = "Anna", ResourceKind kind = ResourceKind.Staff)
    {
        var id = await chain.AddResource(name, kind);
        await Grains.GetGrain<IOrganizationGrain>(chain.OrganizationId).Register(DirectoryKind.Resource, id);
        return id;
    }

    private IResourceCalendarGrain Calendar(Guid resource, DateTimeOffset at) =>
        Grains.GetGrain<IResourceCalendarGrain>(CalendarPartitions.Key(resource, DateOnly.FromDateTime(at.UtcDateTime)));

    /// <summary>Slots starting on the local day <paramref name="daysFromToday"/> (and the following days).</summary>
    private async Task<AvailableSlot[]> Day(Chain chain, Guid serviceId, int daysFromToday, Guid? resourceId = null, int days = 1) =>
        Ok(await Availability.Find(new AvailabilityQuery(
            chain.OrganizationId, chain.LocationId, serviceId, resourceId,
            chain.Local(daysFromToday, 0), chain.Local(daysFromToday + days, 0), ApplyClientPolicy: false)));

    [Fact]
    public async Task Slots_keep_the_buffers_clear_of_bookings()
    {
        var chain = await Chain.Create(Grains);
        var anna = await Listed(chain);
        var service = await chain.AddService(60, bufferBefore: 15, bufferAfter: 15);
        await chain.Book(chain.Booking([anna], chain.Local(3, 10), null, serviceIds: [service])); // occupies 09:45-11:15

        var starts = (await Day(chain, service, 3)).Select(s => s.Start).ToList();

        Assert.Equal(chain.Local(3, 7), starts[0]); // the buffer before may lie outside working hours
        Assert.Equal(chain.Local(3, 20), starts[^1]);
        Assert.Contains(chain.Local(3, 8, 30), starts);
        Assert.DoesNotContain(chain.Local(3, 8, 45), starts);
        Assert.DoesNotContain(chain.Local(3, 11, 15), starts);
        Assert.Contains(chain.Local(3, 11, 30), starts);
        Assert.Equal(4 * 13 + 1 - 11, starts.Count); // 07:00..20:00 every quarter-hour, minus the eleven 08:45..11:15
    }

    [Fact]
    public async Task Time_no_live_appointment_claims_is_offered_again_and_booked_time_never()
    {
        var chain = await Chain.Create(Grains);
        var anna = await Listed(chain);
        var service = await chain.AddService(60);
        var (booked, _) = await chain.Book(chain.Booking([anna], chain.Local(3, 10), null, serviceIds: [service]));
        // What a crash between reserving and recording, or a failed release, leaves behind: time reserved for an
        // appointment that does not exist, and time of a live appointment that it does not claim.
        var orphans = new[] { new Reservation(Guid.NewGuid(), TimeRange.FromMinutes(chain.Local(3, 12), 60)), new Reservation(booked, TimeRange.FromMinutes(chain.Local(3, 14), 60)) };
        foreach (var orphan in orphans) Assert.True((await Calendar(anna, orphan.Occupied.Start).Reserve(orphan)).Reserved);

        var slots = await Eventually.Value(
            () => Day(chain, service, 3),
            found => found.Any(s => s.Start == chain.Local(3, 12)) && found.Any(s => s.Start == chain.Local(3, 14)),
            "the orphaned time offered");

        Assert.DoesNotContain(slots, s => s.Start < chain.Local(3, 11) && s.End > chain.Local(3, 10));
        Assert.Equal([booked], (await Calendar(anna, chain.Local(3, 10)).GetReservations()).Where(r => r.Occupied.Start == chain.Local(3, 10)).Select(r => r.AppointmentId));
    }

    [Fact]
    public async Task A_sweep_asks_no_holder_of_time_the_appointment_list_shows_it_keeping()
    {
        var chain = await Chain.Create(Grains);
        var anna = await Listed(chain);
        var service = await chain.AddService(60);
        var (booked, view) = await chain.Book(chain.Booking([anna], chain.Local(3, 10), null, serviceIds: [service]));
        // Each silo of this cluster keeps a list of its own: the booking is listed on all, as on the shared database.
        foreach (var silo in fixture.Cluster.Silos.Cast<InProcessSiloHandle>())
        {
            await silo.SiloHost.Services.GetRequiredService<IAppointmentReadModel>().Apply(view, deleted: false, default);
        }

        var orphan = new Reservation(Guid.NewGuid(), TimeRange.FromMinutes(chain.Local(3, 12), 60));
        Assert.True((await Calendar(anna, orphan.Occupied.Start).Reserve(orphan)).Reserved);
        using var claims = CallGate.Close(Grains.GetGrain<IAppointmentGrain>(booked).GetGrainId(), nameof(IAppointmentGrain.Claim));

        await Eventually.Value(() => Day(chain, service, 3), found => found.Any(s => s.Start == chain.Local(3, 12)), "the orphaned time offered");

        Assert.False(claims.Reached.IsCompleted);
    }

    [Fact]
    public async Task A_booked_slot_disappears()
    {
        var chain = await Chain.Create(Grains);
        var anna = await Listed(chain);
        var service = await chain.AddService(45);
        var before = await Day(chain, service, 2);
        var slot = before[10];

        await chain.Book(chain.Booking([.. slot.ResourceIds], slot.Start, null, serviceIds: [service]));

        var after = await Day(chain, service, 2);
        Assert.DoesNotContain(after, s => s.Start == slot.Start);
        Assert.DoesNotContain(after, s => new TimeRange(s.Start, s.End).Overlaps(new TimeRange(slot.Start, slot.End)));
        Assert.Equal(before.Length - 5, after.Length); // its own start and the two quarter-hours on either side
        Assert.All(after, s => Assert.Equal([anna], s.ResourceIds));
    }

    [Fact]
    public async Task Every_slot_of_a_busy_random_day_can_be_booked()
    {
        var chain = await Chain.Create(Grains);
        Guid[] staff = [await Listed(chain, "Anna"), await Listed(chain, "Beata"), await Listed(chain, "Celina")];
        var random = new Random(2026);
        var held = new List<(Guid ResourceId, TimeRange Occupied)>();
        foreach (var resource in staff)
        {
            for (var i = 0; i < 14; i++)
            {
                var start = chain.Local(4, 7).AddMinutes(random.Next(0, 14 * 12) * 5);
                var kind = i % 4 == 0 ? AppointmentKind.Break : AppointmentKind.Appointment;
                var booked = await Grains.GetGrain<IAppointmentGrain>(Guid.NewGuid())
                    .Book(chain.Booking([resource], start, random.Next(2, 16) * 5, kind: kind));
                if (booked.IsSuccess) held.Add((resource, booked.Value!.Occupied));
            }
        }

        var service = await chain.AddService(40, bufferBefore: 10, bufferAfter: 5);
        var slots = await Day(chain, service, 4);
        Assert.NotEmpty(slots);
        Assert.All(slots, slot => Assert.DoesNotContain(held, h =>
            slot.ResourceIds.Contains(h.ResourceId) && h.Occupied.Overlaps(new TimeRange(slot.Start.AddMinutes(-10), slot.End.AddMinutes(5)))));

        // Book a random sample that do not collide with each other: each one must be accepted.
        var sample = new List<AvailableSlot>();
        foreach (var slot in slots.OrderBy(_ => random.Next()))
        {
            var occupied = new TimeRange(slot.Start.AddMinutes(-10), slot.End.AddMinutes(5));
            if (sample.Any(s => s.ResourceIds[0] == slot.ResourceIds[0] && new TimeRange(s.Start.AddMinutes(-10), s.End.AddMinutes(5)).Overlaps(occupied))) continue;
            sample.Add(slot);
            if (sample.Count == 20) break;
        }

        foreach (var slot in sample)
        {
            var (_, view) = await chain.Book(chain.Booking([.. slot.ResourceIds], slot.Start, null, serviceIds: [service]));
            held.Add((slot.ResourceIds[0], view.Occupied));
        }

        // What is offered afterwards is still free of everything booked, the sample included.
        var after = await Day(chain, service, 4);
        Assert.True(after.Length < slots.Length);
        Assert.All(after, slot => Assert.DoesNotContain(held, h =>
            slot.ResourceIds.Contains(h.ResourceId) && h.Occupied.Overlaps(new TimeRange(slot.Start.AddMinutes(-10), slot.End.AddMinutes(5)))));
        var bookedAgain = await Grains.GetGrain<IAppointmentGrain>(Guid.NewGuid())
            .Book(chain.Booking([.. after[^1].ResourceIds], after[^1].Start, null, serviceIds: [service]));
        Ok(bookedAgain);
    }

    [Fact]
    public async Task A_staff_and_room_service_is_offered_only_when_both_are_free()
    {
        var chain = await Chain.Create(Grains);
        var anna = await Listed(chain, "Anna");
        var room = await Listed(chain, "Room 1", ResourceKind.Room);
        var massage = await chain.AddService(60, needs: [ResourceKind.Staff, ResourceKind.Room]);
        await chain.Book(chain.Booking([anna], chain.Local(5, 10), 60)); // Anna busy 10-11
        await chain.Book(chain.Booking([room], chain.Local(5, 13), 60)); // room busy 13-14

        var slots = await Day(chain, massage, 5);

        Assert.All(slots, s => Assert.Equal([anna, room], s.ResourceIds));
        var starts = slots.Select(s => s.Start).ToList();
        Assert.Contains(chain.Local(5, 9), starts);
        Assert.Contains(chain.Local(5, 11), starts);
        Assert.Contains(chain.Local(5, 12), starts);
        Assert.Contains(chain.Local(5, 14), starts);
        Assert.DoesNotContain(starts, s => s > chain.Local(5, 9) && s < chain.Local(5, 11));
        Assert.DoesNotContain(starts, s => s > chain.Local(5, 12) && s < chain.Local(5, 14));
        await chain.Book(chain.Booking([anna, room], chain.Local(5, 12), null, serviceIds: [massage]));
    }

    [Fact]
    public async Task An_asked_resource_is_in_every_slot()
    {
        var chain = await Chain.Create(Grains);
        var anna = await Listed(chain, "Anna");
        var beata = await Listed(chain, "Beata");
        var service = await chain.AddService(60);
        await chain.Book(chain.Booking([beata], chain.Local(3, 12), 60));

        var all = await Day(chain, service, 3);
        var withBeata = await Day(chain, service, 3, beata);

        Assert.All(all, s => Assert.Equal([anna], s.ResourceIds)); // the first free in name order
        Assert.All(withBeata, s => Assert.Equal([beata], s.ResourceIds));
        Assert.DoesNotContain(withBeata, s => s.Start > chain.Local(3, 11) && s.Start < chain.Local(3, 13));
    }

    [Fact]
    public async Task Time_off_removes_the_day()
    {
        var chain = await Chain.Create(Grains);
        var anna = await Listed(chain);
        var service = await chain.AddService(30);
        var dayOff = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(chain.Local(6, 12), chain.TimeZone).DateTime);
        Ok(await Grains.GetGrain<IResourceGrain>(anna).AddException(
            new ScheduleException(Guid.NewGuid(), chain.LocationId, dayOff, ScheduleExceptionKind.TimeOff, null, null, "Holiday")));

        var slots = await Day(chain, service, 5, days: 3);

        Assert.NotEmpty(slots);
        Assert.DoesNotContain(slots, s => s.Start >= chain.Local(6, 0) && s.Start < chain.Local(7, 0));
        Assert.Contains(slots, s => s.Start == chain.Local(5, 7));
        Assert.Contains(slots, s => s.Start == chain.Local(7, 7));
    }

    [Fact]
    public async Task Resources_without_hours_at_the_location_are_not_offered()
    {
        var chain = await Chain.Create(Grains);
        var elsewhere = Guid.NewGuid();
        Ok(await Grains.GetGrain<IResourceGrain>(elsewhere).Create(chain.OrganizationId, new ResourceDefinition(
            "Zofia", ResourceKind.Staff, [new WeeklyHours(Guid.NewGuid(), DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(17, 0))])));
        await Grains.GetGrain<IOrganizationGrain>(chain.OrganizationId).Register(DirectoryKind.Resource, elsewhere);
        var service = await chain.AddService(30);

        Assert.Empty(await Day(chain, service, 1, days: 7));
    }

    [Fact]
    public async Task Clients_see_slots_only_after_the_booking_notice()
    {
        var chain = await Chain.Create(Grains);
        await Listed(chain);
        var service = await chain.AddService(30);
        var now = DateTimeOffset.UtcNow;

        var forClients = Ok(await Availability.Find(new AvailabilityQuery(
            chain.OrganizationId, chain.LocationId, service, null, now, now.AddDays(2), ApplyClientPolicy: true)));
        var forStaff = Ok(await Availability.Find(new AvailabilityQuery(
            chain.OrganizationId, chain.LocationId, service, null, now, now.AddDays(2), ApplyClientPolicy: false)));

        Assert.NotEmpty(forClients);
        Assert.All(forClients, s => Assert.True(s.Start >= now.AddHours(ClientPolicy.Default.BookingNoticeHours)));
        Assert.All(forStaff, s => Assert.True(s.Start >= now));
        Assert.Subset(forStaff.Select(s => s.Start).ToHashSet(), forClients.Select(s => s.Start).ToHashSet());
    }

    [Fact]
    public async Task Unknown_or_foreign_ids_are_not_found_and_bad_windows_invalid()
    {
        var chain = await Chain.Create(Grains);
        var other = await Chain.Create(Grains);
        var service = await chain.AddService(30);
        var foreignService = await other.AddService(30);
        var foreignResource = await other.AddResource();
        var from = chain.Local(1, 0);
        AvailabilityQuery Query(Guid location, Guid serviceId, Guid? resource = null, int days = 1) =>
            new(chain.OrganizationId, location, serviceId, resource, from, from.AddDays(days), false);

        var wrong = await Availability.Find(Query(other.LocationId, foreignService, foreignResource));
        Refused(ErrorCodes.NotFound, wrong);
        Assert.Equal(["locationId", "serviceId", "resourceId"], wrong.Error!.Fields.Select(f => f.Field));
        Refused(ErrorCodes.NotFound, await Availability.Find(Query(chain.LocationId, Guid.NewGuid())));
        Refused(ErrorCodes.ValidationFailed, await Availability.Find(Query(chain.LocationId, service, days: 40)));
        Refused(ErrorCodes.ValidationFailed, await Availability.Find(Query(chain.LocationId, service, days: 0)));
        Ok(await Availability.Find(Query(chain.LocationId, service, days: 31)));
    }
}
