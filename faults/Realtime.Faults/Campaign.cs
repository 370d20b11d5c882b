using System.Diagnostics;

namespace Realtime.Faults;

/// <summary>
/// One run: the cluster on a fresh database, the tenant and the probe's appointments, the load with the faults under
/// it, then the invariants; the summary goes to stdout and <c>summary.md</c>, every operation to <c>operations.jsonl</c>.
/// </summary>
public static class Campaign
{
    /// <summary>0 when every invariant holds, 1 otherwise (recovery times are reported, not asserted).</summary>
    public static async Task<int> RunAsync(FaultOptions options)
    {
        var settings = options.Quick ? FaultSettings.QuickRun : FaultSettings.Long;
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var machine = Machine.Current();
        Directory.CreateDirectory(options.Logs);

        Console.WriteLine("Starting two silos and the API node");
        await using var cluster = await Cluster.StartAsync(options, new PostgresServer(options.Postgres));
        using var owner = Requests.Client(cluster.ApiAddress, cluster.OwnerKey, TimeSpan.FromSeconds(10));
        using var probing = Requests.Client(cluster.ApiAddress, cluster.OwnerKey, TimeSpan.FromSeconds(2));
        var tenant = await FaultTenant.CreateAsync(owner, settings.Resources);
        var probe = await RecoveryProbe.CreateAsync(owner, probing, tenant, settings.ProbeAppointments, day: settings.BookingDays + 1);

        Console.WriteLine($"Load: {settings.Clients} clients; {settings.Kills} silo kills, PostgreSQL restarted after kill {settings.PostgresRestartAfterKill}");
        using var log = new OperationLog(Path.Combine(options.Results, "operations.jsonl"));
        using var stop = new CancellationTokenSource();
        var clients = Enumerable.Range(1, settings.Clients)
            .Select(number => new LoadClient(number, tenant, settings, owner, log).RunAsync(stop.Token))
            .ToArray();
        var faults = await new FaultInjector(cluster, probe, settings, options.RestartPostgres).RunAsync();
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        Console.WriteLine($"Load stopped after {log.Operations.Count} operations; checking the invariants");
        var invariants = await Checks.RunAsync(cluster.ConnectionString, probe.OrganizationId, log.Operations, owner, settings);
        var summary = Summary.Markdown(
            settings, machine, started, clock.Elapsed, log.Operations, faults, RecoveryLogs.OutboxesWoken(options.Logs), invariants);
        await File.WriteAllTextAsync(Path.Combine(options.Results, "summary.md"), summary);
        Console.WriteLine(summary);
        Console.WriteLine($"Operations: {log.Path}; server logs: {options.Logs}");
        return invariants.All(i => i.Holds) ? 0 : 1;
    }
}
