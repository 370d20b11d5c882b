using Microsoft.Extensions.DependencyInjection;
using Realtime.Grains.Appointments;
using Realtime.Grains.Appointments.Effects;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Projections;
using Realtime.Silo.Hosting;
using Realtime.Silo.ReadModel;

namespace Realtime.Grains.Tests.ReadModel;

public sealed class ReadModelRegistrationTests
{
    [Theory]
    [InlineData(StorageMode.Memory, null, typeof(InMemoryAppointmentReadModel))]
    [InlineData(StorageMode.Postgres, "Host=127.0.0.1;Port=5432;Username=postgres;Database=none", typeof(PostgresAppointmentReadModel))]
    public async Task A_silo_gets_one_read_model_singleton_and_one_projection_effect(StorageMode mode, string? connectionString, Type expected)
    {
        var services = new ServiceCollection();
        services.AddAppointmentProjection(mode, connectionString);
        services.AddAppointmentProjection(mode, connectionString); // again: changes nothing
        services.AddAppointmentReadModel(mode, connectionString);
        await using var provider = services.BuildServiceProvider();

        var readModel = provider.GetRequiredService<IAppointmentReadModel>();
        Assert.IsType(expected, readModel);
        Assert.Same(readModel, provider.GetRequiredService<IAppointmentReadModel>());
        Assert.IsType<AppointmentProjectionEffect>(Assert.Single(provider.GetServices<IAppointmentEffect>()));
        Assert.Single(services, d => d.ServiceType == typeof(IAppointmentReadModel));
    }

    [Fact]
    public async Task The_effect_writes_the_read_model_that_queries_read()
    {
        await using var provider = new ServiceCollection().AddAppointmentProjection(StorageMode.Memory, null).BuildServiceProvider();
        var organization = Guid.NewGuid();
        var actor = Actor.Staff("desk-1", "Front desk");
        var start = new DateTimeOffset(2026, 6, 8, 9, 0, 0, TimeSpan.Zero);
        var appointment = new AppointmentView(
            Guid.NewGuid(), 1, organization, Guid.NewGuid(), AppointmentKind.Appointment, AppointmentStatus.Booked, [Guid.NewGuid()], [],
            null, start, 60, 0, 0, false, null, [], [], null, false, false, "phone", false, 0, null,
            [new HistoryEntry(1, start, actor, "Booked", null)], start, start, [], 1);

        await Assert.Single(provider.GetServices<IAppointmentEffect>())
            .Apply(new AppointmentChange(appointment, false, new OutboxEntry(1, AppointmentChangeKind.Booked, false, false, false), actor));

        var page = await provider.GetRequiredService<IAppointmentReadModel>().Query(new AppointmentQuery(organization), default);
        Assert.Equal(appointment.Id, Assert.Single(page.Items).Id);
    }

    [Fact]
    public void A_client_only_process_registers_the_read_model_without_the_effect()
    {
        var services = new ServiceCollection().AddAppointmentReadModel(StorageMode.Postgres, "Host=127.0.0.1;Database=none");

        Assert.Single(services, d => d.ServiceType == typeof(IAppointmentReadModel));
        Assert.DoesNotContain(services, d => d.ServiceType == typeof(IAppointmentEffect));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void Postgres_mode_needs_a_connection_string(string? connectionString)
    {
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddAppointmentReadModel(StorageMode.Postgres, connectionString));
    }
}
