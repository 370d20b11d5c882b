using Realtime.Grains.Domain.Clients;
using Realtime.Grains.Hosting;
using Realtime.Grains.Interfaces.Clients;

namespace Realtime.Grains.Clients;

public sealed class ClientState
{
    public Guid OrganizationId { get; set; }
    public ClientProfile? Profile { get; set; }
    public BlacklistEntry? Blacklist { get; set; }
    public HashSet<Guid> NoShowAppointmentIds { get; set; } = [];
    public List<Guid> AppointmentIds { get; set; } = [];
    public long Version { get; set; }
}

public sealed class ClientGrain(
    [PersistentState("client", StorageNames.Default)] IPersistentState<ClientState> state,
    TimeProvider time) : Grain, IClientGrain
{
    public async Task<Result<ClientView>> Create(Guid organizationId, ClientProfile profile)
    {
        if (state.RecordExists) return DomainError.Of(ErrorCodes.AlreadyExists, "The client exists already.");
        state.State.OrganizationId = organizationId;
        return await SaveProfile(profile);
    }

    public async Task<Result<ClientView>> Update(ClientProfile profile) =>
        state.RecordExists ? await SaveProfile(profile) : DomainError.NotFound("The client");

    public async Task<Result<ClientView>> AddToBlacklist(string reason, Actor actor)
    {
        if (!state.RecordExists) return DomainError.NotFound("The client");
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500)
        {
            return DomainError.Validation(new FieldError("reason", "A reason of 1 to 500 characters is required."));
        }

        state.State.Blacklist = new BlacklistEntry(reason.Trim(), time.GetUtcNow(), actor);
        return await Save();
    }

    public async Task<Result<ClientView>> RemoveFromBlacklist(Actor actor)
    {
        if (!state.RecordExists) return DomainError.NotFound("The client");
        state.State.Blacklist = null;
        return await Save();
    }

    public async Task LinkAppointment(Guid appointmentId)
    {
        if (!state.RecordExists || state.State.AppointmentIds.Contains(appointmentId)) return;
        state.State.AppointmentIds.Add(appointmentId);
        await Save();
    }

    public async Task RecordNoShow(Guid appointmentId, bool blacklist, Actor actor)
    {
        if (!state.RecordExists || !state.State.NoShowAppointmentIds.Add(appointmentId)) return;
        if (blacklist && state.State.Blacklist is null)
        {
            state.State.Blacklist = new BlacklistEntry("No-show", time.GetUtcNow(), actor);
        }

        await Save();
    }

    public async Task<Result<bool>> Delete(Actor actor)
    {
        if (!state.RecordExists) return DomainError.NotFound("The client");
        await state.ClearStateAsync();
        return true;
    }

    public Task<ClientView?> Get() => Task.FromResult(state.RecordExists ? View() : null);

    private async Task<Result<ClientView>> SaveProfile(ClientProfile profile)
    {
        var normalized = profile with
        {
            FirstName = profile.FirstName?.Trim()!,
            LastName = profile.LastName?.Trim()!,
            Email = profile.Email?.Trim().ToLowerInvariant()!,
            Language = string.IsNullOrWhiteSpace(profile.Language) ? "en" : profile.Language.Trim().ToLowerInvariant(),
        };
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (ClientRules.Validate(normalized, today) is { Length: > 0 } errors) return DomainError.Validation(errors);
        state.State.Profile = normalized;
        return await Save();
    }

    private async Task<ClientView> Save()
    {
        state.State.Version++;
        await state.WriteStateAsync();
        return View();
    }

    private ClientView View() => new(
        this.GetPrimaryKey(), state.State.OrganizationId, state.State.Profile!, state.State.Blacklist,
        state.State.NoShowAppointmentIds.Count, [.. state.State.AppointmentIds], state.State.Version);
}
