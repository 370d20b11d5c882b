using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;

namespace Realtime.Silo.Hosting;

/// <summary>Says loudly, when the silo starts, that <see cref="StorageMode.Memory"/> keeps nothing.</summary>
internal sealed partial class InMemoryModeWarning(ILogger<InMemoryModeWarning> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(InMemoryModeWarning), ServiceLifecycleStage.First, _ =>
        {
            LogWarning();
            return Task.CompletedTask;
        });

    [LoggerMessage(Level = LogLevel.Warning, Message = """

        *************************************************************************************
        *  IN-MEMORY MODE (Realtime:Storage = Memory): NOTHING IS PERSISTED.                *
        *  Every organisation, client and appointment is lost when this process stops.      *
        *  Single silo only. For real use run on PostgreSQL (Realtime:Storage = Postgres).  *
        *************************************************************************************
        """)]
    private partial void LogWarning();
}
