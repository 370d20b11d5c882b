using Realtime.Grains.Domain.Access;

namespace Realtime.Domain.Tests.Access;

public sealed class ApiKeyTokensTests
{
    [Fact]
    public void A_new_token_has_the_documented_format_and_parses_back()
    {
        var token = ApiKeyTokens.New();
        var text = token.Text;

        Assert.Equal(ApiKeyTokens.TokenLength, text.Length);
        Assert.Matches("^rtk_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$", text);
        Assert.StartsWith($"rtk_{token.KeyId:N}_", text);
        Assert.True(ApiKeyTokens.TryParse(text, out var parsed));
        Assert.Equal(token.KeyId, parsed.KeyId);
        Assert.Equal(token.Secret, parsed.Secret);
    }

    [Fact]
    public void Secrets_are_32_random_bytes_and_never_repeat()
    {
        var secrets = Enumerable.Range(0, 200).Select(_ => Convert.ToHexString(ApiKeyTokens.New().Secret)).ToList();
        Assert.All(secrets, s => Assert.Equal(64, s.Length));
        Assert.Equal(secrets.Count, secrets.Distinct().Count());
    }

    [Fact]
    public void Format_writes_a_known_secret_in_base64url()
    {
        var id = Guid.Parse("0123456789abcdef0123456789abcdef");
        var secret = Enumerable.Range(0, 32).Select(i => (byte)(i * 8 + 3)).ToArray();
        var text = ApiKeyTokens.Format(id, secret);
        Assert.Equal("rtk_0123456789abcdef0123456789abcdef_" + Convert.ToBase64String(secret).TrimEnd('=').Replace('+', '-').Replace('/', '_'), text);
        Assert.Throws<ArgumentException>(() => ApiKeyTokens.Format(id, new byte[16]));
    }

    private static readonly string Good = ApiKeyTokens.Format(
        Guid.Parse("0123456789abcdef0123456789abcdef"), Enumerable.Range(0, 32).Select(i => (byte)(i * 8 + 3)).ToArray());

    public static TheoryData<string?> Malformed() => new()
    {
        null,
        "",
        "rtk_",
        Good[..^1],                                          // too short
        Good + "A",                                          // too long
        "rtx_" + Good[4..],                                  // wrong prefix
        "RTK_" + Good[4..],
        Good[..4] + Good[4..36].ToUpperInvariant() + Good[36..], // hex must be lowercase
        Good[..36] + "-" + Good[37..],                       // separator
        Good[..4] + "g" + Good[5..],                         // not hex
        Good[..37] + "+" + Good[38..],                       // not base64url
        Good[..37] + "=" + Good[38..],
        NonCanonicalTail(Good),                              // same bytes, other spelling
        " " + Good[1..],
    };

    [Fact]
    public void The_fixed_token_itself_parses() => Assert.True(ApiKeyTokens.TryParse(Good, out _));

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Anything_else_is_refused(string? token) => Assert.False(ApiKeyTokens.TryParse(token, out _));

    [Fact]
    public void Only_the_hash_of_the_secret_matches_in_fixed_time()
    {
        var token = ApiKeyTokens.New();
        var stored = token.SecretHash;
        Assert.Equal(32, stored.Length);
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(token.Secret), stored);
        Assert.True(ApiKeyTokens.Matches(stored, token.Secret));

        var other = (byte[])token.Secret.Clone();
        other[31] ^= 1;
        Assert.False(ApiKeyTokens.Matches(stored, other));
        Assert.False(ApiKeyTokens.Matches(stored, []));
        Assert.False(ApiKeyTokens.Matches([], token.Secret));
        Assert.False(ApiKeyTokens.Matches(stored[..16], token.Secret));
    }

    [Fact]
    public void The_token_text_never_shows_the_secret_through_ToString()
    {
        var token = ApiKeyTokens.New();
        Assert.DoesNotContain(token.Text[37..], token.ToString());
    }

    [Theory]
    [InlineData("operator-secret-1", "operator-secret-1", true)]
    [InlineData("operator-secret-1", "operator-secret-2", false)]
    [InlineData("operator-secret-1", "operator-secret-1 ", false)]
    [InlineData("operator-secret-1", "", false)]
    public void Text_secrets_compare_exactly(string expected, string actual, bool same) =>
        Assert.Equal(same, ApiKeyTokens.TextMatches(expected, actual));

    /// <summary>The last base64url character of 32 bytes carries 2 unused bits: another letter there decodes the same.</summary>
    private static string NonCanonicalTail(string good)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var index = alphabet.IndexOf(good[^1]);
        return good[..^1] + alphabet[index ^ 1];
    }
}
