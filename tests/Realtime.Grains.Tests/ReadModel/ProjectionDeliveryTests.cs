using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Projections;
using static Realtime.Grains.Tests.Infrastructure.Chain;

namespace Realtime.Grains.Tests.ReadModel;

/// <summary>
/// The appointment list is kept current at least once, on real PostgreSQL: a failing projection never holds up an
/// acknowledgement, and the row is written by the outbox's retries — also across a restart of every silo.
/// </summary>
[Collection(ProjectionClusterCollection.Name)]
public sealed class ProjectionDeliveryTests(ProjectionClusterFixture fixture)
{
    private static readonly TimeSpan Eventually = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Every_change_reaches_the_list_and_a_deletion_leaves_a_tombstone()
    {
        var chain = await Chain.Create(fixture.Grains);
        var staff = await chain.AddResource();
        var (id, booked) = await chain.Book(chain.Booking([staff], chain.Local(3, 10)));
        var appointment = fixture.Grains.GetGrain<IAppointmentGrain>(id);

        // Effects follow the answer at once when nothing fails.
        Assert.Equal((1L, false, "Booked"), await fixture.WaitForRow(id, 1, Eventually));
        var listed = Assert.Single((await fixture.ReadModel.Query(new AppointmentQuery(chain.OrganizationId), default)).Items);
        Assert.Equal((booked.Id, booked.Start, booked.ResourceIds[0], "phone"), (listed.Id, listed.Start, listed.ResourceIds[0], listed.Source));

        Ok(await appointment.Confirm(Desk));
        Ok(await appointment.Cancel(new CancelAppointment(CancellationReason.Client, "Ill", false, false, null, Desk)));
        Assert.Equal((3L, false, "Cancelled"), await fixture.WaitForRow(id, 3, Eventually));
        var cancelled = Assert.Single((await fixture.ReadModel.Query(
            new AppointmentQuery(chain.OrganizationId) { Statuses = [AppointmentStatus.Cancelled] }, default)).Items);
        Assert.Equal((true, CancellationReason.Client), (cancelled.Confirmed, cancelled.Cancellation!.Reason));

        Ok(await appointment.Delete(Desk));
        Assert.Equal((4L, true, "Cancelled"), await fixture.WaitForRow(id, 4, Eventually));
        Assert.Equal(0, (await fixture.ReadModel.Query(new AppointmentQuery(chain.OrganizationId), default)).Total);
    }

    [Fact]
    public async Task A_booking_whose_projection_fails_is_acknowledged_and_its_row_appears_by_itself_once_the_failure_stops()
    {
        var chain = await Chain.Create(fixture.Grains);
        var staff = await chain.AddResource();
        var source = $"failing-{Guid.NewGuid():N}";
        await fixture.FailProjectionsOf(source);

        var (id, _) = await chain.Book(chain.Booking([staff], chain.Local(3, 10)) with { Source = source });

        Assert.NotNull(await fixture.Grains.GetGrain<IAppointmentGrain>(id).Get());
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Null(await fixture.Row(id));

        await fixture.StopFailing(source); // no further command: the outbox retries by itself
        Assert.Equal((1L, false, "Booked"), await fixture.WaitForRow(id, 1, Eventually));
    }

    [Fact]
    public async Task A_restart_of_every_silo_while_the_projection_fails_still_ends_with_the_latest_version_written()
    {
        var chain = await Chain.Create(fixture.Grains);
        var staff = await chain.AddResource();
        var source = $"failing-{Guid.NewGuid():N}";
        await fixture.FailProjectionsOf(source);

        var (id, _) = await chain.Book(chain.Booking([staff], chain.Local(4, 10)) with { Source = source });
        Ok(await fixture.Grains.GetGrain<IAppointmentGrain>(id).Confirm(Desk));
        Assert.Null(await fixture.Row(id));

        await fixture.Restart();
        // Activating the appointment re-dispatches the outbox that was persisted with its state; it still fails.
        var confirmed = await fixture.Grains.GetGrain<IAppointmentGrain>(id).Get();
        Assert.Equal((2L, true), (confirmed!.Version, confirmed.Confirmed));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Null(await fixture.Row(id));

        await fixture.StopFailing(source);
        Assert.Equal((2L, false, "Booked"), await fixture.WaitForRow(id, 2, Eventually));
        var listed = Assert.Single((await fixture.ReadModel.Query(new AppointmentQuery(chain.OrganizationId), default)).Items);
        Assert.True(listed.Confirmed);
    }
}
