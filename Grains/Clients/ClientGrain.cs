using Microsoft.Extensions.Logging;
using Realtime.Grains.Domain.Clients;
using Realtime.Grains.Hosting;
using Realtime.Grains.Interfaces.Clients;
using Realtime.Grains.Projections.Clients;

namespace Realtime.Grains.Clients;

public sealed class ClientState
{
    public Guid OrganizationId { get; set; }
    public ClientProfile? Profile { get; set; }
    public BlacklistEntry? Blacklist { get; set; }
    public HashSet<Guid> NoShowAppointmentIds { get; set; } = [];

    /// <summary>The appointment whose no-show put the client on the blacklist, while that blacklisting stands.</summary>
    public Guid? BlacklistedByNoShow { get; set; }

    public List<Guid> AppointmentIds { get; set; } = [];
    public long Version { get; set; }

    /// <summary>
    /// The client was deleted: its personal data is gone and only this tombstone (organisation, version, the ids of the
    /// business's appointments that were theirs) remains, so that the deletion reaches the client list at least once and
    /// the id is never taken again.
    /// </summary>
    public bool Deleted { get; set; }

    /// <summary>
    /// Set on deletion: the tombstone kept <see cref="AppointmentIds"/>, so an appointment not among them is refused. A
    /// tombstone written before (ids cleared) cannot tell a late booking from a kept one and refuses none.
    /// </summary>
    public bool RefusesNewAppointments { get; set; }

    /// <summary>
    /// The latest version whose content the client list is known to hold. Behind <see cref="Version"/>, the grain
    /// hands the client to its effects again on activation. Raised in memory when a projection succeeds and stored
    /// with the next write (so a projection costs no write of its own).
    /// </summary>
    public long ProjectedVersion { get; set; }
}

/// <remarks>
/// Side effects (the client list): after each durable write the grain hands the client as it is now to every
/// <see cref="IClientEffect"/>. A failure never fails the command — the change is already durable — but is retried
/// on a timer with back-off and on the next activation (<see cref="ClientState.ProjectedVersion"/> behind
/// <see cref="ClientState.Version"/>), so every change reaches the list at least once. Unlike appointments no outbox
/// is needed: the list keeps only the latest version of a client, so handing on the current state is enough.
/// Changes that the list does not show (a linked appointment, a no-show without blacklisting) are not handed on.
/// </remarks>
public sealed class ClientGrain(
    [PersistentState(ClientGrain.StateName, StorageNames.Default)] IPersistentState<ClientState> state,
    TimeProvider time,
    IEnumerable<IClientEffect> effects,
    ILogger<ClientGrain> logger) : Grain, IClientGrain
{
    /// <summary>The state's name in storage; the recovery of changes left by dead silos looks for it.</summary>
    public const string StateName = "client";

    private static readonly TimeSpan MaxProjectionDelay = TimeSpan.FromMinutes(1);
    private readonly IClientEffect[] effects = [.. effects];
    private IGrainTimer? projectionTimer;
    private int failedProjections;

    /// <summary>A client that was created and not deleted.</summary>
    private bool Exists => state.RecordExists && !state.State.Deleted;

    private bool ListBehind => state.RecordExists && state.State.ProjectedVersion < state.State.Version;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (ListBehind) ScheduleProjection(TimeSpan.Zero);
        return Task.CompletedTask;
    }

    public async Task<Result<ClientRecord>> Create(Guid organizationId, ClientProfile profile, bool allowDuplicate = false)
    {
        if (state.RecordExists) return DomainError.Of(ErrorCodes.AlreadyExists, "The client exists already.");
        state.State.OrganizationId = organizationId;
        return await SaveProfile(profile, allowDuplicate);
    }

    public async Task<Result<ClientRecord>> Update(ClientProfile profile, bool allowDuplicate = false) =>
        Exists ? await SaveProfile(profile, allowDuplicate) : DomainError.NotFound("The client");

    public Task<bool> HasContact(ClientContact contact) => Task.FromResult(Exists && ClientContacts.Of(state.State.Profile).Contains(contact));

    public async Task<Result<ClientRecord>> AddToBlacklist(string reason, Actor actor)
    {
        if (!Exists) return DomainError.NotFound("The client");
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500)
        {
            return DomainError.Validation(new FieldError("reason", "A reason of 1 to 500 characters is required."));
        }

        state.State.Blacklist = new BlacklistEntry(reason.Trim(), time.GetUtcNow(), actor);
        state.State.BlacklistedByNoShow = null;
        return await Save();
    }

    public async Task<Result<ClientRecord>> RemoveFromBlacklist(Actor actor)
    {
        if (!Exists) return DomainError.NotFound("The client");
        state.State.Blacklist = null;
        state.State.BlacklistedByNoShow = null;
        return await Save();
    }

    public async Task<AppointmentLink> LinkAppointment(Guid appointmentId)
    {
        if (state.State.AppointmentIds.Contains(appointmentId)) return AppointmentLink.Linked;
        if (state.State.Deleted && !state.State.RefusesNewAppointments) return AppointmentLink.Linked;
        if (!Exists) return AppointmentLink.Refused;
        state.State.AppointmentIds.Add(appointmentId);
        await Record(changesList: false);
        return AppointmentLink.Linked;
    }

    public async Task RecordNoShow(Guid appointmentId, bool blacklist, Actor actor)
    {
        if (Exists && NoShows.Count(appointmentId, blacklist, time.GetUtcNow(), actor) is { } counted) await Keep(counted);
    }

    public async Task TakeBackNoShow(Guid appointmentId)
    {
        if (Exists && NoShows.TakeBack(appointmentId) is { } takenBack) await Keep(takenBack);
    }

    private NoShowRecord NoShows => new(state.State.NoShowAppointmentIds, state.State.Blacklist, state.State.BlacklistedByNoShow);

    private async Task Keep(NoShowRecord noShows)
    {
        var blacklistChanged = noShows.Blacklist != state.State.Blacklist;
        state.State.NoShowAppointmentIds = [.. noShows.Counted];
        state.State.Blacklist = noShows.Blacklist;
        state.State.BlacklistedByNoShow = noShows.BlacklistedBy;
        await Record(changesList: blacklistChanged);
    }

    /// <remarks>
    /// Keeps a tombstone instead of clearing the state, so that the deletion reaches the client list at least once
    /// (see <see cref="ClientState.Deleted"/>). The appointments that name the client are left as they are. Being the
    /// single writer of both the links and the deletion, this grain is where a booking racing the deletion is settled:
    /// linked before, it is one the caller decides on (or keeps); linked after, it is refused.
    /// </remarks>
    public async Task<Result<bool>> Delete(Actor actor, Guid[]? decidedAppointmentIds)
    {
        if (!Exists) return DomainError.NotFound("The client");
        if (decidedAppointmentIds is not null && state.State.AppointmentIds.Except(decidedAppointmentIds).Any()) return false;
        var forgotten = state.State.Profile!;
        state.State.Profile = null;
        state.State.Blacklist = null;
        state.State.BlacklistedByNoShow = null;
        state.State.NoShowAppointmentIds = [];
        state.State.Deleted = true;
        state.State.RefusesNewAppointments = true;
        await Record(changesList: true);
        await ReleaseContacts(ClientContacts.Dropped(forgotten, null));
        return true;
    }

    public Task<ClientView?> Get() => Task.FromResult(Exists ? View() : null);

    public Task<ClientRecord?> GetRecord() => Task.FromResult(Exists ? AsRecord() : null);

    /// <remarks>
    /// Contacts are claimed before the profile records them and released only after it no longer does, so a contact is
    /// never a client's without a claim naming them.
    /// </remarks>
    private async Task<Result<ClientRecord>> SaveProfile(ClientProfile profile, bool allowDuplicate)
    {
        var normalized = profile with
        {
            FirstName = profile.FirstName?.Trim()!,
            LastName = profile.LastName?.Trim()!,
            Email = ClientContacts.NormalizeEmail(profile.Email),
            Language = string.IsNullOrWhiteSpace(profile.Language) ? "en" : profile.Language.Trim().ToLowerInvariant(),
        };
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (ClientRules.Validate(normalized, today) is { Length: > 0 } errors) return DomainError.Validation(errors);
        var before = Exists ? state.State.Profile : null;
        if (await ClaimContacts(ClientContacts.Added(before, normalized), allowDuplicate) is { } taken) return taken;
        state.State.Profile = normalized;
        var saved = await Save();
        if (before is not null) await ReleaseContacts(ClientContacts.Dropped(before, normalized));
        return saved;
    }

    /// <summary>All of <paramref name="contacts"/>, or none (those granted are given back) and the refusal naming who has them.</summary>
    private async Task<DomainError?> ClaimContacts(ClientContact[] contacts, bool allowDuplicate)
    {
        Guid?[] holders;
        try
        {
            holders = await Task.WhenAll(contacts.Select(contact => Claim(contact).Claim(state.State.OrganizationId, contact, this.GetPrimaryKey(), allowDuplicate)));
        }
        catch
        {
            // Any of them may have been granted (a lost reply included), and the profile will not record them: a claim
            // kept would refuse the next client for a minute, naming this one, which does not have them.
            await ReleaseContacts(contacts);
            throw;
        }

        var taken = contacts.Zip(holders).Where(c => c.Second is not null).Select(c => (c.First, c.Second!.Value)).ToArray();
        if (taken.Length == 0) return null;
        await ReleaseContacts([.. contacts.Where((_, i) => holders[i] is null)]);
        return ClientContacts.Exists(taken);
    }

    /// <summary>Best effort: a claim whose client no longer has the contact stops counting anyway (see <see cref="ClientContactGrain"/>).</summary>
    private async Task ReleaseContacts(ClientContact[] contacts)
    {
        try
        {
            await Task.WhenAll(contacts.Select(contact => Claim(contact).Release(this.GetPrimaryKey())));
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not release the contacts of client {ClientId}", this.GetPrimaryKey());
        }
    }

    private IClientContactGrain Claim(ClientContact contact) =>
        GrainFactory.GetGrain<IClientContactGrain>(ClientContacts.Key(state.State.OrganizationId, contact));

    private async Task<ClientRecord> Save()
    {
        await Record(changesList: true);
        return AsRecord();
    }

    /// <summary>
    /// Writes the state as the next version, then hands it to the effects when the list shows what changed. A change
    /// the list does not show keeps the list current without a projection, if it was current before.
    /// </summary>
    private async Task Record(bool changesList)
    {
        var listWasCurrent = state.State.ProjectedVersion == state.State.Version;
        state.State.Version++;
        if (!changesList && listWasCurrent) state.State.ProjectedVersion = state.State.Version;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // The outcome is unknown (the write may have landed): let a fresh activation read the truth.
            DeactivateOnIdle();
            throw;
        }

        if (ListBehind) await Project();
    }

    /// <summary>Hands the client as it is now to every effect; on failure, tries again later.</summary>
    private async Task Project()
    {
        projectionTimer?.Dispose();
        projectionTimer = null;
        if (!ListBehind) return;

        var change = new ClientChange(
            this.GetPrimaryKey(), state.State.OrganizationId, state.State.Version, state.State.Deleted, Exists ? View() : null);
        try
        {
            foreach (var effect in effects) await effect.Apply(change);
        }
        catch (Exception ex)
        {
            failedProjections++;
            var delay = TimeSpan.FromSeconds(Math.Min(MaxProjectionDelay.TotalSeconds, Math.Pow(2, failedProjections)));
            logger.LogWarning(ex, "Side effects of client {ClientId} v{Version} failed; retrying in {Delay}", change.ClientId, change.Version, delay);
            ScheduleProjection(delay);
            return;
        }

        failedProjections = 0;
        state.State.ProjectedVersion = change.Version;
    }

    /// <summary>Keeps the activation alive until the list has the client, which must not wait for the client's next call.</summary>
    private void ScheduleProjection(TimeSpan dueTime)
    {
        projectionTimer?.Dispose();
        projectionTimer = this.RegisterGrainTimer(Project, new GrainTimerCreationOptions(dueTime, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    private ClientView View() => new(
        this.GetPrimaryKey(), state.State.OrganizationId, state.State.Profile!, state.State.Blacklist,
        state.State.NoShowAppointmentIds.Count, state.State.Version);

    private ClientRecord AsRecord() => new(View(), [.. state.State.AppointmentIds]);
}
