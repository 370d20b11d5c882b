using Npgsql;
using Realtime.Silo.Scheduling;
using Realtime.Testing;

namespace Realtime.Silo.Tests.Scheduling;

/// <summary>
/// What every due-work store must do, written once and run against each store. Every test plans appointments of its
/// own and reads only those, so stores may be shared between tests.
/// </summary>
public abstract class DueWorkStoreBehaviour
{
    private static readonly DateTimeOffset Noon = new(2027, 3, 1, 12, 0, 0, TimeSpan.Zero);

    protected abstract IDueWorkStore Store { get; }

    private async Task<(DueWorkKind Kind, long Version, DateTimeOffset DueAt, int Attempts)[]> DueOf(Guid appointmentId, DateTimeOffset now) =>
        [.. (await Store.Due(now, 10_000, CancellationToken.None))
            .Where(w => w.AppointmentId == appointmentId)
            .Select(w => (w.Kind, w.Version, w.DueAt, w.Attempts))];

    [Fact]
    public async Task Each_kind_falls_due_at_its_own_instant_with_the_planned_version()
    {
        var id = Guid.NewGuid();
        await Store.Plan(id, 1, Noon.AddHours(-2), Noon.AddHours(1));

        Assert.Empty(await DueOf(id, Noon.AddHours(-3)));
        Assert.Equal([(DueWorkKind.Reminder, 1L, Noon.AddHours(-2), 0)], await DueOf(id, Noon));
        Assert.Equal(
            [(DueWorkKind.Reminder, 1L, Noon.AddHours(-2), 0), (DueWorkKind.AfterEnd, 1L, Noon.AddHours(1), 0)],
            await DueOf(id, Noon.AddHours(1)));
    }

    [Fact]
    public async Task A_newer_version_replaces_the_plan_and_an_older_one_never_does()
    {
        var id = Guid.NewGuid();
        await Store.Plan(id, 2, Noon.AddHours(-1), Noon.AddHours(2));
        await Store.Plan(id, 1, Noon.AddHours(-5), null);
        Assert.Equal(
            [(DueWorkKind.Reminder, 2L, Noon.AddHours(-1), 0), (DueWorkKind.AfterEnd, 2L, Noon.AddHours(2), 0)],
            await DueOf(id, Noon.AddDays(1)));

        await Store.Plan(id, 3, null, Noon.AddHours(3));
        Assert.Equal([(DueWorkKind.AfterEnd, 3L, Noon.AddHours(3), 0)], await DueOf(id, Noon.AddDays(1)));

        await Store.Plan(id, 2, null, null);
        Assert.Equal([(DueWorkKind.AfterEnd, 3L, Noon.AddHours(3), 0)], await DueOf(id, Noon.AddDays(1)));

        await Store.Plan(id, 4, null, null);
        Assert.Empty(await DueOf(id, Noon.AddDays(1)));
    }

    [Fact]
    public async Task The_same_version_planned_again_moves_the_work_as_a_changed_location_policy_re_plans_it()
    {
        var id = Guid.NewGuid();
        await Store.Plan(id, 2, Noon.AddHours(-1), Noon.AddHours(2));
        await Store.Plan(id, 2, Noon.AddHours(-3), Noon.AddHours(2));
        Assert.Equal(
            [(DueWorkKind.Reminder, 2L, Noon.AddHours(-3), 0), (DueWorkKind.AfterEnd, 2L, Noon.AddHours(2), 0)],
            await DueOf(id, Noon.AddDays(1)));

        await Store.Plan(id, 2, null, Noon.AddHours(2));
        Assert.Equal([(DueWorkKind.AfterEnd, 2L, Noon.AddHours(2), 0)], await DueOf(id, Noon.AddDays(1)));
    }

    [Fact]
    public async Task Work_done_leaves_the_other_kind_and_never_removes_a_newer_plan()
    {
        var id = Guid.NewGuid();
        await Store.Plan(id, 1, Noon.AddHours(-2), Noon.AddHours(1));
        var (reminder, afterEnd) = ((await Store.Due(Noon.AddDays(1), 10_000, CancellationToken.None)).Where(w => w.AppointmentId == id).ToArray() switch
        {
            [var first, var second] => (first, second),
            var other => throw new InvalidOperationException($"Expected two items, got {other.Length}."),
        });

        await Store.Done(reminder, CancellationToken.None);
        Assert.Equal([(DueWorkKind.AfterEnd, 1L, Noon.AddHours(1), 0)], await DueOf(id, Noon.AddDays(1)));

        await Store.Plan(id, 2, null, Noon.AddHours(4));
        await Store.Done(afterEnd, CancellationToken.None);
        Assert.Equal([(DueWorkKind.AfterEnd, 2L, Noon.AddHours(4), 0)], await DueOf(id, Noon.AddDays(1)));

        await Store.Done((await Store.Due(Noon.AddDays(1), 10_000, CancellationToken.None)).Single(w => w.AppointmentId == id), CancellationToken.None);
        Assert.Empty(await DueOf(id, Noon.AddDays(1)));
    }

    [Fact]
    public async Task A_retry_moves_one_kind_and_counts_the_attempt_unless_a_newer_version_came()
    {
        var id = Guid.NewGuid();
        await Store.Plan(id, 1, Noon.AddHours(-2), Noon.AddHours(1));
        var reminder = await DueReminder(id);

        await Store.Retry(reminder, Noon.AddMinutes(1), CancellationToken.None);
        await Store.Retry(await DueReminder(id), Noon.AddMinutes(3), CancellationToken.None);
        Assert.Equal(
            [(DueWorkKind.Reminder, 1L, Noon.AddMinutes(3), 2), (DueWorkKind.AfterEnd, 1L, Noon.AddHours(1), 0)],
            await DueOf(id, Noon.AddDays(1)));

        await Store.Plan(id, 2, Noon.AddHours(-1), Noon.AddHours(1));
        await Store.Retry(reminder, Noon.AddMinutes(10), CancellationToken.None);
        Assert.Equal(
            [(DueWorkKind.Reminder, 2L, Noon.AddHours(-1), 0), (DueWorkKind.AfterEnd, 2L, Noon.AddHours(1), 0)],
            await DueOf(id, Noon.AddDays(1)));
    }

    private async Task<DueWork> DueReminder(Guid appointmentId) =>
        (await Store.Due(Noon.AddDays(1), 10_000, CancellationToken.None)).Single(w => w.AppointmentId == appointmentId && w.Kind == DueWorkKind.Reminder);

    [Fact]
    public async Task Due_work_comes_earliest_first_and_at_most_as_much_as_asked_for()
    {
        var ids = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid()).ToArray();
        // Far in the past, so that no other test's work comes first.
        var past = new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await Store.Plan(ids[0], 1, past.AddMinutes(2), past.AddMinutes(5));
        await Store.Plan(ids[1], 1, past.AddMinutes(1), past.AddMinutes(4));
        await Store.Plan(ids[2], 1, null, past.AddMinutes(3));

        var due = await Store.Due(past.AddMinutes(10), 4, CancellationToken.None);

        Assert.Equal(
            [(ids[1], DueWorkKind.Reminder), (ids[0], DueWorkKind.Reminder), (ids[2], DueWorkKind.AfterEnd), (ids[1], DueWorkKind.AfterEnd)],
            due.Select(w => (w.AppointmentId, w.Kind)));
        foreach (var id in ids) await Store.Plan(id, 2, null, null);
    }
}

public sealed class InMemoryDueWorkStoreTests : DueWorkStoreBehaviour
{
    protected override IDueWorkStore Store { get; } = new InMemoryDueWorkStore();
}

public sealed class PostgresDueWorkStoreTests(DueWorkDatabase database) : DueWorkStoreBehaviour, IClassFixture<DueWorkDatabase>
{
    protected override IDueWorkStore Store => database.Store;
}

/// <summary>A fresh database with the Realtime schema and a due-work store on it.</summary>
public sealed class DueWorkDatabase : IAsyncLifetime
{
    private PostgresDatabase database = null!;

    public PostgresDueWorkStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        database = await PostgresDatabase.CreateAsync("duework");
        Store = new PostgresDueWorkStore(database.DataSource);
    }

    public async Task DisposeAsync()
    {
        await Store.DisposeAsync();
        await database.DisposeAsync();
    }
}
