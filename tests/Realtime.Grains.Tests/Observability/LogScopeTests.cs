using Realtime.Grains.Interfaces.Appointments;
using Realtime.Testing;
using static Realtime.Grains.Tests.Infrastructure.Chain;

namespace Realtime.Grains.Tests.Observability;

[Collection(MemoryClusterCollection.Name)]
public sealed class LogScopeTests(MemoryClusterFixture fixture)
{
    [Fact]
    public async Task A_failed_side_effect_is_logged_with_the_appointment_location_and_organisation()
    {
        var chain = await Chain.Create(fixture.Grains);
        var staff = await chain.AddResource();
        var id = Guid.NewGuid();
        var booking = chain.Booking([staff], chain.Local(3, 14));
        RecordingEffect.FailOnce[id] = true;

        Ok(await fixture.Grains.GetGrain<IAppointmentGrain>(id).Book(booking));

        bool About((string Message, IReadOnlyDictionary<string, object?> Scope) w) => w.Scope.TryGetValue("AppointmentId", out var scoped) && Equals(scoped, id);
        await Eventually.True(() => Task.FromResult(ScopedLogRecorder.Warnings.Any(About)), "the failed side effect is logged");
        var logged = Assert.Single(ScopedLogRecorder.Warnings, About);
        Assert.StartsWith("Side effects of", logged.Message, StringComparison.Ordinal);
        Assert.Equal(booking.LocationId, logged.Scope["LocationId"]);
        Assert.Equal(booking.OrganizationId, logged.Scope["OrganizationId"]);
    }
}
