namespace Realtime.Grains.Domain.Access;

/// <summary>Rules of the <c>Idempotency-Key</c> header of <c>POST /api/appointments</c>.</summary>
public static class IdempotencyKeys
{
    public const string HeaderName = "Idempotency-Key";
    public const int MaxLength = 200;

    /// <summary>How long an outcome is kept for replay; after that the key may be used for a new request.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>1 to 200 printable ASCII characters (space to tilde), not only spaces.</summary>
    public static FieldError[] Validate(string? key) =>
        key is { Length: > 0 and <= MaxLength } && key.All(c => c is >= ' ' and <= '~') && !string.IsNullOrWhiteSpace(key)
            ? []
            : [new FieldError(HeaderName, $"1 to {MaxLength} printable ASCII characters.")];

    /// <summary>Keys are scoped to an organisation: two organisations never share an outcome.</summary>
    public static string GrainKey(Guid organizationId, string key) => $"{organizationId:N}/{key}";

    public static bool IsExpired(DateTimeOffset firstSeenAt, DateTimeOffset now) => now - firstSeenAt >= Retention;
}
