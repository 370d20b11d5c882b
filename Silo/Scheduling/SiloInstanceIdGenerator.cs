using Orleans.Runtime;
using Quartz.Extensibility;

namespace Realtime.Silo.Scheduling;

/// <summary>Names the scheduler node after its silo: address, port and generation, unique per silo start.</summary>
internal sealed class SiloInstanceIdGenerator(ILocalSiloDetails silo) : IInstanceIdGenerator
{
    public ValueTask<string> GenerateInstanceId(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(silo.SiloAddress.ToParsableString());
}
