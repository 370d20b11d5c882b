using System.Collections.Concurrent;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Interfaces.Resources;
using Realtime.Harness;
using Xunit.Abstractions;

namespace Realtime.Grains.Tests.Persistence;

[Collection(PostgresClusterCollection.Name)]
public sealed class RandomisedConcurrencyTests(PostgresClusterFixture fixture, ITestOutputHelper output)
{
    private const int Operations = 2000;
    private const int Workers = 16;

    [Fact]
    public async Task Two_thousand_concurrent_book_move_cancel_restore_operations_leave_no_overlap_in_the_database()
    {
        var chain = await Chain.Create(fixture.Grains);
        Guid[] staff = [await chain.AddResource("A"), await chain.AddResource("B"), await chain.AddResource("C")];
        var room = await chain.AddResource("Room", ResourceKind.Room);
        // Late evening into the night, so that many intervals cross the midnight partition boundary.
        var windowStart = chain.Local(3, 18);
        var known = new ConcurrentBag<Guid>();
        var booked = new ConcurrentBag<Guid>();
        var outcomes = new ConcurrentDictionary<string, int>();
        var next = 0;

        async Task Worker(int seed)
        {
            var random = new Random(seed);
            while (Interlocked.Increment(ref next) <= Operations)
            {
                var start = windowStart.AddMinutes(15 * random.Next(0, 64));
                Guid[] resources = random.Next(5) == 0 ? [staff[random.Next(staff.Length)], room] : [staff[random.Next(staff.Length)]];
                // Looked at once: another worker's first booking may land between two looks.
                var earlier = known.ToArray();
                var pick = earlier.Length == 0 ? Guid.NewGuid() : earlier[random.Next(earlier.Length)];
                var appointment = fixture.Grains.GetGrain<IAppointmentGrain>(pick);
                var (name, error) = (earlier.Length == 0 ? 0 : random.Next(100)) switch
                {
                    < 45 => await BookNew(start, resources, random.Next(1, 4) * 30),
                    < 65 => ("move", (await appointment.Reschedule(new RescheduleAppointment(start, random.Next(2) == 0 ? resources : null, true, false, Chain.Desk))).Error),
                    < 82 => ("cancel", (await appointment.Cancel(new CancelAppointment(CancellationReason.Client, null, false, false, null, Chain.Desk))).Error),
                    _ => ("restore", (await appointment.Restore(Chain.Desk, overrideWorkingHours: true)).Error),
                };
                outcomes.AddOrUpdate($"{name}:{error?.Code ?? "ok"}", 1, (_, n) => n + 1);
            }
        }

        async Task<(string, DomainError?)> BookNew(DateTimeOffset start, Guid[] resources, int minutes)
        {
            var id = Guid.NewGuid();
            var result = await fixture.Grains.GetGrain<IAppointmentGrain>(id).Book(chain.Booking(resources, start, minutes, overrideWorkingHours: true));
            if (result.IsSuccess)
            {
                known.Add(id);
                booked.Add(id);
            }

            return ("book", result.Error);
        }

        await Task.WhenAll(Enumerable.Range(0, Workers).Select(seed => Task.Run(() => Worker(seed))));

        foreach (var (outcome, count) in outcomes.OrderBy(o => o.Key)) output.WriteLine($"{outcome,-28} {count}");
        var connection = fixture.Database.ConnectionString;
        Assert.Equal(Operations, outcomes.Values.Sum());
        Assert.All(outcomes.Keys, key => Assert.Matches(":(ok|slot_taken|invalid_transition)$", key));
        Assert.True(outcomes.GetValueOrDefault("move:ok") > 30 && outcomes.GetValueOrDefault("restore:ok") > 20, "the run exercised too few moves or restores");
        Assert.Equal(0, await PersistedInvariants.OverlappingPairs(connection, chain.OrganizationId));
        Assert.Equal(0, await PersistedInvariants.LiveIntervalsNotHeldByCalendars(connection, chain.OrganizationId));
        Assert.True(await PersistedInvariants.LiveAppointments(connection, chain.OrganizationId) > 10);
        Assert.True(await PersistedInvariants.RecordedAppointments(connection, chain.OrganizationId) >= booked.Count);
    }
}
