using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using Realtime.Silo.Hosting;
using Realtime.Silo.Scheduling;

namespace Realtime.Silo.Tests.Scheduling;

/// <summary>
/// One node of the scheduler cluster outside a silo: the silos' job store, clustering and timing
/// (<see cref="RealtimeScheduler.UseRealtimeJobStore"/>), with <see cref="ProbeJob"/> as its only job.
/// </summary>
public sealed class SchedulerNode : IAsyncDisposable
{
    public const string Command = "scheduler-node";
    private const string Ready = "scheduler-node ready";

    private readonly ServiceProvider services;

    private SchedulerNode(ServiceProvider services, string instanceId)
    {
        this.services = services;
        InstanceId = instanceId;
        Scheduler = services.GetRequiredKeyedService<IScheduler>(RealtimeScheduler.Name);
    }

    public string InstanceId { get; }

    /// <summary>Built, not started: it can already store triggers, but fires nothing until <see cref="IScheduler.Start"/>.</summary>
    public IScheduler Scheduler { get; }

    public static SchedulerNode Create(string connectionString, string instanceId)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(new ProbeDatabase(connectionString));
        services.AddQuartz(RealtimeScheduler.Name, quartz =>
        {
            quartz.UseRealtimeJobStore(StorageMode.Postgres, connectionString, new SchedulerSettings { InstanceId = instanceId });
            quartz.AddJobType<ProbeJob>();
        });
        return new SchedulerNode(services.BuildServiceProvider(), instanceId);
    }

    /// <summary>Stores one probe trigger per name, due at the given instant.</summary>
    public async Task Schedule(IEnumerable<string> names, DateTimeOffset at, bool hang = false) =>
        await Scheduler.ScheduleJobs(
            new Dictionary<IJobDetail, IReadOnlyCollection<ITrigger>> { [ProbeJob.Detail] = [.. names.Select(n => ProbeJob.Trigger(n, at, hang))] },
            ScheduleJobOptions.Replacing);

    public async ValueTask DisposeAsync()
    {
        await Scheduler.Shutdown(waitForJobsToComplete: false);
        await services.DisposeAsync();
    }

    /// <summary>The child process: start, say so on stdout, and run until killed.</summary>
    public static async Task RunUntilKilled(string connectionString, string instanceId)
    {
        var node = Create(connectionString, instanceId);
        await node.Scheduler.Start();
        Console.WriteLine(Ready);
        await Task.Delay(Timeout.Infinite);
    }

    /// <summary>Starts <see cref="RunUntilKilled"/> in a process of its own and waits until its scheduler runs.</summary>
    public static async Task<Process> StartProcess(string connectionString, string instanceId)
    {
        var assembly = typeof(SchedulerNode).Assembly.Location;
        // The SDK tells the processes it starts (the test host among them) where the dotnet host is.
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";
        var start = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "exec", assembly, Command, connectionString, instanceId }) start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start a scheduler node");
        var errors = process.StandardError.ReadToEndAsync();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line == Ready) return process;
        }
        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException($"the scheduler node exited before it was ready: {await errors}");
    }
}
