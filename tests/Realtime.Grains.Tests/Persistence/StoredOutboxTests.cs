using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Core.Internal;
using Orleans.Storage;
using Orleans.TestingHost;
using Realtime.Grains.Appointments;
using Realtime.Grains.Domain.Appointments;
using Realtime.Grains.Hosting;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Projections;

namespace Realtime.Grains.Tests.Persistence;

/// <summary>An appointment's state is written for its changes only; what it handed on is known again from the list.</summary>
[Collection(PostgresClusterCollection.Name)]
public sealed class StoredOutboxTests(PostgresClusterFixture fixture)
{
    private IServiceProvider Services => ((InProcessSiloHandle)fixture.Cluster.Primary!).SiloHost.Services;

    [Fact]
    public async Task A_booking_handed_on_is_written_once_and_not_handed_on_again_by_its_next_activation()
    {
        var chain = await Chain.Create(fixture.Grains);
        var staff = await chain.AddResource();
        var (id, _) = await chain.Book(chain.Booking([staff], chain.Local(6, 10)));
        await Eventually.True(() => Task.FromResult(RecordingEffect.Delivered.ContainsKey(id)), "the booking handed on");
        await Eventually.True(async () => await Services.GetRequiredService<IAppointmentReadModel>().ListedVersion(id, default) == 1, "the booking listed");

        await fixture.Grains.GetGrain<IAppointmentGrain>(id).Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.NotNull(await fixture.Grains.GetGrain<IAppointmentGrain>(id).Get());
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Equal([1L], RecordingEffect.Delivered[id]);
        Assert.Equal(1, await StoredRowVersion(id));
    }

    [Fact]
    public async Task An_appointment_whose_side_effects_keep_failing_is_not_collected_while_it_retries_them()
    {
        var chain = await Chain.Create(fixture.Grains);
        var staff = await chain.AddResource();
        var id = Guid.NewGuid();
        RecordingEffect.Failing[id] = 0;
        Chain.Ok(await fixture.Grains.GetGrain<IAppointmentGrain>(id).Book(chain.Booking([staff], chain.Local(6, 11))));
        // Tried at once, then again two seconds later: since the booking, the activation has done nothing but retry.
        await Eventually.True(() => Task.FromResult(RecordingEffect.Failing[id] >= 2), "a retry of the failed side effects");

        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.FromSeconds(1));
        RecordingEffect.Failing.TryRemove(id, out _);

        await Eventually.True(() => Task.FromResult(RecordingEffect.Delivered.ContainsKey(id)), "the side effects handed on by a later retry");
    }

    [Fact]
    public async Task A_stored_outbox_of_two_changes_is_handed_on_again_though_the_list_holds_the_last_and_then_written_away()
    {
        var id = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        var actor = Actor.Staff("key-1", "Desk");
        // Handing the first change on listed the appointment as it was then, at v2; the silo died before the second's effects.
        var stored = new AppointmentState
        {
            Id = id,
            Version = 2,
            OrganizationId = Guid.NewGuid(),
            LocationId = Guid.NewGuid(),
            ResourceIds = [Guid.NewGuid()],
            Start = now.AddDays(3),
            Timing = new AppointmentTiming(30, 0, 0),
            Confirmed = true,
            History = [new HistoryEntry(1, now, actor, "booked", null), new HistoryEntry(2, now, actor, "confirmed", null)],
            Outbox =
            [
                new OutboxEntry(1, AppointmentChangeKind.Booked, false, false, false),
                new OutboxEntry(2, AppointmentChangeKind.Confirmed, false, false, false),
            ],
        };
        await Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default).WriteStateAsync(
            AppointmentGrain.StateName, fixture.Grains.GetGrain<IAppointmentGrain>(id).GetGrainId(), new GrainState<AppointmentState>(stored));
        await Services.GetRequiredService<IAppointmentReadModel>().Apply(stored.ToView(), deleted: false, default);

        Assert.NotNull(await fixture.Grains.GetGrain<IAppointmentGrain>(id).Get());

        var delivered = await Eventually.Value(
            () => Task.FromResult(RecordingEffect.Delivered.TryGetValue(id, out var versions) ? versions.ToArray() : []),
            versions => versions.Length >= 2, "both stored changes handed on again");
        Assert.Equal([1L, 2], delivered);
        // Written away once handed on, so later activations do not hand the two on again.
        await Eventually.True(async () => await StoredRowVersion(id) == 2, "the handed-on outbox written away");
        var read = new GrainState<AppointmentState>(new AppointmentState());
        await Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default).ReadStateAsync(
            AppointmentGrain.StateName, fixture.Grains.GetGrain<IAppointmentGrain>(id).GetGrainId(), read);
        Assert.Empty(read.State!.Outbox);
    }

    private async Task<int?> StoredRowVersion(Guid id)
    {
        await using var command = fixture.DataSource.CreateCommand(
            "SELECT version FROM orleansstorage WHERE graintypestring = $1 AND convert_from(payloadbinary, 'UTF8')::jsonb ->> 'Id' = $2");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = AppointmentGrain.StateName });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id.ToString() });
        return await command.ExecuteScalarAsync() as int?;
    }
}
