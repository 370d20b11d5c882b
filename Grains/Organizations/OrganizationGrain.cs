using Realtime.Grains.Domain.Organizations;
using Realtime.Grains.Hosting;
using Realtime.Grains.Interfaces.Organizations;

namespace Realtime.Grains.Organizations;

public sealed class OrganizationState
{
    public string? Name { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public Dictionary<DirectoryKind, List<Guid>> Directory { get; set; } = [];
}

public sealed class OrganizationGrain(
    [PersistentState("organization", StorageNames.Default)] IPersistentState<OrganizationState> state,
    TimeProvider time) : Grain, IOrganizationGrain
{
    public async Task<Result<OrganizationView>> Create(string name)
    {
        if (state.State.Name is not null) return DomainError.Of(ErrorCodes.AlreadyExists, "The organization exists already.");
        if (ConfigurationRules.ValidateName(name) is { Length: > 0 } errors) return DomainError.Validation(errors);
        state.State.Name = name.Trim();
        state.State.CreatedAt = time.GetUtcNow();
        await state.WriteStateAsync();
        return View()!;
    }

    public Task<OrganizationView?> Get() => Task.FromResult(View());

    public async Task Register(DirectoryKind kind, Guid id)
    {
        var ids = Ids(kind);
        if (ids.Contains(id)) return;
        ids.Add(id);
        await state.WriteStateAsync();
    }

    public async Task Unregister(DirectoryKind kind, Guid id)
    {
        if (Ids(kind).Remove(id)) await state.WriteStateAsync();
    }

    public Task<OrganizationDirectory> GetDirectory() => Task.FromResult(new OrganizationDirectory(
        [.. Ids(DirectoryKind.Location)], [.. Ids(DirectoryKind.Resource)], [.. Ids(DirectoryKind.Service)], [.. Ids(DirectoryKind.ApiKey)]));

    private List<Guid> Ids(DirectoryKind kind) =>
        state.State.Directory.TryGetValue(kind, out var ids) ? ids : state.State.Directory[kind] = [];

    private OrganizationView? View() =>
        state.State.Name is null ? null : new OrganizationView(this.GetPrimaryKey(), state.State.Name, state.State.CreatedAt);
}
