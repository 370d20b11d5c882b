using Realtime.Grains.Domain.Clients;
using Realtime.Grains.Hosting;
using Realtime.Grains.Interfaces.Clients;
using Realtime.Grains.Projections.Clients;

namespace Realtime.Grains.Clients;

public sealed class ClientContactState
{
    public List<ContactHolder> Holders { get; set; } = [];

    /// <summary>
    /// The clients the client list showed with this contact were taken in as holders: those from before claims existed,
    /// which no claim names (<see cref="DateTimeOffset.MinValue"/> as their claim time, so they are always asked).
    /// </summary>
    public bool Seeded { get; set; }
}

public sealed class ContactHolder
{
    public Guid ClientId { get; set; }

    public DateTimeOffset ClaimedAt { get; set; }
}

/// <remarks>
/// A holder is not trusted to let go: a claim still pending (<see cref="ClientContacts.IsPending"/>) counts as it is, an
/// older one only if its client says it has the contact now (deleted, or changed to another address, it no longer
/// counts, released or not). So a refusal rests on a live client, and a create that failed frees the contact by itself.
/// </remarks>
public sealed class ClientContactGrain(
    [PersistentState(ClientContactGrain.StateName, StorageNames.Default)] IPersistentState<ClientContactState> state,
    IClientReadModel clients,
    TimeProvider time) : Grain, IClientContactGrain
{
    public const string StateName = "client-contact";

    public async Task<Guid?> Claim(Guid organizationId, ClientContact contact, Guid clientId, bool allowDuplicate)
    {
        if (ClientContacts.Key(organizationId, contact) != this.GetPrimaryKeyString())
        {
            throw new ArgumentException("The contact is not the one this claim is keyed by.", nameof(contact));
        }

        var holders = state.State.Seeded ? state.State.Holders : [.. state.State.Holders, .. await Listed(organizationId, contact)];
        var now = time.GetUtcNow();
        var others = holders.Where(h => h.ClientId != clientId).DistinctBy(h => h.ClientId).ToArray();
        var live = await Task.WhenAll(others.Select(async holder =>
            ClientContacts.IsPending(holder.ClaimedAt, now) || await GrainFactory.GetGrain<IClientGrain>(holder.ClientId).HasContact(contact)));
        var holding = others.Where((_, i) => live[i]).OrderBy(h => h.ClaimedAt).ThenBy(h => h.ClientId).ToList();
        if (holding.Count > 0 && !allowDuplicate) return holding[0].ClientId;

        holding.Add(new ContactHolder { ClientId = clientId, ClaimedAt = now });
        state.State.Holders = holding;
        state.State.Seeded = true;
        await state.WriteStateAsync();
        return null;
    }

    public async Task Release(Guid clientId)
    {
        if (state.State.Holders.RemoveAll(h => h.ClientId == clientId) > 0) await state.WriteStateAsync();
    }

    private async Task<ContactHolder[]> Listed(Guid organizationId, ClientContact contact)
    {
        var found = contact.Field == ClientContacts.Email
            ? await clients.FindByEmail(organizationId, contact.Value, CancellationToken.None)
            : await clients.FindByPhone(organizationId, contact.Value, CancellationToken.None);
        return [.. found.Select(client => new ContactHolder { ClientId = client.Id, ClaimedAt = DateTimeOffset.MinValue })];
    }
}
