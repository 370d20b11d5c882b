using Realtime.Grains.Domain.Organizations;
using Realtime.Grains.Hosting;
using Realtime.Grains.Interfaces.Organizations;

namespace Realtime.Grains.Organizations;

public sealed class OrganizationState
{
    public string? Name { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class OrganizationGrain(
    [PersistentState("organization", StorageNames.Default)] IPersistentState<OrganizationState> state,
    TimeProvider time) : Grain, IOrganizationGrain
{
    public async Task<Result<OrganizationView>> Create(string name)
    {
        if (state.RecordExists) return DomainError.Of(ErrorCodes.AlreadyExists, "The organization exists already.");
        if (ConfigurationRules.ValidateName(name) is { Length: > 0 } errors) return DomainError.Validation(errors);
        state.State.Name = name.Trim();
        state.State.CreatedAt = time.GetUtcNow();
        await state.WriteStateAsync();
        return View()!;
    }

    public Task<OrganizationView?> Get() => Task.FromResult(View());

    private OrganizationView? View() =>
        state.RecordExists ? new OrganizationView(this.GetPrimaryKey(), state.State.Name!, state.State.CreatedAt) : null;
}
