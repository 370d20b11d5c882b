using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Realtime.Grains.Domain.Access;

/// <summary>A staff key as handed out once: its id (which grain to ask) and its random secret.</summary>
public sealed record ApiKeyToken(Guid KeyId, byte[] Secret)
{
    /// <summary>The hash that is stored instead of the secret.</summary>
    public byte[] SecretHash => ApiKeyTokens.HashSecret(Secret);

    /// <summary>The text to send as <c>Authorization: Bearer &lt;token&gt;</c>.</summary>
    public string Text => ApiKeyTokens.Format(KeyId, Secret);

    /// <summary>Never prints the secret.</summary>
    public override string ToString() => $"{ApiKeyTokens.Prefix}{KeyId:N}_…";
}

/// <summary>
/// Staff API key tokens: <c>rtk_&lt;key id, 32 lowercase hex digits&gt;_&lt;secret, 32 random bytes in base64url
/// without padding (43 characters)&gt;</c>, 80 characters in all. Only SHA-256 of the secret bytes is stored.
/// </summary>
public static class ApiKeyTokens
{
    public const string Prefix = "rtk_";
    public const int SecretBytes = 32;
    public const int HashBytes = 32;

    private const int IdChars = 32;
    private const int SecretChars = 43; // 32 bytes, base64url, no padding
    public const int TokenLength = 4 + IdChars + 1 + SecretChars;

    /// <summary>A new key: a random id and a secret from <see cref="RandomNumberGenerator"/>.</summary>
    public static ApiKeyToken New() => new(Guid.NewGuid(), RandomNumberGenerator.GetBytes(SecretBytes));

    public static string Format(Guid keyId, ReadOnlySpan<byte> secret)
    {
        if (secret.Length != SecretBytes) throw new ArgumentException($"A secret has {SecretBytes} bytes.", nameof(secret));
        return $"{Prefix}{keyId:N}_{Base64Url.EncodeToString(secret)}";
    }

    /// <summary>Reads a token in exactly the format <see cref="Format"/> writes; anything else is refused.</summary>
    public static bool TryParse(string? token, [NotNullWhen(true)] out ApiKeyToken? parsed)
    {
        parsed = null;
        if (token is null || token.Length != TokenLength || !token.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var id = token.AsSpan(Prefix.Length, IdChars);
        if (token[Prefix.Length + IdChars] != '_') return false;
        foreach (var c in id)
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c)) return false;
        }

        var secretText = token.AsSpan(Prefix.Length + IdChars + 1);
        var secret = new byte[SecretBytes];
        if (!Guid.TryParseExact(id, "N", out var keyId)
            || !Base64Url.IsValid(secretText)
            || Base64Url.DecodeFromChars(secretText, secret) != SecretBytes
            || !secretText.SequenceEqual(Base64Url.EncodeToString(secret)))
        {
            return false;
        }

        parsed = new ApiKeyToken(keyId, secret);
        return true;
    }

    public static byte[] HashSecret(ReadOnlySpan<byte> secret) => SHA256.HashData(secret);

    /// <summary>Whether the secret hashes to the stored hash; the comparison takes the same time wherever they differ.</summary>
    public static bool Matches(ReadOnlySpan<byte> storedHash, ReadOnlySpan<byte> secret) =>
        storedHash.Length == HashBytes && CryptographicOperations.FixedTimeEquals(storedHash, HashSecret(secret));

    /// <summary>Compares two secrets given as text in fixed time (over their SHA-256, so the length leaks nothing either).</summary>
    public static bool TextMatches(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(expected)),
            SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(actual)));
}
