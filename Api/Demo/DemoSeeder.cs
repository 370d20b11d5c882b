using System.Security.Cryptography;
using System.Text;
using Realtime.Grains.Access;
using Realtime.Grains.Domain.Access;
using Realtime.Grains.Domain.Clients;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Clients;
using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Interfaces.Organizations;
using Realtime.Grains.Interfaces.Resources;
using Realtime.Grains.Projections.Clients;

namespace Realtime.Api.Demo;

/// <summary>
/// With <c>Realtime:Demo</c> on, fills a demo chain once (two locations in different time zones, six staff, two rooms,
/// five services, thirty clients, today's appointments) and prints its owner key, which is well known: demo only, and
/// a sign-in link to the client page for one of the clients.
/// </summary>
public sealed class DemoSeeder(
    IGrainFactory grains, IClientReadModel clientList, ClientLinks links, IHostApplicationLifetime lifetime, TimeProvider time, ILogger<DemoSeeder> logger)
    : BackgroundService
{
    public const string Setting = "Realtime:Demo";

    private static readonly Guid OrganizationId = Guid.Parse("d3e00000-0000-4000-8000-000000000001");
    private static readonly Guid KeyId = Guid.Parse("d3e00000-0000-4000-8000-0000000000ff");
    private static readonly byte[] KeySecret = SHA256.HashData(Encoding.UTF8.GetBytes("realtime demo owner key"));
    private static readonly Actor Seeder = Actor.Staff("demo", "Demo data");

    public static string OwnerKey => ApiKeyTokens.Format(KeyId, KeySecret);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await WhenStarted(stoppingToken);
        if (await grains.GetGrain<IOrganizationGrain>(OrganizationId).Get() is null) await Seed();
        logger.LogWarning(
            "DEMO DATA: organisation 'Demo Salons' ({OrganizationId}); its owner key (demo only, do not use in production): {OwnerKey}",
            OrganizationId, OwnerKey);
        await PrintClientLink(stoppingToken);
    }

    /// <summary>A demo client's way in to the client page, since the demo sends no e-mail: a fresh single-use link at every start.</summary>
    private async Task PrintClientLink(CancellationToken stoppingToken)
    {
        var profile = DemoPeople.Clients.First();
        var found = await clientList.FindByEmail(OrganizationId, ClientContacts.NormalizeEmail(profile.Email), stoppingToken);
        if (found.FirstOrDefault() is not { } client) return;
        var (url, grant) = links.SignIn(OrganizationId, client.Id);
        logger.LogWarning(
            "DEMO DATA: the client page as {FirstName} {LastName} (a sign-in link, once, until {ExpiresAt:HH:mm} UTC): {Url}",
            profile.FirstName, profile.LastName, grant.ExpiresAt, url);
    }

    private Task WhenStarted(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        lifetime.ApplicationStarted.Register(started.SetResult);
        return started.Task.WaitAsync(stoppingToken);
    }

    private async Task Seed()
    {
        var organization = grains.GetGrain<IOrganizationGrain>(OrganizationId);
        await organization.Create("Demo Salons");
        await organization.Register(DirectoryKind.ApiKey, KeyId);
        await grains.GetGrain<IApiKeyGrain>(KeyId).Create(
            new NewApiKey(OrganizationId, "Demo owner", StaffRole.Owner, null, ApiKeyTokens.HashSecret(KeySecret), Seeder));

        var warsaw = await Location(organization, "Warszawa Centrum", "ul. Marszałkowska 10", "Europe/Warsaw");
        var santiago = await Location(organization, "Santiago Providencia", "Av. Providencia 1234", "America/Santiago");
        var services = new[]
        {
            await Service(organization, "Haircut", 45, 90m, 0, 10, ResourceKind.Staff),
            await Service(organization, "Colouring", 120, 320m, 10, 15, ResourceKind.Staff),
            await Service(organization, "Manicure", 60, 120m, 0, 10, ResourceKind.Staff),
            await Service(organization, "Massage", 60, 200m, 0, 15, ResourceKind.Staff, ResourceKind.Room),
            await Service(organization, "Consultation", 30, 0m, 0, 0, ResourceKind.Staff),
        };
        var warsawStaff = await Task.WhenAll(new[] { "Anna Kowalska", "Piotr Nowak", "Rūta Kazlauskienė" }.Select(n => Resource(organization, n, ResourceKind.Staff, warsaw)));
        var santiagoStaff = await Task.WhenAll(new[] { "Camila Rojas", "Mateo González", "Élodie Martin" }.Select(n => Resource(organization, n, ResourceKind.Staff, santiago)));
        var warsawRoom = await Resource(organization, "Massage room W", ResourceKind.Room, warsaw);
        var santiagoRoom = await Resource(organization, "Sala de masajes", ResourceKind.Room, santiago);
        var clients = await Task.WhenAll(DemoPeople.Clients.Select(Client));

        var random = new Random(2026);
        await Day(warsaw, warsawStaff, warsawRoom, services, clients, random);
        await Day(santiago, santiagoStaff, santiagoRoom, services, clients, random);
        logger.LogInformation("Demo data created.");
    }

    private async Task<(Guid Id, string TimeZone)> Location(IOrganizationGrain organization, string name, string address, string timeZone)
    {
        var id = Guid.NewGuid();
        await organization.Register(DirectoryKind.Location, id);
        await grains.GetGrain<ILocationGrain>(id).Create(OrganizationId, new LocationDefinition(name, address, timeZone, LocationPolicy.Default));
        return (id, timeZone);
    }

    private async Task<(Guid Id, ServiceDefinition Definition)> Service(
        IOrganizationGrain organization, string name, int minutes, decimal price, int before, int after, params ResourceKind[] needs)
    {
        var id = Guid.NewGuid();
        var definition = new ServiceDefinition(name, minutes, price, before, after, 1, needs, null);
        await organization.Register(DirectoryKind.Service, id);
        await grains.GetGrain<IServiceGrain>(id).Create(OrganizationId, definition);
        return (id, definition);
    }

    private async Task<Guid> Resource(IOrganizationGrain organization, string name, ResourceKind kind, (Guid Id, string TimeZone) location)
    {
        var id = Guid.NewGuid();
        WeeklyHours[] hours = [.. Enum.GetValues<DayOfWeek>().Where(d => d != DayOfWeek.Sunday)
            .Select(d => new WeeklyHours(location.Id, d, new TimeOnly(8, 0), new TimeOnly(d == DayOfWeek.Saturday ? 14 : 19, 0)))];
        await organization.Register(DirectoryKind.Resource, id);
        await grains.GetGrain<IResourceGrain>(id).Create(OrganizationId, new ResourceDefinition(name, kind, hours));
        return id;
    }

    private async Task<Guid> Client(ClientProfile profile)
    {
        var id = Guid.NewGuid();
        await grains.GetGrain<IClientGrain>(id).Create(OrganizationId, profile);
        return id;
    }

    /// <summary>Today at the location: each staff member's day filled from 09:00 with a mix of services, sources and states.</summary>
    private async Task Day(
        (Guid Id, string TimeZone) location, Guid[] staff, Guid room, (Guid Id, ServiceDefinition Definition)[] services, Guid[] clients, Random random)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(location.TimeZone);
        var today = TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).Date;
        string[] sources = ["phone", "walk-in", "online", "sms campaign", "instagram ad"];
        foreach (var member in staff)
        {
            var local = today.AddHours(9);
            while (local.Hour < 17)
            {
                var start = new DateTimeOffset(local, zone.GetUtcOffset(local));
                if (random.Next(6) == 0)
                {
                    await Book(location.Id, [member], [], null, start, 30, AppointmentKind.Break, "staff");
                    local = local.AddMinutes(30);
                    continue;
                }

                var service = services[random.Next(services.Length)];
                Guid[] resources = service.Definition.RequiredResourceKinds.Contains(ResourceKind.Room) ? [member, room] : [member];
                var booked = await Book(location.Id, resources, [service.Id], clients[random.Next(clients.Length)], start, null,
                    AppointmentKind.Appointment, sources[random.Next(sources.Length)]);
                if (booked is { } id && random.Next(3) == 0) await grains.GetGrain<IAppointmentGrain>(id).Confirm(Seeder);
                local = local.AddMinutes(service.Definition.BufferBeforeMinutes + service.Definition.DurationMinutes + service.Definition.BufferAfterMinutes + 15 * random.Next(3));
            }
        }
    }

    private async Task<Guid?> Book(
        Guid locationId, Guid[] resources, Guid[] services, Guid? client, DateTimeOffset start, int? minutes, AppointmentKind kind, string source)
    {
        var id = Guid.NewGuid();
        var booked = await grains.GetGrain<IAppointmentGrain>(id).Book(new BookAppointment(
            OrganizationId, locationId, resources, services, client, start, minutes, kind, false, false, source, null, null, [],
            OverrideWorkingHours: true, NotifyClient: false, Seeder));
        return booked.IsSuccess ? id : null;
    }
}
