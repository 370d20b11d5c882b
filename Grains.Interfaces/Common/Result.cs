namespace Realtime.Grains.Interfaces.Common;

[GenerateSerializer, Immutable, Alias("realtime.result`1")]
public sealed record Result<T>(T? Value, DomainError? Error)
{
    public bool IsSuccess => Error is null;

    public static implicit operator Result<T>(T value) => new(value, null);

    public static implicit operator Result<T>(DomainError error) => new(default, error);
}
