namespace Realtime.Grains.Domain.Access;

/// <summary>Rules of the <c>Idempotency-Key</c> header.</summary>
public static class IdempotencyKeys
{
    public const string HeaderName = "Idempotency-Key";

    /// <summary>Set on an answer that is a stored one sent again.</summary>
    public const string ReplayedHeaderName = "Idempotency-Replayed";

    public const int MaxLength = 200;

    /// <summary>How long an outcome is kept for replay; after that the key may be used for a new request.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>
    /// How long an attempt holds its key before a retry may take over, should its API node die without the cluster
    /// noticing (a node that hosts a silo is noticed sooner). Well above what one request takes: its grain calls time out
    /// after 30 seconds.
    /// </summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    /// <summary>1 to 200 printable ASCII characters (space to tilde), not only spaces.</summary>
    public static FieldError[] Validate(string? key) =>
        key is { Length: > 0 and <= MaxLength } && key.All(c => c is >= ' ' and <= '~') && !string.IsNullOrWhiteSpace(key)
            ? []
            : [new FieldError(HeaderName, $"1 to {MaxLength} printable ASCII characters.")];

    /// <summary>Keys are scoped (to an organisation, or one client of it): two scopes never share an outcome.</summary>
    public static string GrainKey(string scope, string key) => $"{scope}/{key}";

    // Each scope starts with its kind and has a fixed length after it, so no key in one scope spells a key of another.
    public static string OrganizationScope(Guid organizationId) => $"staff/{organizationId:N}";

    public static string ClientScope(Guid organizationId, Guid clientId) => $"client/{organizationId:N}/{clientId:N}";

    public const string OperatorScope = "operator";

    public static bool IsExpired(DateTimeOffset firstSeenAt, DateTimeOffset now) => now - firstSeenAt >= Retention;

    /// <summary>An attempt keeps its key until its lease runs out or its node is known to be dead, whichever comes first.</summary>
    public static bool StillHolds(DateTimeOffset leaseUntil, bool runnerDead, DateTimeOffset now) => now < leaseUntil && !runnerDead;

    /// <summary>
    /// An answer a retry should get again: success or refusal (2xx, 4xx). Not a failure of the server (5xx), nor
    /// "too many requests" or "timeout", which say to try again later: those leave the key free for the retry.
    /// </summary>
    public static bool IsFinal(int statusCode) =>
        statusCode is >= 200 and < 500 and not (408 or 425 or 429);
}
