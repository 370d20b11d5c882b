namespace Realtime.Grains.Interfaces.Common;

[GenerateSerializer, Immutable, Alias("realtime.result`1")]
public sealed record Result<T>(T? Value, DomainError? Error)
{
    public bool IsSuccess => Error is null;

    public static implicit operator Result<T>(T value) => new(value, null);

    public static implicit operator Result<T>(DomainError error) => new(default, error);
}

public static class ResultTasks
{
    /// <summary>A creation under a key's id refused as existing: what <paramref name="made"/> finds there is the answer.</summary>
    public static async Task<Result<T>> OrMadeBefore<T>(this Task<Result<T>> creating, Func<Task<T?>> made)
        where T : class
    {
        var created = await creating;
        return created.Error is { Code: ErrorCodes.AlreadyExists } && await made() is { } earlier ? earlier : created;
    }
}
