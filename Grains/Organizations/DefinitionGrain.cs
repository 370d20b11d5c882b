using Realtime.Grains.Caching;

namespace Realtime.Grains.Organizations;

public sealed class DefinitionState<TDefinition> where TDefinition : class
{
    public Guid OrganizationId { get; set; }
    public TDefinition? Definition { get; set; }
    public long Version { get; set; }
}

/// <summary>A piece of an organisation's configuration that is created once, then replaced whole.</summary>
public abstract class DefinitionGrain<TDefinition, TView>(
    IPersistentState<DefinitionState<TDefinition>> state, DefinitionChanges changes, string what) : Grain
    where TDefinition : class
    where TView : class
{
    public Task<Result<TView>> Create(Guid organizationId, TDefinition definition) =>
        state.RecordExists
            ? Task.FromResult<Result<TView>>(DomainError.Of(ErrorCodes.AlreadyExists, $"The {what} exists already."))
            : Save(organizationId, definition);

    public Task<Result<TView>> Update(TDefinition definition) =>
        state.RecordExists
            ? Save(state.State.OrganizationId, definition)
            : Task.FromResult<Result<TView>>(DomainError.NotFound($"The {what}"));

    public Task<TView?> Get() => Task.FromResult(
        state.RecordExists ? ToView(this.GetPrimaryKey(), state.State.OrganizationId, state.State.Definition!, state.State.Version) : null);

    protected abstract FieldError[] Validate(TDefinition definition);

    protected abstract TDefinition Normalize(TDefinition definition);

    protected abstract TView ToView(Guid id, Guid organizationId, TDefinition definition, long version);

    /// <summary>After a definition was saved over <paramref name="previous"/> (null when created) and every node forgot the old one.</summary>
    protected virtual Task Saved(Guid organizationId, TDefinition? previous, TDefinition current) => Task.CompletedTask;

    private async Task<Result<TView>> Save(Guid organizationId, TDefinition definition)
    {
        if (Validate(definition) is { Length: > 0 } errors) return DomainError.Validation(errors);
        var previous = state.State.Definition;
        state.State.OrganizationId = organizationId;
        state.State.Definition = Normalize(definition);
        state.State.Version++;
        await state.WriteStateAsync();
        await changes.Saved(this.GetPrimaryKey(), state.State.Version);
        await Saved(organizationId, previous, state.State.Definition);
        return ToView(this.GetPrimaryKey(), organizationId, state.State.Definition, state.State.Version);
    }
}
