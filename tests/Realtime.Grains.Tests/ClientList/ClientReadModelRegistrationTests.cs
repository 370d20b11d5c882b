using Microsoft.Extensions.DependencyInjection;
using Realtime.Grains.Appointments.Effects;
using Realtime.Grains.Interfaces.Clients;
using Realtime.Grains.Projections;
using Realtime.Grains.Projections.Clients;
using Realtime.Silo.Hosting;
using Realtime.Silo.ReadModel;
using Realtime.Silo.ReadModel.Clients;

namespace Realtime.Grains.Tests.ClientList;

public sealed class ClientReadModelRegistrationTests
{
    [Theory]
    [InlineData(StorageMode.Memory, null, typeof(InMemoryClientReadModel))]
    [InlineData(StorageMode.Postgres, "Host=127.0.0.1;Port=5432;Username=postgres;Database=none", typeof(PostgresClientReadModel))]
    public async Task A_silo_gets_one_client_list_singleton_and_one_client_projection_effect(StorageMode mode, string? connectionString, Type expected)
    {
        var services = new ServiceCollection();
        services.AddAppointmentProjection(mode, connectionString);
        services.AddClientProjection(mode, connectionString); // again, explicitly: changes nothing
        services.AddClientReadModel(mode, connectionString);
        await using var provider = services.BuildServiceProvider();

        var readModel = provider.GetRequiredService<IClientReadModel>();
        Assert.IsType(expected, readModel);
        Assert.Same(readModel, provider.GetRequiredService<IClientReadModel>());
        Assert.IsType<ClientProjectionEffect>(Assert.Single(provider.GetServices<IClientEffect>()));
        Assert.IsType<AppointmentProjectionEffect>(Assert.Single(provider.GetServices<IAppointmentEffect>()));
        Assert.Single(services, d => d.ServiceType == typeof(IClientReadModel));
    }

    [Fact]
    public void A_client_only_process_gets_the_client_list_with_the_appointment_list_and_no_effects()
    {
        var services = new ServiceCollection().AddAppointmentReadModel(StorageMode.Postgres, "Host=127.0.0.1;Database=none");

        Assert.Single(services, d => d.ServiceType == typeof(IClientReadModel));
        Assert.DoesNotContain(services, d => d.ServiceType == typeof(IClientEffect));
    }

    [Fact]
    public async Task In_memory_the_effect_writes_the_list_that_queries_read_with_dates_from_the_same_appointment_list()
    {
        await using var provider = new ServiceCollection().AddAppointmentProjection(StorageMode.Memory, null).BuildServiceProvider();
        var organization = Guid.NewGuid();
        var client = new ClientView(
            Guid.NewGuid(), organization, new ClientProfile("Ewa", "Nowak", "ewa@example.pl", null, null, null, null, "pl"), null, 0, 1);

        await Assert.Single(provider.GetServices<IClientEffect>()).Apply(new ClientChange(client.Id, organization, 1, false, client));

        var start = new DateTimeOffset(2026, 6, 8, 9, 0, 0, TimeSpan.Zero);
        var actor = Realtime.Grains.Interfaces.Common.Actor.Staff("desk-1", "Front desk");
        await provider.GetRequiredService<IAppointmentReadModel>().Apply(new Realtime.Grains.Interfaces.Appointments.AppointmentView(
            Guid.NewGuid(), 1, organization, Guid.NewGuid(), Realtime.Grains.Interfaces.Appointments.AppointmentKind.Appointment,
            Realtime.Grains.Interfaces.Appointments.AppointmentStatus.Booked, [Guid.NewGuid()], [], client.Id, start, 60, 0, 0, false, null,
            [], [], null, false, false, "phone", false, 0, null, [], start, start, [client.Id], 1), false, default);

        var page = await provider.GetRequiredService<IClientReadModel>().Query(new ClientListQuery(organization), default);
        var listed = Assert.Single(page.Items);
        Assert.Equal((client.Id, (DateTimeOffset?)start), (listed.Id, listed.LastAppointmentAt));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void Postgres_mode_needs_a_connection_string(string? connectionString)
    {
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddClientReadModel(StorageMode.Postgres, connectionString));
    }
}
