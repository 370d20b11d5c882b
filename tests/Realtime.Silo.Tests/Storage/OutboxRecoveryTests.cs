using System.Collections.Immutable;
using System.Net;
using Orleans.Runtime;
using Realtime.Silo.Storage;

namespace Realtime.Silo.Tests.Storage;

public sealed class OutboxRecoveryTests
{
    private static readonly SiloAddress Local = Silo(11111);
    private static readonly SiloAddress Other = Silo(11112);

    [Fact]
    public void Wakes_once_the_local_silo_is_active_then_only_when_a_silo_newly_dies()
    {
        var knownDead = new HashSet<SiloAddress>();

        Assert.False(OutboxRecovery.Wakes(Snapshot(1, (Local, SiloStatus.Joining), (Other, SiloStatus.Active)), Local, knownDead, woken: false));
        Assert.True(OutboxRecovery.Wakes(Snapshot(2, (Local, SiloStatus.Active), (Other, SiloStatus.Active)), Local, knownDead, woken: false));
        Assert.False(OutboxRecovery.Wakes(Snapshot(3, (Local, SiloStatus.Active), (Other, SiloStatus.ShuttingDown)), Local, knownDead, woken: true));
        Assert.True(OutboxRecovery.Wakes(Snapshot(4, (Local, SiloStatus.Active), (Other, SiloStatus.Dead)), Local, knownDead, woken: true));
        Assert.False(OutboxRecovery.Wakes(Snapshot(5, (Local, SiloStatus.Active), (Other, SiloStatus.Dead)), Local, knownDead, woken: true));
    }

    [Fact]
    public void A_silo_dead_before_this_one_started_is_covered_by_the_first_wake()
    {
        var knownDead = new HashSet<SiloAddress>();

        Assert.False(OutboxRecovery.Wakes(Snapshot(1, (Local, SiloStatus.Joining), (Other, SiloStatus.Dead)), Local, knownDead, woken: false));
        Assert.True(OutboxRecovery.Wakes(Snapshot(2, (Local, SiloStatus.Active), (Other, SiloStatus.Dead)), Local, knownDead, woken: false));
        Assert.False(OutboxRecovery.Wakes(Snapshot(3, (Local, SiloStatus.Active), (Other, SiloStatus.Dead)), Local, knownDead, woken: true));
    }

    private static SiloAddress Silo(int port) => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), 1);

    private static ClusterMembershipSnapshot Snapshot(long version, params (SiloAddress Silo, SiloStatus Status)[] members) =>
        new(members.ToImmutableDictionary(m => m.Silo, m => new ClusterMember(m.Silo, m.Status, m.Silo.ToString())), new MembershipVersion(version));
}
