using Realtime.Silo.Tests.Scheduling;

namespace Realtime.Silo.Tests;

/// <summary>
/// Not used by the test runner. <c>dotnet Realtime.Silo.Tests.dll scheduler-node CONNECTION INSTANCE</c> runs a
/// scheduler node in a process of its own, so that a test can kill it for real (SIGKILL: no shutdown, no clean-up).
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is [SchedulerNode.Command, var connectionString, var instanceId])
        {
            await SchedulerNode.RunUntilKilled(connectionString, instanceId);
            return 0;
        }
        await Console.Error.WriteLineAsync($"usage: Realtime.Silo.Tests {SchedulerNode.Command} CONNECTION_STRING INSTANCE_ID");
        return 2;
    }
}
