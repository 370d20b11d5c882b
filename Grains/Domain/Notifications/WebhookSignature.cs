using System.Security.Cryptography;
using System.Text;

namespace Realtime.Grains.Domain.Notifications;

/// <summary>
/// How a webhook delivery is signed: <c>X-Realtime-Signature: sha256=&lt;hex&gt;</c>, the HMAC-SHA256 of the raw request
/// body with the endpoint's secret (its UTF-8 bytes) as the key. Receivers compute the same over the bytes they
/// received and compare in constant time; <c>X-Realtime-Delivery</c> (the notification id, also the body's <c>id</c>)
/// lets them drop repeats, since a delivery may come more than once.
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "X-Realtime-Signature";
    public const string DeliveryHeader = "X-Realtime-Delivery";
    public const string TimestampHeader = "X-Realtime-Timestamp";
    public const string EventHeader = "X-Realtime-Event";
    public const string Prefix = "sha256=";

    public static string Sign(string secret, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        return Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
    }

    public static bool Verify(string secret, ReadOnlySpan<byte> body, string? header)
    {
        if (string.IsNullOrEmpty(secret) || header is null) return false;
        var expected = Encoding.ASCII.GetBytes(Sign(secret, body));
        var actual = Encoding.ASCII.GetBytes(header.Trim());
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    /// <summary>A new secret: 32 random bytes, hex, with a prefix that says what it is.</summary>
    public static string NewSecret() => "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
