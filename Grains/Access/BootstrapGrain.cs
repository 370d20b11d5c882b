using Microsoft.Extensions.Logging;
using Realtime.Grains.Hosting;
using Realtime.Grains.Interfaces.Access;
using Realtime.Grains.Interfaces.Organizations;

namespace Realtime.Grains.Access;

public sealed class BootstrapState
{
    /// <summary>Chosen (and written) before the organisation is created, so a retry after a crash reuses it.</summary>
    public Guid? OrganizationId { get; set; }

    public Guid? OwnerKeyId { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}

public sealed class BootstrapGrain(
    [PersistentState("bootstrap", StorageNames.Default)] IPersistentState<BootstrapState> state,
    TimeProvider time,
    ILogger<BootstrapGrain> logger) : Grain, IBootstrapGrain
{
    public const string OrganizationName = "My organisation";
    public const string OwnerKeyName = "Owner (first start)";

    private static readonly Actor FirstStart = new(ActorKind.System, "bootstrap", "First start");

    public async Task<Result<BootstrapOutcome>> Bootstrap(Guid ownerKeyId, byte[] secretHash)
    {
        if (state.State is { CompletedAt: not null, OrganizationId: { } done, OwnerKeyId: { } doneKey })
        {
            return new BootstrapOutcome(Created: false, done, doneKey);
        }

        if (state.State.OrganizationId is null)
        {
            state.State.OrganizationId = Guid.NewGuid();
            await state.WriteStateAsync();
        }

        var organizationId = state.State.OrganizationId.Value;
        var organization = await GrainFactory.GetGrain<IOrganizationGrain>(organizationId).Create(OrganizationName);
        if (organization.Error is { Code: not ErrorCodes.AlreadyExists } organizationError) return organizationError;

        var key = GrainFactory.GetGrain<IApiKeyGrain>(ownerKeyId);
        var created = await key.Create(new NewApiKey(organizationId, OwnerKeyName, StaffRole.Owner, null, secretHash, FirstStart));
        if (created.Error is { } keyError)
        {
            // The same configured key again, after a crash between creating it and recording that: it is ours.
            var ours = keyError.Code == ErrorCodes.AlreadyExists && await key.Get() is { OrganizationId: var owner } && owner == organizationId;
            if (!ours) return keyError;
        }

        state.State.OwnerKeyId = ownerKeyId;
        state.State.CompletedAt = time.GetUtcNow();
        await state.WriteStateAsync();
        logger.LogInformation("Bootstrapped organisation {OrganizationId} with owner key {KeyId}", organizationId, ownerKeyId);
        return new BootstrapOutcome(Created: true, organizationId, ownerKeyId);
    }
}
