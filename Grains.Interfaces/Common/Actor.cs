namespace Realtime.Grains.Interfaces.Common;

public enum ActorKind { Staff, Client, System }

/// <summary>Who asked for a change: kept in every history entry.</summary>
[GenerateSerializer, Immutable, Alias("realtime.actor")]
public sealed record Actor(ActorKind Kind, string Id, string Name)
{
    public static readonly Actor Scheduler = new(ActorKind.System, "scheduler", "Scheduler");

    public static Actor Staff(string id, string name) => new(ActorKind.Staff, id, name);
}
