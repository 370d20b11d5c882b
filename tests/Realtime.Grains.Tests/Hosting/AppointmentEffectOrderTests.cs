using Microsoft.Extensions.DependencyInjection;
using Realtime.Grains.Appointments.Effects;
using Realtime.Grains.Feeds;
using Realtime.Grains.Notifications;
using Realtime.Grains.Projections;
using Realtime.Grains.Scheduling;
using Realtime.Grains.Waitlist;
using Realtime.Silo.Hosting;

namespace Realtime.Grains.Tests.Hosting;

/// <summary>
/// An appointment hands each change to its effects one after the other, in registration order. The list comes after
/// every durable effect, so the outbox recovery may take a listed version as handed on; the feed comes after the list,
/// so a desk that reloads on a feed event finds the change listed.
/// </summary>
public sealed class AppointmentEffectOrderTests
{
    [Theory]
    [InlineData(StorageMode.Memory, null)]
    [InlineData(StorageMode.Postgres, "Host=127.0.0.1;Database=none")]
    public void The_list_follows_every_durable_effect_and_the_feed_follows_the_list(StorageMode mode, string? connectionString)
    {
        var effects = new ServiceCollection().AddRealtimeSiloServices(mode, connectionString)
            .Where(d => d.ServiceType == typeof(IAppointmentEffect))
            // An effect that grains also take directly is registered through a factory that hands on its singleton.
            .Select(d => d.ImplementationType ?? d.ImplementationFactory?.Method.ReturnType);

        Assert.Equal(
            [typeof(ClientNoShowEffect), typeof(AppointmentJobsEffect), typeof(NotificationEffect), typeof(WaitlistEffect),
                typeof(AppointmentProjectionEffect), typeof(LocationFeedEffect)],
            effects);
    }
}
