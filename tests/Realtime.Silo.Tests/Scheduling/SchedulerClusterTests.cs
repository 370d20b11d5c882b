using System.Diagnostics;
using Realtime.Testing;
using Xunit.Abstractions;

namespace Realtime.Silo.Tests.Scheduling;

/// <summary>
/// Quartz nodes configured as the silos configure theirs (clustered AdoJobStore on PostgreSQL, check-in 1 s,
/// dead after 2 s, idle wait 1 s), firing real triggers.
/// </summary>
public sealed class SchedulerClusterTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Two_nodes_on_one_store_fire_each_trigger_exactly_once_within_a_second()
    {
        await using var database = await PostgresDatabase.CreateAsync("scheduler_once", applySchema: false);
        var probes = new ProbeDatabase(database.ConnectionString);
        await probes.Create();
        await using var a = SchedulerNode.Create(database.ConnectionString, "node-a");
        await using var b = SchedulerNode.Create(database.ConnectionString, "node-b");
        await a.Scheduler.Start();
        await b.Scheduler.Start();

        // Planned through both nodes, due together in two waves: both nodes compete for every trigger.
        const int count = 40;
        var now = DateTimeOffset.UtcNow;
        await a.Schedule(Enumerable.Range(0, count / 2).Select(i => $"p{i}"), now.AddSeconds(2));
        await b.Schedule(Enumerable.Range(count / 2, count / 2).Select(i => $"p{i}"), now.AddSeconds(2));
        await a.Schedule(Enumerable.Range(count, count / 2).Select(i => $"p{i}"), now.AddSeconds(3));
        await b.Schedule(Enumerable.Range(count + count / 2, count / 2).Select(i => $"p{i}"), now.AddSeconds(3));

        var fires = await WaitFor(probes, f => f.Count >= 2 * count);
        await Task.Delay(TimeSpan.FromSeconds(2)); // anything fired twice would show up by now
        fires = await probes.Fires();

        Assert.Equal(2 * count, fires.Count);
        Assert.Equal(2 * count, fires.Select(f => f.Probe).Distinct().Count());
        Assert.Equal(["node-a", "node-b"], fires.Select(f => f.Instance).Distinct().Order());
        Report("normal firing", fires);
        Assert.All(fires, f => Assert.InRange(f.Late, TimeSpan.FromMilliseconds(-50), TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public async Task The_triggers_of_a_killed_node_fire_on_the_other_within_a_few_seconds()
    {
        await using var database = await PostgresDatabase.CreateAsync("scheduler_kill", applySchema: false);
        var probes = new ProbeDatabase(database.ConnectionString);
        await probes.Create();
        // The survivor is built first (it provisions the tables) but not started: until the kill, only the node that
        // is going to die fires anything, so it is the one holding the triggers.
        await using var survivor = SchedulerNode.Create(database.ConnectionString, "survivor");
        var doomed = await SchedulerNode.StartProcess(database.ConnectionString, "doomed");
        try
        {
            string[] held = ["held-1", "held-2", "held-3"];
            await survivor.Schedule(held, DateTimeOffset.UtcNow.AddSeconds(1), hang: true);
            await WaitFor(probes, f => f.Count(x => x.Instance == "doomed") == held.Length);

            await survivor.Scheduler.Start();
            string[] later = ["later-1", "later-2"];
            var killedAt = DateTimeOffset.UtcNow;
            doomed.Kill(entireProcessTree: true); // SIGKILL: no shutdown, no check-out, no release of what it holds
            await doomed.WaitForExitAsync();
            await survivor.Schedule(later, killedAt.AddSeconds(1));

            var fires = await WaitFor(probes, f => f.Count(x => x.Instance == "survivor") == held.Length + later.Length);
            await Task.Delay(TimeSpan.FromSeconds(1));
            fires = await probes.Fires();

            // Each held firing ran once on the dead node (interrupted) and once more, recovered, on the survivor.
            Assert.All(held, p => Assert.Equal(
                [("doomed", false), ("survivor", true)], fires.Where(f => f.Probe == p).Select(f => (f.Instance, f.Recovering))));
            Assert.All(later, p => Assert.Equal([("survivor", false)], fires.Where(f => f.Probe == p).Select(f => (f.Instance, f.Recovering))));

            var recovered = fires.Where(f => f.Recovering).Select(f => f.FiredAt - killedAt).ToArray();
            output.WriteLine($"recovered after the kill: {string.Join(", ", recovered.Select(d => $"{d.TotalSeconds:F2} s"))}");
            Report("after the kill, new triggers", fires.Where(f => later.Contains(f.Probe)).ToArray());
            Assert.All(recovered, d => Assert.InRange(d, TimeSpan.Zero, TimeSpan.FromSeconds(6)));
        }
        finally
        {
            if (!doomed.HasExited) doomed.Kill(entireProcessTree: true);
        }
    }

    private void Report(string what, IReadOnlyCollection<ProbeFire> fires)
    {
        var late = fires.Select(f => f.Late.TotalMilliseconds).Order().ToArray();
        output.WriteLine($"{what}: {fires.Count} firings, late by median {late[late.Length / 2]:F0} ms, max {late[^1]:F0} ms");
    }

    private static async Task<IReadOnlyList<ProbeFire>> WaitFor(ProbeDatabase probes, Func<IReadOnlyList<ProbeFire>, bool> done)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var fires = await probes.Fires();
            if (done(fires)) return fires;
            if (clock.Elapsed > Patience)
            {
                throw new TimeoutException($"after {Patience.TotalSeconds} s: {string.Join(", ", fires.Select(f => $"{f.Probe}@{f.Instance}{(f.Recovering ? " (recovering)" : "")}"))}");
            }
            await Task.Delay(100);
        }
    }
}
