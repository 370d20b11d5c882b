using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Clients;
using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Interfaces.Organizations;
using Realtime.Grains.Interfaces.Resources;
using Realtime.Grains.Interfaces.Waitlist;
using Realtime.Testing;

namespace Realtime.Grains.Tests.Infrastructure;

/// <summary>A fresh organisation with one location, to which a test adds what it needs.</summary>
public sealed class Chain
{
    public static readonly Actor Desk = Actor.Staff("desk-1", "Front desk");

    private readonly IGrainFactory grains;

    private Chain(IGrainFactory grains, Guid organizationId, Guid locationId, TimeZoneInfo timeZone)
    {
        this.grains = grains;
        OrganizationId = organizationId;
        LocationId = locationId;
        TimeZone = timeZone;
    }

    public Guid OrganizationId { get; }

    public Guid LocationId { get; }

    public TimeZoneInfo TimeZone { get; }

    public static async Task<Chain> Create(IGrainFactory grains, string timeZone = "Europe/Warsaw")
    {
        var organizationId = Guid.NewGuid();
        Ok(await grains.GetGrain<IOrganizationGrain>(organizationId).Create("Test chain"));
        var locationId = Guid.NewGuid();
        Ok(await grains.GetGrain<ILocationGrain>(locationId).Create(
            organizationId, new LocationDefinition("Centre", "Main street 1", timeZone, LocationPolicy.Default)));
        return new Chain(grains, organizationId, locationId, TimeZoneInfo.FindSystemTimeZoneById(timeZone));
    }

    /// <summary>The same chain seen through another cluster client (after a restart).</summary>
    public Chain Through(IGrainFactory other) => new(other, OrganizationId, LocationId, TimeZone);

    /// <summary>A resource working 07:00-21:00 every day at this location.</summary>
    public async Task<Guid> AddResource(string name = "Anna", ResourceKind kind = ResourceKind.Staff)
    {
        var id = Guid.NewGuid();
        WeeklyHours[] hours = [.. Enum.GetValues<DayOfWeek>().Select(d => new WeeklyHours(LocationId, d, new TimeOnly(7, 0), new TimeOnly(21, 0)))];
        Ok(await grains.GetGrain<IResourceGrain>(id).Create(OrganizationId, new ResourceDefinition(name, kind, hours)));
        return id;
    }

    public async Task<Guid> AddService(int minutes, int bufferBefore = 0, int bufferAfter = 0, params ResourceKind[] needs)
    {
        var id = Guid.NewGuid();
        Ok(await grains.GetGrain<IServiceGrain>(id).Create(
            OrganizationId, new ServiceDefinition("Service", minutes, 100m, bufferBefore, bufferAfter, 1, needs, null)));
        return id;
    }

    public async Task<Guid> AddClient()
    {
        var id = Guid.NewGuid();
        Ok(await grains.GetGrain<IClientGrain>(id).Create(
            OrganizationId, new ClientProfile("Ewa", "Nowak", $"ewa.{id:N}@example.com", $"+48 6{Random.Shared.Next(100_000_000):D8}", null, null, null, "pl")));
        return id;
    }

    /// <summary>An instant at a local time of this location, some days from today.</summary>
    public DateTimeOffset Local(int daysFromToday, int hour, int minute = 0)
    {
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZone).Date;
        var local = today.AddDays(daysFromToday).AddHours(hour).AddMinutes(minute);
        return new DateTimeOffset(local, TimeZone.GetUtcOffset(local)).ToUniversalTime();
    }

    public BookAppointment Booking(
        Guid[] resourceIds, DateTimeOffset start, int? minutes = 60, Guid? clientId = null, Guid[]? serviceIds = null,
        AppointmentKind kind = AppointmentKind.Appointment, bool overrideWorkingHours = false) =>
        new(OrganizationId, LocationId, resourceIds, serviceIds ?? [], clientId, start, minutes, kind,
            FirstConsultation: false, Asap: false, Source: "phone", Notes: null, Price: null, Labels: [],
            overrideWorkingHours, NotifyClient: false, Desk);

    /// <summary>What a waitlist hears when an appointment of this chain (version 2, made up) gives up an hour on the resource.</summary>
    public WaitlistNews FreedHour(Guid resourceId, DateTimeOffset start)
    {
        var appointmentId = Guid.NewGuid();
        return new WaitlistNews(appointmentId, 2, new FreedSlot(OrganizationId, appointmentId, null, [resourceId], start, TimeRange.FromMinutes(start, 60)), null);
    }

    public async Task<(Guid Id, AppointmentView View)> Book(BookAppointment booking)
    {
        var id = Guid.NewGuid();
        var view = Ok(await grains.GetGrain<IAppointmentGrain>(id).Book(booking));
        return (id, view);
    }

    /// <summary>The client's record once <paramref name="wanted"/> holds: it follows an appointment's change right after the answer.</summary>
    public static async Task<ClientView> ClientOnce(IGrainFactory grains, Guid clientId, Func<ClientView, bool> wanted, string what) =>
        await Eventually.Value(async () => (await grains.GetGrain<IClientGrain>(clientId).Get())!, wanted, what);

    /// <summary>The client with their appointments once <paramref name="wanted"/> holds (see <see cref="ClientOnce"/>).</summary>
    public static async Task<ClientRecord> RecordOnce(IGrainFactory grains, Guid clientId, Func<ClientRecord, bool> wanted, string what) =>
        await Eventually.Value(async () => (await grains.GetGrain<IClientGrain>(clientId).GetRecord())!, wanted, what);

    public static T Ok<T>(Result<T> result)
    {
        Assert.True(result.IsSuccess, $"Expected success, got {result.Error?.Code}: {result.Error?.Message} {string.Join("; ", result.Error?.Fields.Select(f => $"{f.Field}: {f.Message}") ?? [])}");
        return result.Value!;
    }

    /// <summary>A cancel's or completion's answer as the appointment it left.</summary>
    public static Result<AppointmentView> Outcome(Result<TransitionOutcome> outcome) =>
        outcome.Error is { } error ? error : outcome.Value!.Appointment;

    public static void Refused<T>(string code, Result<T> result) =>
        Assert.True(result.Error?.Code == code, $"Expected {code}, got {(result.IsSuccess ? "success" : result.Error!.Code + ": " + result.Error.Message)}");
}
