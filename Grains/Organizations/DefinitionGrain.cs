using Realtime.Grains.Caching;

namespace Realtime.Grains.Organizations;

public sealed class DefinitionState<TDefinition> where TDefinition : class
{
    public Guid OrganizationId { get; set; }
    public TDefinition? Definition { get; set; }
    public long Version { get; set; }

    /// <summary>
    /// The work the last change hands on (<c>HandOn</c>) is still to be done: written with the change, cleared once it
    /// is handed on.
    /// </summary>
    public bool HandOnPending { get; set; }
}

/// <summary>A piece of an organisation's configuration that is created once, then replaced whole.</summary>
public abstract class DefinitionGrain<TDefinition, TView>(
    IPersistentState<DefinitionState<TDefinition>> state, DefinitionChanges changes, string what) : Grain
    where TDefinition : class
    where TView : class
{
    /// <summary>Work a change left pending (its request failed, or its silo stopped first) is handed on as the grain wakes.</summary>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.HandOnPending) this.RegisterGrainTimer(HandOnPending, new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
        return Task.CompletedTask;
    }

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

    /// <summary>Whether a change from <paramref name="previous"/> (null when created) to <paramref name="current"/> has work to hand on.</summary>
    protected virtual bool HasWorkToHandOn(TDefinition? previous, TDefinition current) => false;

    /// <summary>
    /// Hands on the work of a saved change, once every node forgot the old definition. Should it fail, the change stays
    /// saved and the work pending (<see cref="DefinitionState{TDefinition}.HandOnPending"/>): the next update hands it on,
    /// even one that changes nothing (a request sent again), and so does the grain's next activation; so it must be safe
    /// to repeat.
    /// </summary>
    protected virtual Task HandOn(Guid organizationId) => Task.CompletedTask;

    private async Task<Result<TView>> Save(Guid organizationId, TDefinition definition)
    {
        if (Validate(definition) is { Length: > 0 } errors) return DomainError.Validation(errors);
        var previous = state.State.Definition;
        state.State.OrganizationId = organizationId;
        state.State.Definition = Normalize(definition);
        state.State.HandOnPending |= HasWorkToHandOn(previous, state.State.Definition);
        state.State.Version++;
        await state.WriteStateAsync();
        await changes.Saved(this.GetPrimaryKey(), state.State.Version);
        await HandOnPending(CancellationToken.None);
        return ToView(this.GetPrimaryKey(), organizationId, state.State.Definition, state.State.Version);
    }

    private async Task HandOnPending(CancellationToken _)
    {
        if (!state.State.HandOnPending) return;
        await HandOn(state.State.OrganizationId);
        state.State.HandOnPending = false;
        await state.WriteStateAsync();
    }
}
