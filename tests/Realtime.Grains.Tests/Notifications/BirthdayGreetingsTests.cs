using Microsoft.Extensions.Options;
using Realtime.Grains.Caching;
using Realtime.Grains.Domain.Notifications;
using Realtime.Grains.Interfaces.Clients;
using Realtime.Grains.Interfaces.Organizations;
using Realtime.Grains.Notifications;
using Realtime.Grains.Projections;
using Realtime.Grains.Projections.Clients;
using Realtime.Silo.Notifications;
using Realtime.Silo.ReadModel;

namespace Realtime.Grains.Tests.Notifications;

/// <summary>
/// <see cref="BirthdayGreetings.QueueBirthdayGreetings"/> as the hourly job calls it: the clients are made through their
/// grains, listed by the client projection in PostgreSQL, found there by birth date, and greeted in their language.
/// </summary>
[Collection(PostgresClusterCollection.Name)]
public sealed class BirthdayGreetingsTests(PostgresClusterFixture cluster) : IDisposable
{
    private readonly InMemoryNotificationOutbox outbox = new();

    private readonly PostgresAppointmentReadModel appointments = new(cluster.DataSource);

    private static readonly TimeOnly NineInTheMorning = new(9, 0);

    private BirthdayGreetings Greetings(IBirthdayClients clients) => new(
        clients, appointments, outbox, cluster.Grains, new DefinitionCache(cluster.Grains, TimeProvider.System),
        Options.Create(new NotificationChannels { Email = true, Sms = true }), new NotificationSignal(), TimeProvider.System);

    public void Dispose() => appointments.Dispose();

    private static DateTimeOffset Utc(string instant) => DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);

    private async Task<Guid> Client(Guid organizationId, string firstName, string language, string birthDate, string? phone = null)
    {
        var id = Guid.NewGuid();
        Chain.Ok(await cluster.Grains.GetGrain<IClientGrain>(id).Create(organizationId, new ClientProfile(
            firstName, "Nowak", $"{firstName.ToLowerInvariant()}.{id:N}@example.com", phone, null, DateOnly.Parse(birthDate), null, language)));
        return id;
    }

    [Fact]
    public async Task Clients_are_greeted_on_their_birthday_once_in_their_language()
    {
        var chain = await Chain.Create(cluster.Grains);
        var ewa = await Client(chain.OrganizationId, "Ewa", "pl", "1990-05-17", phone: "+48 600 100 200");
        var ana = await Client(chain.OrganizationId, "Ana", "es", "1985-05-17");
        var leap = await Client(chain.OrganizationId, "Lea", "fr", "2000-02-29");
        await Client(chain.OrganizationId, "Tom", "en", "1990-05-18");
        var banned = await Client(chain.OrganizationId, "Ben", "en", "1990-05-17");
        Chain.Ok(await cluster.Grains.GetGrain<IClientGrain>(banned).AddToBlacklist("no-shows", Chain.Desk));
        var gone = await Client(chain.OrganizationId, "Gus", "en", "1990-05-17");
        Chain.Ok(await cluster.Grains.GetGrain<IClientGrain>(gone).Delete(Chain.Desk, null));
        var greetings = Greetings(new PostgresBirthdayClients(cluster.DataSource));

        Assert.True(await greetings.QueueBirthdayGreetings(Utc("2031-05-17T12:00Z"), NineInTheMorning) >= 3);
        var mine = outbox.All().Where(n => n.OrganizationId == chain.OrganizationId).ToArray();
        Assert.Equal(
            new[] { (ewa, NotificationChannel.Email), (ewa, NotificationChannel.Sms), (ana, NotificationChannel.Email) }.Order(),
            mine.Select(n => (n.ClientId!.Value, n.Channel)).Order());
        Assert.All(mine, n => Assert.Equal(("birthday", 2031L, (Guid?)null), (n.Kind, n.AppointmentVersion, n.AppointmentId)));
        Assert.Equal("Ewa, wszystkiego najlepszego z okazji urodzin!", mine.Single(n => n.ClientId == ewa && n.Channel == NotificationChannel.Email).Subject);
        Assert.Equal("Test chain: Ewa, wszystkiego najlepszego z okazji urodzin!", mine.Single(n => n.Channel == NotificationChannel.Sms).Body);
        Assert.Equal("¡Feliz cumpleaños, Ana!", mine.Single(n => n.ClientId == ana).Subject);

        await greetings.QueueBirthdayGreetings(Utc("2031-05-17T15:00Z"), NineInTheMorning);
        Assert.Equal(3, outbox.All().Count(n => n.OrganizationId == chain.OrganizationId));

        await greetings.QueueBirthdayGreetings(Utc("2031-02-28T12:00Z"), NineInTheMorning);
        var leapGreeting = Assert.Single(outbox.All(), n => n.ClientId == leap);
        Assert.Equal("Joyeux anniversaire, Lea !", leapGreeting.Subject);
    }

    [Fact]
    public async Task Each_business_greets_from_nine_on_its_own_clock()
    {
        var santiago = await Chain.Create(cluster.Grains, "America/Santiago");
        var auckland = await Chain.Create(cluster.Grains, "Pacific/Auckland");
        foreach (var chain in new[] { santiago, auckland })
        {
            await cluster.Grains.GetGrain<IOrganizationGrain>(chain.OrganizationId).Register(DirectoryKind.Location, chain.LocationId);
        }
        var camila = await Client(santiago.OrganizationId, "Camila", "es", "1991-06-03");
        var aroha = await Client(auckland.OrganizationId, "Aroha", "en", "1991-06-04");
        var greetings = Greetings(new PostgresBirthdayClients(cluster.DataSource));
        Guid[] Greeted() => [.. outbox.All().Where(n => n.ClientId == camila || n.ClientId == aroha).Select(n => n.ClientId!.Value).Distinct().Order()];

        // 07:00 in Santiago (UTC−4 in June), 19:00 in Auckland (UTC+12) the day before Aroha's birthday: nobody yet.
        await greetings.QueueBirthdayGreetings(Utc("2031-06-03T11:00Z"), NineInTheMorning);
        Assert.Empty(Greeted());
        // 09:00 in Santiago.
        await greetings.QueueBirthdayGreetings(Utc("2031-06-03T13:00Z"), NineInTheMorning);
        Assert.Equal([camila], Greeted());
        // 10:00 on 4 June in Auckland, while it is still 3 June in UTC.
        await greetings.QueueBirthdayGreetings(Utc("2031-06-03T22:00Z"), NineInTheMorning);
        Assert.Equal(new[] { camila, aroha }.Order(), Greeted());
        Assert.All(outbox.All().Where(n => n.ClientId == aroha), n => Assert.Equal(2031L, n.AppointmentVersion));
    }

    [Fact]
    public async Task A_client_is_greeted_from_nine_on_the_clock_of_their_own_location_not_the_first_one_of_the_chain()
    {
        // The chain's first location is in Warsaw; Camila's visits are at its Santiago location, Ewa was never booked.
        var santiago = await Chain.Create(cluster.Grains, "America/Santiago");
        var warsaw = Guid.NewGuid();
        Chain.Ok(await cluster.Grains.GetGrain<ILocationGrain>(warsaw).Create(
            santiago.OrganizationId, new LocationDefinition("Warszawa", "Marszałkowska 1", "Europe/Warsaw", LocationPolicy.Default)));
        var organization = cluster.Grains.GetGrain<IOrganizationGrain>(santiago.OrganizationId);
        await organization.Register(DirectoryKind.Location, warsaw);
        await organization.Register(DirectoryKind.Location, santiago.LocationId);
        var camila = await Client(santiago.OrganizationId, "Camila", "es", "1991-06-03");
        var ewa = await Client(santiago.OrganizationId, "Ewa", "pl", "1991-06-03");
        var (visit, _) = await santiago.Book(santiago.Booking([await santiago.AddResource()], santiago.Local(3, 10), clientId: camila));
        await Eventually.True(async () => await appointments.ListedVersion(visit, CancellationToken.None) >= 1, "the visit is listed");
        var greetings = Greetings(new PostgresBirthdayClients(cluster.DataSource));
        Guid[] Greeted() => [.. outbox.All().Where(n => n.ClientId == camila || n.ClientId == ewa).Select(n => n.ClientId!.Value).Distinct().Order()];

        // 09:00 in Warsaw (UTC+2 in June) is 03:00 in Santiago (UTC−4): Ewa only.
        await greetings.QueueBirthdayGreetings(Utc("2031-06-03T07:00Z"), NineInTheMorning);
        Assert.Equal([ewa], Greeted());
        // 08:00 in Santiago: not yet.
        await greetings.QueueBirthdayGreetings(Utc("2031-06-03T12:00Z"), NineInTheMorning);
        Assert.Equal([ewa], Greeted());
        // 09:00 in Santiago; every hour after greets no one again.
        await greetings.QueueBirthdayGreetings(Utc("2031-06-03T13:00Z"), NineInTheMorning);
        await greetings.QueueBirthdayGreetings(Utc("2031-06-03T14:00Z"), NineInTheMorning);
        Assert.Equal(new[] { camila, ewa }.Order(), Greeted());
        var greeting = Assert.Single(outbox.All(), n => n.ClientId == camila);
        Assert.Equal(("¡Feliz cumpleaños, Camila!", 2031L), (greeting.Subject, greeting.AppointmentVersion));
    }

    [Fact]
    public async Task The_in_memory_birthdays_follow_the_client_changes()
    {
        var birthdays = new InMemoryBirthdayClients();
        var organizationId = Guid.NewGuid();
        var id = Guid.NewGuid();
        var profile = new ClientProfile("Rūta", "Kazlauskienė", "ruta@example.com", null, null, new DateOnly(1992, 3, 29), null, "lt");
        await birthdays.Apply(new ClientChange(id, organizationId, 1, false, new ClientView(id, organizationId, profile, null, 0, 1)));

        Assert.Single(await birthdays.WithBirthdayOn(new DateOnly(2026, 3, 29), CancellationToken.None));
        Assert.Empty(await birthdays.WithBirthdayOn(new DateOnly(2026, 3, 30), CancellationToken.None));

        await birthdays.Apply(new ClientChange(id, organizationId, 2, true, null));
        await birthdays.Apply(new ClientChange(id, organizationId, 1, false, new ClientView(id, organizationId, profile, null, 0, 1)));
        Assert.Empty(await birthdays.WithBirthdayOn(new DateOnly(2026, 3, 29), CancellationToken.None));
    }

    [Fact]
    public async Task Without_e_mail_or_SMS_nobody_is_greeted()
    {
        var birthdays = new InMemoryBirthdayClients();
        var greetings = new BirthdayGreetings(
            birthdays, new InMemoryAppointmentReadModel(), outbox, cluster.Grains, new DefinitionCache(cluster.Grains, TimeProvider.System), Options.Create(new NotificationChannels()),
            new NotificationSignal(), TimeProvider.System);

        Assert.Equal(0, await greetings.QueueBirthdayGreetings(Utc("2026-03-29T12:00Z"), NineInTheMorning));
    }
}
