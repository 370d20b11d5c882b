using System.Security.Cryptography;
using System.Text;

namespace Realtime.Grains.Domain.Notifications;

/// <summary>
/// How a webhook delivery is signed: <c>X-Realtime-Signature: sha256=&lt;hex&gt;</c>, the HMAC-SHA256 of
/// <c>{X-Realtime-Timestamp}.{raw request body}</c> with the endpoint's secret (its UTF-8 bytes) as the key. Receivers
/// compute the same over the timestamp and bytes they received and compare in constant time; as the timestamp (Unix
/// seconds) is signed, they can refuse a delivery sent long ago, which an attacker who captured it could otherwise replay.
/// <c>X-Realtime-Delivery</c> (the notification id, also the body's <c>id</c>) lets them drop repeats, since a delivery
/// may come more than once.
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "X-Realtime-Signature";
    public const string DeliveryHeader = "X-Realtime-Delivery";
    public const string TimestampHeader = "X-Realtime-Timestamp";
    public const string EventHeader = "X-Realtime-Event";
    public const string Prefix = "sha256=";

    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentException.ThrowIfNullOrEmpty(timestamp);
        var signed = new byte[Encoding.UTF8.GetByteCount(timestamp) + 1 + body.Length];
        var written = Encoding.UTF8.GetBytes(timestamp, signed);
        signed[written] = (byte)'.';
        body.CopyTo(signed.AsSpan(written + 1));
        return Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    public static bool Verify(string secret, string? timestamp, ReadOnlySpan<byte> body, string? header)
    {
        if (string.IsNullOrEmpty(secret) || string.IsNullOrEmpty(timestamp) || header is null) return false;
        var expected = Encoding.ASCII.GetBytes(Sign(secret, timestamp, body));
        var actual = Encoding.ASCII.GetBytes(header.Trim());
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    /// <summary>A new secret: 32 random bytes, hex, with a prefix that says what it is.</summary>
    public static string NewSecret() => "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
