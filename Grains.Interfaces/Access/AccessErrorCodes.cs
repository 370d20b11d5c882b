namespace Realtime.Grains.Interfaces.Access;

/// <summary>Refusal codes of keys and idempotency; the API maps codes it does not list itself to 422.</summary>
public static class AccessErrorCodes
{
    /// <summary>The same Idempotency-Key came with another request body (equals the API's <c>Problems.IdempotencyMismatch</c>).</summary>
    public const string IdempotencyKeyReused = "idempotency_key_reused";

    /// <summary>A key tried to revoke itself (which could lock an organisation out).</summary>
    public const string CannotRevokeOwnKey = "cannot_revoke_own_key";
}
