using Realtime.Grains.Domain.Clients;
using Realtime.Grains.Interfaces.Clients;
using static Realtime.Grains.Tests.Infrastructure.Chain;

namespace Realtime.Grains.Tests.ClientList;

/// <summary>A create or change that failed while claiming its e-mail address or phone number keeps neither from the next client.</summary>
[Collection(MemoryClusterCollection.Name)]
public sealed class ClientContactFailureTests(MemoryClusterFixture fixture)
{
    private IClientGrain Client(Guid id) => fixture.Grains.GetGrain<IClientGrain>(id);

    private static ClientProfile Profile(string email, string phone) => new("Ona", "Kazlauskienė", email, phone, null, null, null, "lt");

    [Fact]
    public async Task A_create_whose_phone_claim_was_lost_gives_its_address_and_phone_back_at_once()
    {
        var chain = await Chain.Create(fixture.Grains);
        var (failed, next) = (Guid.NewGuid(), Guid.NewGuid());
        var profile = Profile($"ona.{Guid.NewGuid():N}@example.lt", $"+370 6{Random.Shared.Next(10_000_000, 99_999_999)}");
        LostReplies.LoseNext(call =>
            call.Grain is IClientContactGrain && call.ImplementationMethod.Name == nameof(IClientContactGrain.Claim)
            && call.TargetId.Key.ToString()!.Contains($"/{ClientContacts.Phone}/", StringComparison.Ordinal));

        await Assert.ThrowsAsync<TimeoutException>(() => Client(failed).Create(chain.OrganizationId, profile));

        Assert.Null(await Client(failed).Get());
        // Not refused for a minute as client_exists, naming a client that was never created.
        Ok(await Client(next).Create(chain.OrganizationId, profile));
    }
}
