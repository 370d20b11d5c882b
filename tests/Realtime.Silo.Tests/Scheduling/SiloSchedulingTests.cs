using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;
using Npgsql;
using Quartz;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Clients;
using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Interfaces.Organizations;
using Realtime.Grains.Interfaces.Resources;
using Realtime.Silo.Hosting;
using Realtime.Silo.Scheduling;
using Realtime.Testing;
using Xunit.Abstractions;

namespace Realtime.Silo.Tests.Scheduling;

public sealed class PostgresSiloFixture() : SiloFixture(nameof(StorageMode.Postgres));

/// <summary>
/// A silo whose birthday greetings run every second (instead of hourly) and greet from midnight, whatever the time of
/// day, with e-mail configured (to a port where no server listens: the greetings stay queued, which is what the tests
/// look at).
/// </summary>
public sealed class BirthdaySiloFixture() : SiloFixture(nameof(StorageMode.Postgres))
{
    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
    [
        new("Realtime:Scheduler:BirthdayGreetingsCron", "* * * * * ?"),
        new("Realtime:Scheduler:BirthdayGreetingTime", "00:00"),
        new("Realtime:Smtp:Host", "127.0.0.1"),
        new("Realtime:Smtp:Port", "9"),
    ];
}

public sealed class MemorySiloFixture() : SiloFixture(nameof(StorageMode.Memory));

/// <summary>
/// Appointments on a real silo whose Quartz scheduler (clustered, on PostgreSQL) fires their triggers for real.
/// Lead time and grace are whole minutes, so the appointments are placed a minute and a few seconds out.
/// </summary>
public sealed class PostgresSiloSchedulingTests(PostgresSiloFixture silo, ITestOutputHelper output) : IClassFixture<PostgresSiloFixture>
{
    [Fact]
    public async Task A_reminder_fires_within_seconds_of_its_time_and_is_recorded_once()
    {
        var desk = await FrontDesk.Create(silo.Grains, FrontDesk.Minute with { AfterEnd = AfterEndAction.MarkNoShow });
        var remindAt = DateTimeOffset.UtcNow.AddSeconds(3);
        var id = await desk.Book(remindAt.AddMinutes(1), minutes: 30);

        var reminded = await desk.WaitFor(id, v => v.History.Any(h => h.Action == "reminded"));
        var entry = reminded.History.Single(h => h.Action == "reminded");
        output.WriteLine($"reminder recorded {(entry.At - remindAt).TotalMilliseconds:F0} ms after its time");

        Assert.Equal(Actor.Scheduler, entry.Actor);
        Assert.InRange(entry.At - remindAt, TimeSpan.Zero, TimeSpan.FromSeconds(3));
        var afterEnd = Assert.Single(await WorkSettles(id, (DueWorkKind.AfterEnd, reminded.Version)));
        Assert.Equal(reminded.End, afterEnd.DueAt, StoredPrecision);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single((await desk.Get(id)).History, h => h.Action == "reminded");
    }

    [Fact]
    public async Task An_appointment_left_booked_after_its_end_becomes_a_no_show_within_seconds()
    {
        var desk = await FrontDesk.Create(silo.Grains, FrontDesk.Minute with { AfterEnd = AfterEndAction.MarkNoShow });
        var endsAt = DateTimeOffset.UtcNow.AddSeconds(3);
        var id = await desk.Book(endsAt.AddMinutes(-1), minutes: 1);

        var closed = await desk.WaitFor(id, v => v.Status != AppointmentStatus.Booked);
        var entry = closed.History[^1];
        output.WriteLine($"no-show recorded {(entry.At - endsAt).TotalMilliseconds:F0} ms after the end");

        Assert.Equal((AppointmentStatus.NoShow, "no-show", Actor.Scheduler), (closed.Status, entry.Action, entry.Actor));
        Assert.InRange(entry.At - endsAt, TimeSpan.Zero, TimeSpan.FromSeconds(3));
        Assert.Empty(await WorkSettles(id));
    }

    [Fact]
    public async Task The_silo_runs_a_clustered_node_named_after_its_address_on_quartzs_own_tables()
    {
        var metadata = await silo.Scheduler.GetMetadata();

        Assert.Equal(silo.SiloAddress.ToParsableString(), silo.Scheduler.SchedulerInstanceId);
        Assert.Equal(RealtimeScheduler.Name, silo.Scheduler.SchedulerName);
        Assert.True(metadata.JobStoreClustered);
        Assert.True(metadata.JobStorePersistent);
    }

    [Fact]
    public async Task Rescheduling_moves_the_due_work_cancelling_removes_it_and_restoring_puts_it_back()
    {
        var desk = await FrontDesk.Create(silo.Grains, FrontDesk.Minute);
        var start = DateTimeOffset.UtcNow.AddHours(3);
        var id = await desk.Book(start, minutes: 30);
        var appointment = silo.Grains.GetGrain<IAppointmentGrain>(id);
        await AssertWork(id, version: 1, start.AddMinutes(-1), start.AddMinutes(30));

        var later = start.AddHours(2);
        FrontDesk.Ok(await appointment.Reschedule(new RescheduleAppointment(later, null, true, false, FrontDesk.Staff)));
        await AssertWork(id, version: 2, later.AddMinutes(-1), later.AddMinutes(30));

        FrontDesk.Ok(await appointment.Cancel(new CancelAppointment(CancellationReason.Business, null, false, false, null, FrontDesk.Staff)));
        Assert.Empty(await WorkSettles(id));

        FrontDesk.Ok(await appointment.Restore(FrontDesk.Staff, overrideWorkingHours: true)); // booked and moved at any hour, as it was
        await AssertWork(id, version: 4, later.AddMinutes(-1), later.AddMinutes(30));

        FrontDesk.Ok(await appointment.Delete(FrontDesk.Staff));
        Assert.Empty(await WorkSettles(id));
    }

    /// <summary>
    /// The location's reminder lead time raised from a day to two, then lowered to two hours, as a manager editing the
    /// location does: the booked visits' reminders move to start − the new lead in the background, each appointment
    /// keeping its version and its after-end check. A visit booked inside the window of its time keeps that decision
    /// (confirmed, no reminder) under both; one booked outside it that the raised lead puts inside is reminded at once,
    /// not confirmed; a cancelled one gets no work back.
    /// </summary>
    [Fact]
    public async Task A_changed_reminder_lead_time_re_plans_the_reminders_of_the_locations_booked_visits()
    {
        var day = FrontDesk.Minute with { ReminderLeadMinutes = 24 * 60 };
        var desk = await FrontDesk.Create(silo.Grains, day);
        var now = DateTimeOffset.UtcNow;
        var (ahead, inside, nearing, cancelled) = (now.AddDays(3), now.AddHours(5), now.AddHours(30), now.AddDays(4));
        var visit = await desk.Book(ahead, minutes: 30);
        var bookedInside = await desk.Book(inside, minutes: 30);
        var bookedNearing = await desk.Book(nearing, minutes: 30);
        var gone = await desk.Book(cancelled, minutes: 30);
        FrontDesk.Ok(await silo.Grains.GetGrain<IAppointmentGrain>(gone).Cancel(
            new CancelAppointment(CancellationReason.Business, null, false, false, null, FrontDesk.Staff)));
        await AssertWork(visit, version: 1, ahead.AddDays(-1), ahead.AddMinutes(30));
        await AssertWork(bookedNearing, version: 1, nearing.AddDays(-1), nearing.AddMinutes(30));
        Assert.True((await desk.Get(bookedInside)).Confirmed);

        await desk.SetPolicy(day with { ReminderLeadMinutes = 48 * 60 });

        await WorkMoves(visit, ahead.AddDays(-2));
        var reminded = await desk.WaitFor(bookedNearing, v => v.History.Any(h => h.Action == "reminded"));
        Assert.False(reminded.Confirmed);
        await AssertWork(visit, version: 1, ahead.AddDays(-2), ahead.AddMinutes(30));

        await desk.SetPolicy(day with { ReminderLeadMinutes = 2 * 60 });

        await WorkMoves(visit, ahead.AddHours(-2));
        await AssertWork(visit, version: 1, ahead.AddHours(-2), ahead.AddMinutes(30));
        Assert.Equal([(DueWorkKind.AfterEnd, 1L)], (await WorkOf(bookedInside)).Select(w => (w.Kind, w.Version)));
        Assert.True((await desk.Get(bookedInside)).Confirmed);
        Assert.Empty(await WorkOf(gone));
    }

    /// <summary>The appointment's reminder, once it is planned for <paramref name="remindAt"/>.</summary>
    private async Task WorkMoves(Guid id, DateTimeOffset remindAt) =>
        await Eventually.Value(
            () => WorkOf(id),
            work => work.Any(w => w.Kind == DueWorkKind.Reminder && (w.DueAt - remindAt).Duration() <= StoredPrecision),
            $"the reminder of {id} is planned for {remindAt:O}");

    /// <summary>PostgreSQL keeps instants to the microsecond.</summary>
    private static readonly TimeSpan StoredPrecision = TimeSpan.FromMicroseconds(1);

    private async Task AssertWork(Guid id, long version, DateTimeOffset remindAt, DateTimeOffset closeAt)
    {
        var work = await WorkSettles(id, (DueWorkKind.Reminder, version), (DueWorkKind.AfterEnd, version));
        Assert.Equal(remindAt, work[0].DueAt, StoredPrecision);
        Assert.Equal(closeAt, work[1].DueAt, StoredPrecision);
    }

    /// <summary>
    /// The appointment's due work, in the order of <paramref name="expected"/>, once it is exactly those kinds and
    /// versions: every change plans it right after its answer.
    /// </summary>
    private async Task<DueWork[]> WorkSettles(Guid id, params (DueWorkKind Kind, long Version)[] expected) =>
        await Eventually.Value(
            async () => (await WorkOf(id)).OrderBy(w => Array.FindIndex(expected, e => e.Kind == w.Kind)).ToArray(),
            work => work.Select(w => (w.Kind, w.Version)).SequenceEqual(expected),
            $"the due work of {id} is {string.Join(", ", expected)}");

    private async Task<DueWork[]> WorkOf(Guid id)
    {
        await using var connection = new NpgsqlConnection(silo.Database!.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT version, remind_at, remind_attempts, close_at, close_attempts FROM appointment_due_work WHERE appointment_id = $1",
            connection)
        {
            Parameters = { new NpgsqlParameter<Guid> { TypedValue = id } },
        };
        await using var reader = await command.ExecuteReaderAsync();
        var work = new List<DueWork>();
        while (await reader.ReadAsync())
        {
            if (!reader.IsDBNull(1)) work.Add(new DueWork(id, DueWorkKind.Reminder, reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetInt32(2)));
            if (!reader.IsDBNull(3)) work.Add(new DueWork(id, DueWorkKind.AfterEnd, reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(3), reader.GetInt32(4)));
        }
        return [.. work];
    }
}

/// <summary>The in-memory demo mode schedules on Quartz's in-memory store.</summary>
public sealed class MemorySiloSchedulingTests(MemorySiloFixture silo) : IClassFixture<MemorySiloFixture>
{
    [Fact]
    public async Task A_reminder_fires_in_memory_mode_too()
    {
        var desk = await FrontDesk.Create(silo.Grains, FrontDesk.Minute);
        var id = await desk.Book(DateTimeOffset.UtcNow.AddSeconds(62), minutes: 30);

        var reminded = await desk.WaitFor(id, v => v.History.Any(h => h.Action == "reminded"));

        Assert.Equal(Actor.Scheduler, reminded.History[^1].Actor);
    }
}

/// <summary>An organisation with one location (of the given policy), one staff member and one client.</summary>
public sealed class FrontDesk
{
    public static readonly Actor Staff = Actor.Staff("desk-1", "Front desk");

    /// <summary>Reminders a minute ahead; the after-end check at the end itself.</summary>
    public static readonly LocationPolicy Minute = LocationPolicy.Default with { ReminderLeadMinutes = 1, AfterEndGraceMinutes = 0 };

    private readonly IGrainFactory grains;
    private readonly Guid organizationId, locationId, resourceId, clientId;

    private FrontDesk(IGrainFactory grains, Guid organizationId, Guid locationId, Guid resourceId, Guid clientId) =>
        (this.grains, this.organizationId, this.locationId, this.resourceId, this.clientId) = (grains, organizationId, locationId, resourceId, clientId);

    public static async Task<FrontDesk> Create(IGrainFactory grains, LocationPolicy policy)
    {
        var (organizationId, locationId, resourceId, clientId) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        Ok(await grains.GetGrain<IOrganizationGrain>(organizationId).Create("Chain"));
        Ok(await grains.GetGrain<ILocationGrain>(locationId).Create(
            organizationId, new LocationDefinition("Centre", null, "Europe/Warsaw", policy)));
        Ok(await grains.GetGrain<IResourceGrain>(resourceId).Create(organizationId, new ResourceDefinition("Anna", ResourceKind.Staff, [])));
        Ok(await grains.GetGrain<IClientGrain>(clientId).Create(
            organizationId, new ClientProfile("Ewa", "Nowak", $"ewa.{clientId:N}@example.com", null, null, null, null, "pl")));
        return new FrontDesk(grains, organizationId, locationId, resourceId, clientId);
    }

    public async Task<Guid> Book(DateTimeOffset start, int minutes)
    {
        var id = Guid.NewGuid();
        Ok(await grains.GetGrain<IAppointmentGrain>(id).Book(new BookAppointment(
            organizationId, locationId, [resourceId], [], clientId, start, minutes, AppointmentKind.Appointment,
            FirstConsultation: false, Asap: false, Source: "phone", Notes: null, Price: null, Labels: [],
            OverrideWorkingHours: true, NotifyClient: false, Staff)));
        return id;
    }

    public async Task<AppointmentView> Get(Guid id) => (await grains.GetGrain<IAppointmentGrain>(id).Get())!;

    /// <summary>Gives the location this policy, as a manager editing the location does.</summary>
    public async Task SetPolicy(LocationPolicy policy)
    {
        var location = grains.GetGrain<ILocationGrain>(locationId);
        Ok(await location.Update((await location.Get())!.Definition with { Policy = policy }));
    }

    public async Task<AppointmentView> WaitFor(Guid id, Func<AppointmentView, bool> done)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var view = await Get(id);
            if (done(view)) return view;
            if (clock.Elapsed > TimeSpan.FromSeconds(20))
            {
                throw new TimeoutException($"appointment {id} still {view.Status}: {string.Join(", ", view.History.Select(h => h.Action))}");
            }
            await Task.Delay(50);
        }
    }

    public static T Ok<T>(Result<T> result) =>
        result.IsSuccess ? result.Value! : throw new InvalidOperationException($"{result.Error!.Code}: {result.Error.Message}");
}
